using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// An IR rewrite the interpreter runs before planning: the constants of a while body move in front of the while, so
/// they are set once per loop instead of once per iteration (a gradient's backward body has half a dozen index
/// zeros and ones). Regions read outer values directly, so nothing else changes. Loops whose carries are all
/// one-element values are left alone: they run as a register machine (<see cref="Kernels.ScalarLoop"/>) that wants its
/// constants inside. The cond keeps its constants too (<see cref="Kernels.CountedCond"/> reads them there). The module
/// itself is not changed: rewritten blocks are new blocks over the same values.
/// </summary>
internal static class LoopInvariants
{
    /// <summary>The function with its while bodies' constants hoisted (the same function when there are none).</summary>
    public static Function Rewrite(Function function)
    {
        var body = RewriteBlock(function.Body);
        return ReferenceEquals(body, function.Body) ? function : new Function(function.Name, body, function.ResultTypes, function.IsPublic);
    }

    private static Block RewriteBlock(Block block)
    {
        List<Operation>? ops = null;
        for (int i = 0; i < block.Operations.Count; i++)
        {
            var op = block.Operations[i];
            var current = op;
            List<Operation>? hoisted = null;
            if (op.Regions.Count > 0)
            {
                // Inner loops first: what they hoist lands in this region and may move further out below.
                var regions = op.Regions.Select(RewriteBlock).ToArray();
                if (op.Name == Ops.While && regions.Length == 2 && op.Operands.Any(v => v.Type.Shape.ElementCount != 1))
                {
                    hoisted = [.. regions[1].Operations.Where(IsHoistable)];
                    if (hoisted.Count > 0) regions[1] = new Block(regions[1].Arguments, regions[1].Operations.Where(o => !IsHoistable(o)));
                }
                if (regions.Where((r, k) => !ReferenceEquals(r, op.Regions[k])).Any())
                {
                    current = new Operation(op.Name, op.Operands, op.Results, op.Attributes, regions);
                }
            }
            if (ops is null && ReferenceEquals(current, op) && hoisted is not { Count: > 0 }) continue;
            ops ??= [.. block.Operations.Take(i)];
            if (hoisted is not null) ops.AddRange(hoisted);
            ops.Add(current);
        }
        return ops is null ? block : new Block(block.Arguments, ops);
    }

    private static bool IsHoistable(Operation op) => op.Name == Ops.Constant && op.Regions.Count == 0;
}
