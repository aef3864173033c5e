namespace LoopGen.Ir.Verification;

/// <summary>Ops that move elements without computing: broadcast_in_dim, reshape, transpose, reverse, concatenate, pad.</summary>
internal static class ShapeRules
{
    public static bool TryVerify(OpCheck c)
    {
        switch (c.Op.Name)
        {
            case Ops.BroadcastInDim: BroadcastInDim(c); break;
            case Ops.Reshape: Reshape(c); break;
            case Ops.Transpose: Transpose(c); break;
            case Ops.Reverse: Reverse(c); break;
            case Ops.Concatenate: Concatenate(c); break;
            case Ops.Pad: Pad(c); break;
            default: return false;
        }
        return true;
    }

    // The spec asks for unique broadcast_dimensions (C4), not increasing ones: a transposing broadcast is legal.
    private static void BroadcastInDim(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), result = c.Result(0);
        var dims = c.Dims("broadcast_dimensions");
        c.Require(operand.DType == result.DType, "C1", "element_type(result) = element_type(operand)");
        c.Require(dims.Length == operand.Shape.Rank, "C2", $"size(broadcast_dimensions) = rank(operand); broadcast_dimensions = {OpCheck.Dims(dims)}");
        c.Require(dims.All(d => d >= 0 && d < result.Shape.Rank), "C3", $"0 <= broadcast_dimensions < rank(result); broadcast_dimensions = {OpCheck.Dims(dims)}");
        c.Require(OpCheck.Unique(dims), "C4", $"is_unique(broadcast_dimensions); broadcast_dimensions = {OpCheck.Dims(dims)}");
        for (int d = 0; d < dims.Length; d++)
        {
            int size = operand.Shape[d], target = result.Shape[(int)dims[d]];
            c.Require(size == 1 || size == target, "C5", $"dim(operand, {d}) = 1 or dim(result, {dims[d]}); {size} vs {target}");
        }
    }

    private static void Reshape(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), result = c.Result(0);
        c.Require(operand.DType == result.DType, "C1", "element_type(result) = element_type(operand)");
        c.Require(operand.Shape.ElementCount == result.Shape.ElementCount, "C2", $"size(operand) = size(result); {operand.Shape.ElementCount} vs {result.Shape.ElementCount}");
    }

    private static void Transpose(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), result = c.Result(0);
        var perm = c.Dims("permutation");
        c.Require(operand.DType == result.DType, "C1", "element_type(result) = element_type(operand)");
        c.Require(perm.Length == operand.Shape.Rank && OpCheck.Unique(perm) && perm.All(p => p >= 0 && p < operand.Shape.Rank), "C2",
            $"permutation is a permutation of range(rank(operand)); permutation = {OpCheck.Dims(perm)}");
        c.Require(result.Shape.Rank == perm.Length && perm.Select((p, i) => operand.Shape[(int)p] == result.Shape[i]).All(x => x), "C3",
            $"shape(result) = dim(operand, permutation...); permutation = {OpCheck.Dims(perm)}");
    }

    private static void Reverse(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        var dims = c.Dims("dimensions");
        c.Require(c.Operand(0) == c.Result(0), "C1", "type(operand) = type(result)");
        c.Require(OpCheck.Unique(dims), "C2", $"is_unique(dimensions); dimensions = {OpCheck.Dims(dims)}");
        c.Require(dims.All(d => d >= 0 && d < c.Result(0).Shape.Rank), "C3", $"0 <= dimensions < rank(result); dimensions = {OpCheck.Dims(dims)}");
    }

    private static void Concatenate(OpCheck c)
    {
        c.Require(c.Op.Operands.Count > 0, "C3", "0 < size(inputs)");
        c.Arity(c.Op.Operands.Count, 1);
        c.NoRegions();
        long dim = c.Attr<IntAttr>("dimension").Value;
        var first = c.Operand(0);
        var result = c.Result(0);
        c.Require(dim >= 0 && dim < first.Shape.Rank, "C4", $"0 <= dimension < rank(inputs[0]); dimension = {dim}");
        long sum = 0;
        for (int i = 0; i < c.Op.Operands.Count; i++)
        {
            var input = c.Operand(i);
            c.Require(input.DType == first.DType, "C1", $"same(element_type(inputs...)); input {i} is {OpCheck.Name(input)}");
            c.Require(input.Shape.Rank == first.Shape.Rank && Enumerable.Range(0, first.Shape.Rank).All(a => a == dim || input.Shape[a] == first.Shape[a]), "C2",
                $"same(shape(inputs...)) except for dimension {dim}; input {i} is {OpCheck.Name(input)}");
            sum += input.Shape[(int)dim];
        }
        c.Require(result.DType == first.DType, "C5", "element_type(result) = element_type(inputs[0])");
        c.Require(result.Shape.Rank == first.Shape.Rank && Enumerable.Range(0, first.Shape.Rank).All(a => result.Shape[a] == (a == dim ? sum : first.Shape[a])), "C6",
            $"shape(result) = shape(inputs[0]) with dim {dim} = {sum}");
    }

    private static void Pad(OpCheck c)
    {
        c.Arity(2, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), padding = c.Operand(1), result = c.Result(0);
        var low = c.Dims("edge_padding_low");
        var high = c.Dims("edge_padding_high");
        var interior = c.Dims("interior_padding");
        c.Require(padding.Shape.Rank == 0, "I2", $"padding_value must be 0-dimensional, is {OpCheck.Name(padding)}");
        c.Require(operand.DType == padding.DType && padding.DType == result.DType, "C1", "element_type(operand) = element_type(padding_value) = element_type(result)");
        int rank = operand.Shape.Rank;
        c.Require(low.Length == rank && high.Length == rank && interior.Length == rank, "C2",
            $"size(edge_padding_low) = size(edge_padding_high) = size(interior_padding) = rank(operand); {OpCheck.Dims(low)}, {OpCheck.Dims(high)}, {OpCheck.Dims(interior)}");
        c.Require(interior.All(p => p >= 0), "C3", $"0 <= interior_padding; interior_padding = {OpCheck.Dims(interior)}");
        var expected = Enumerable.Range(0, rank).Select(a => operand.Shape[a] + low[a] + Math.Max(operand.Shape[a] - 1, 0) * interior[a] + high[a]).ToArray();
        c.Require(result.Shape.Rank == rank && expected.Select((e, a) => e == result.Shape[a]).All(x => x), "C4",
            $"shape(result) = shape(operand) + edge_padding_low + max(shape(operand) - 1, 0) * interior_padding + edge_padding_high = {OpCheck.Dims(expected)}");
    }
}
