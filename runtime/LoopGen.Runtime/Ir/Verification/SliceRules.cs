namespace LoopGen.Ir.Verification;

/// <summary>slice, dynamic_slice and dynamic_update_slice: bounds, sizes and the start indices' types.</summary>
internal static class SliceRules
{
    public static bool TryVerify(OpCheck c)
    {
        switch (c.Op.Name)
        {
            case Ops.Slice: Slice(c); break;
            case Ops.DynamicSlice: DynamicSlice(c); break;
            case Ops.DynamicUpdateSlice: DynamicUpdateSlice(c); break;
            default: return false;
        }
        return true;
    }

    private static void Slice(OpCheck c)
    {
        c.Arity(1, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), result = c.Result(0);
        var start = c.Dims("start_indices");
        var limit = c.Dims("limit_indices");
        var strides = c.Dims("strides");
        int rank = operand.Shape.Rank;
        c.Require(operand.DType == result.DType, "C1", "element_type(operand) = element_type(result)");
        c.Require(start.Length == rank && limit.Length == rank && strides.Length == rank, "C2",
            $"size(start_indices) = size(limit_indices) = size(strides) = rank(operand); {OpCheck.Dims(start)}, {OpCheck.Dims(limit)}, {OpCheck.Dims(strides)}");
        for (int a = 0; a < rank; a++)
        {
            c.Require(0 <= start[a] && start[a] <= limit[a] && limit[a] <= operand.Shape[a], "C3",
                $"0 <= start_indices <= limit_indices <= shape(operand) on axis {a}: {start[a]}, {limit[a]}, {operand.Shape[a]}");
            c.Require(strides[a] > 0, "C4", $"0 < strides; strides = {OpCheck.Dims(strides)}");
        }
        var expected = Enumerable.Range(0, rank).Select(a => (limit[a] - start[a] + strides[a] - 1) / strides[a]).ToArray();
        c.Require(result.Shape.Rank == rank && expected.Select((e, a) => e == result.Shape[a]).All(x => x), "C5",
            $"shape(result) = ceil((limit_indices - start_indices) / strides) = {OpCheck.Dims(expected)}");
    }

    // (I2) the starts are 0-d integer tensors; (C3/C5) all of one type.
    private static void Starts(OpCheck c, int first, int rank, string sizeId, string sameId)
    {
        int count = c.Op.Operands.Count - first;
        c.Require(count == rank, sizeId, $"size(start_indices) = rank(operand); {count} start(s) for rank {rank}");
        for (int i = first; i < c.Op.Operands.Count; i++)
        {
            var s = c.Operand(i);
            c.Require(s.Shape.Rank == 0 && s.DType.IsInteger(), "I3", $"start index {i - first} must be a 0-d integer tensor, is {OpCheck.Name(s)}");
            c.Require(s == c.Operand(first), sameId, $"same(type(start_indices...)); start 0 is {OpCheck.Name(c.Operand(first))}, start {i - first} is {OpCheck.Name(s)}");
        }
    }

    private static void DynamicSlice(OpCheck c)
    {
        c.Require(c.Op.Operands.Count >= 1, "arity", "takes an operand and its start indices");
        c.Arity(c.Op.Operands.Count, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), result = c.Result(0);
        var sizes = c.Dims("slice_sizes");
        int rank = operand.Shape.Rank;
        c.Require(operand.DType == result.DType, "C1", "element_type(operand) = element_type(result)");
        c.Require(sizes.Length == rank, "C2", $"size(slice_sizes) = rank(operand); slice_sizes = {OpCheck.Dims(sizes)}");
        Starts(c, 1, rank, "C2", "C3");
        for (int a = 0; a < rank; a++)
        {
            c.Require(0 <= sizes[a] && sizes[a] <= operand.Shape[a], "C4", $"0 <= slice_sizes <= shape(operand); slice_sizes = {OpCheck.Dims(sizes)}");
        }
        c.Require(result.Shape.Rank == rank && sizes.Select((s, a) => s == result.Shape[a]).All(x => x), "C5", $"shape(result) = slice_sizes = {OpCheck.Dims(sizes)}");
    }

    private static void DynamicUpdateSlice(OpCheck c)
    {
        c.Require(c.Op.Operands.Count >= 2, "arity", "takes an operand, an update and start indices");
        c.Arity(c.Op.Operands.Count, 1);
        c.NoRegions();
        TensorType operand = c.Operand(0), update = c.Operand(1), result = c.Result(0);
        c.Require(operand == result, "C1", "type(operand) = type(result)");
        c.Require(update.DType == operand.DType, "C2", "element_type(update) = element_type(operand)");
        c.Require(update.Shape.Rank == operand.Shape.Rank, "C3", "rank(update) = rank(operand)");
        Starts(c, 2, operand.Shape.Rank, "C4", "C5");
        for (int a = 0; a < operand.Shape.Rank; a++)
        {
            c.Require(update.Shape[a] <= operand.Shape[a], "C6", $"0 <= shape(update) <= shape(operand) on axis {a}");
        }
    }
}
