using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// Dead-code elimination for a gradient module. Every StableHLO op LoopGen emits is pure, so an op none of whose
/// results is used is dropped; regions are cleaned too. The backward loops recompute whole loop bodies, and this is
/// what removes the parts of them the gradient does not read (the rewrite of a collected output, for instance).
/// </summary>
internal static class Dce
{
    /// <summary>Removes dead ops from <paramref name="block"/> and its regions; returns how many were removed.</summary>
    public static int Run(Block block)
    {
        int removed = 0;
        var live = new HashSet<Value>();
        Sweep(block, live, ref removed);
        return removed;
    }

    private static void Sweep(Block block, HashSet<Value> live, ref int removed)
    {
        for (int i = block.Operations.Count - 1; i >= 0; i--)
        {
            var op = block.Operations[i];
            bool keep = op.IsTerminator || op.Results.Any(live.Contains);
            if (!keep)
            {
                block.Operations.RemoveAt(i);
                removed++;
                continue;
            }
            foreach (var region in op.Regions)
            {
                // A region's own results flow to its terminator; values it uses from above stay live.
                Sweep(region, live, ref removed);
            }
            foreach (var v in op.Operands) live.Add(v);
        }
    }
}
