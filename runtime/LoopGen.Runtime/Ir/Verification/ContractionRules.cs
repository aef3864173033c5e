using System.Collections.Immutable;

namespace LoopGen.Ir.Verification;

/// <summary>dot_general's dimension numbers and reduce's operands, dimensions and body signature.</summary>
internal static class ContractionRules
{
    public static bool TryVerify(OpCheck c)
    {
        if (c.Op.Name == Ops.DotGeneral) DotGeneral(c);
        else if (c.Op.Name == Ops.Reduce) Reduce(c);
        else return false;
        return true;
    }

    private static void DotGeneral(OpCheck c)
    {
        c.Arity(2, 1);
        c.NoRegions();
        var d = c.Attr<DotDimensionsAttr>("dot_dimension_numbers");
        TensorType lhs = c.Operand(0), rhs = c.Operand(1), result = c.Result(0);
        ImmutableArray<long> lb = Norm(d.LhsBatching), rb = Norm(d.RhsBatching), lc = Norm(d.LhsContracting), rc = Norm(d.RhsContracting);
        c.Require(lb.Length == rb.Length, "C1", $"size(lhs_batching_dimensions) = size(rhs_batching_dimensions); {OpCheck.Dims(lb)} vs {OpCheck.Dims(rb)}");
        c.Require(lc.Length == rc.Length, "C2", $"size(lhs_contracting_dimensions) = size(rhs_contracting_dimensions); {OpCheck.Dims(lc)} vs {OpCheck.Dims(rc)}");
        c.Require(OpCheck.Unique(lb.Concat(lc)), "C3", $"is_unique(lhs_batching_dimensions + lhs_contracting_dimensions); {OpCheck.Dims(lb)} + {OpCheck.Dims(lc)}");
        c.Require(OpCheck.Unique(rb.Concat(rc)), "C4", $"is_unique(rhs_batching_dimensions + rhs_contracting_dimensions); {OpCheck.Dims(rb)} + {OpCheck.Dims(rc)}");
        c.Require(lb.All(x => x >= 0 && x < lhs.Shape.Rank), "C5", $"0 <= lhs_batching_dimensions < rank(lhs); {OpCheck.Dims(lb)}");
        c.Require(lc.All(x => x >= 0 && x < lhs.Shape.Rank), "C6", $"0 <= lhs_contracting_dimensions < rank(lhs); {OpCheck.Dims(lc)}");
        c.Require(rb.All(x => x >= 0 && x < rhs.Shape.Rank), "C7", $"0 <= rhs_batching_dimensions < rank(rhs); {OpCheck.Dims(rb)}");
        c.Require(rc.All(x => x >= 0 && x < rhs.Shape.Rank), "C8", $"0 <= rhs_contracting_dimensions < rank(rhs); {OpCheck.Dims(rc)}");
        for (int i = 0; i < lb.Length; i++)
        {
            c.Require(lhs.Shape[(int)lb[i]] == rhs.Shape[(int)rb[i]], "C9", $"dim(lhs, lhs_batching_dimensions...) = dim(rhs, rhs_batching_dimensions...); lhs dim {lb[i]} vs rhs dim {rb[i]}");
        }
        for (int i = 0; i < lc.Length; i++)
        {
            c.Require(lhs.Shape[(int)lc[i]] == rhs.Shape[(int)rc[i]], "C10", $"dim(lhs, lhs_contracting_dimensions...) = dim(rhs, rhs_contracting_dimensions...); lhs dim {lc[i]} vs rhs dim {rc[i]}");
        }
        // (C12) result dims: batch, then lhs's free dims, then rhs's free dims, each in order.
        var expected = new List<long>();
        expected.AddRange(lb.Select(x => (long)lhs.Shape[(int)x]));
        expected.AddRange(Enumerable.Range(0, lhs.Shape.Rank).Where(a => !lb.Contains(a) && !lc.Contains(a)).Select(a => (long)lhs.Shape[a]));
        expected.AddRange(Enumerable.Range(0, rhs.Shape.Rank).Where(a => !rb.Contains(a) && !rc.Contains(a)).Select(a => (long)rhs.Shape[a]));
        c.Require(result.Shape.Rank == expected.Count && expected.Select((e, a) => e == result.Shape[a]).All(x => x), "C12",
            $"shape(result) = batch + lhs result dims + rhs result dims = {OpCheck.Dims(expected)}");
        c.Require(lhs.DType == rhs.DType, "C13", "element_type(lhs) = element_type(rhs)");
    }

    private static ImmutableArray<long> Norm(ImmutableArray<long> dims) => dims.IsDefault ? [] : dims;

    private static void Reduce(OpCheck c)
    {
        int total = c.Op.Operands.Count;
        c.Require(total % 2 == 0 && total > 0, "C3", $"0 < size(inputs) = size(init_values); {total} operand(s)");
        int n = total / 2;
        c.Require(c.Op.Results.Count == n, "C3", $"size(results) = size(inputs) = {n}; {c.Op.Results.Count} result(s)");
        c.Require(c.Op.Regions.Count == 1, "arity", $"takes one region (the body), has {c.Op.Regions.Count}");
        var dims = c.Dims("dimensions");
        var first = c.Operand(0);
        for (int i = 0; i < n; i++)
        {
            TensorType input = c.Operand(i), init = c.Operand(n + i);
            c.Require(input.Shape == first.Shape, "C1", $"same(shape(inputs...)); input {i} is {OpCheck.Name(input)}");
            c.Require(init.Shape.Rank == 0, "I2", $"init_values are 0-dimensional; init {i} is {OpCheck.Name(init)}");
            c.Require(input.DType == init.DType, "C2", $"element_type(inputs...) = element_type(init_values...); input {i} vs init {i}");
        }
        c.Require(dims.All(x => x >= 0 && x < first.Shape.Rank), "C4", $"0 <= dimensions < rank(inputs[0]); dimensions = {OpCheck.Dims(dims)}");
        c.Require(OpCheck.Unique(dims), "C5", $"is_unique(dimensions); dimensions = {OpCheck.Dims(dims)}");

        // (C6) body: (tensor<E0>, …, tensor<EN-1>, tensor<E0>, …) -> (tensor<E0>, …). LoopGen's bodies keep the inputs'
        // element types (no promotion), so Ei is element_type(inputs[i]).
        var body = c.Op.Regions[0];
        c.Require(body.Arguments.Count == 2 * n, "C6", $"body takes 2N = {2 * n} arguments, has {body.Arguments.Count}");
        for (int j = 0; j < 2 * n; j++)
        {
            var want = TensorType.Scalar(c.Operand(j % n).DType);
            c.Require(body.Arguments[j].Type == want, "C6", $"body argument {j} must be {OpCheck.Name(want)}, is {OpCheck.Name(body.Arguments[j].Type)}");
        }
        if (body.Terminator is { } ret)
        {
            c.Require(ret.Operands.Count == n, "C6", $"body returns N = {n} values, returns {ret.Operands.Count}");
            for (int i = 0; i < n; i++)
            {
                var want = TensorType.Scalar(c.Operand(i).DType);
                c.Require(ret.Operands[i].Type == want, "C6", $"body result {i} must be {OpCheck.Name(want)}, is {OpCheck.Name(ret.Operands[i].Type)}");
            }
        }

        var kept = Enumerable.Range(0, first.Shape.Rank).Where(a => !dims.Contains(a)).Select(a => (long)first.Shape[a]).ToArray();
        for (int i = 0; i < n; i++)
        {
            var result = c.Result(i);
            c.Require(result.Shape.Rank == kept.Length && kept.Select((k, a) => k == result.Shape[a]).All(x => x), "C7",
                $"shape(results...) = shape(inputs...) without dimensions = {OpCheck.Dims(kept)}; result {i} is {OpCheck.Name(result)}");
            c.Require(result.DType == c.Operand(i).DType, "C8", $"element_type(results[{i}]) = E{i}");
        }
    }
}
