using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// Dead-code elimination for a gradient module. Every StableHLO op LoopGen emits is pure, so an op none of whose
/// results is used is dropped; regions are cleaned too. The backward loops recompute whole loop bodies, and this is
/// what removes the parts of them the gradient does not read (the rewrite of a collected output, for instance).
/// Dead while carries go too: a carry whose result nobody reads and whose value feeds only its own next value (a
/// residual stack the backward pass ended up not reading, or a buffer the backward loop only passes along) is
/// removed from the loop, so the forward loop no longer writes it every iteration.
/// </summary>
internal static class Dce
{
    /// <summary>Removes dead ops and dead while carries from <paramref name="block"/> and its regions; returns how many ops were removed.</summary>
    public static int Run(Block block)
    {
        int removed = 0;
        while (true)
        {
            Sweep(block, [], ref removed);
            if (!PruneCarries(block, Uses(block, []))) return removed;
        }
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

    /// <summary>Every value used as an operand anywhere in <paramref name="block"/>, its regions included.</summary>
    private static HashSet<Value> Uses(Block block, HashSet<Value> into)
    {
        foreach (var op in block.Operations)
        {
            foreach (var v in op.Operands) into.Add(v);
            foreach (var r in op.Regions) Uses(r, into);
        }
        return into;
    }

    /// <summary>Rewrites every while with dead carries (inner loops first); true when one changed.</summary>
    private static bool PruneCarries(Block block, HashSet<Value> used)
    {
        bool changed = false;
        for (int k = 0; k < block.Operations.Count; k++)
        {
            var op = block.Operations[k];
            foreach (var r in op.Regions) changed |= PruneCarries(r, used);
            if (op.Name != Ops.While || op.Regions.Count != 2) continue;
            var dead = DeadCarries(op, used);
            if (dead.Count == 0) continue;
            block.Operations[k] = WithoutCarries(op, dead);
            changed = true;
        }
        return changed;
    }

    /// <summary>Carries whose result is unused, that the condition does not read, and that no other carry's next value depends on.</summary>
    private static HashSet<int> DeadCarries(Operation op, HashSet<Value> used)
    {
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        var condUses = Uses(cond, []);
        var dead = new HashSet<int>();
        for (int i = 0; i < op.Results.Count; i++)
        {
            if (!used.Contains(op.Results[i]) && !condUses.Contains(cond.Arguments[i])) dead.Add(i);
        }
        while (dead.Count > 0)
        {
            var live = LiveIn(body, [.. Enumerable.Range(0, op.Results.Count).Where(i => !dead.Contains(i)).Select(i => body.Terminator!.Operands[i])]);
            int before = dead.Count;
            dead.RemoveWhere(i => live.Contains(body.Arguments[i]));
            if (dead.Count == before) break;
        }
        return dead;
    }

    /// <summary>The values of <paramref name="block"/> that <paramref name="roots"/> depend on (an op with regions depends on all they use).</summary>
    private static HashSet<Value> LiveIn(Block block, IEnumerable<Value> roots)
    {
        var live = new HashSet<Value>(roots);
        for (int i = block.Operations.Count - 1; i >= 0; i--)
        {
            var op = block.Operations[i];
            if (op.IsTerminator || !op.Results.Any(live.Contains)) continue;
            foreach (var v in op.Operands) live.Add(v);
            foreach (var r in op.Regions) Uses(r, live);
        }
        return live;
    }

    private static Operation WithoutCarries(Operation op, HashSet<int> dead)
    {
        var (cond, body) = (op.Regions[0], op.Regions[1]);
        var keep = Enumerable.Range(0, op.Results.Count).Where(i => !dead.Contains(i)).ToArray();
        var newCond = new Block(keep.Select(i => cond.Arguments[i]), cond.Operations);
        var ret = body.Terminator!;
        var bodyOps = body.Operations.Take(body.Operations.Count - 1)
            .Append(new Operation(ret.Name, [.. keep.Select(i => ret.Operands[i])], Array.Empty<TensorType>()));
        var newBody = new Block(keep.Select(i => body.Arguments[i]), bodyOps);
        return new Operation(op.Name, [.. keep.Select(i => op.Operands[i])], [.. keep.Select(i => op.Results[i])], op.Attributes, [newCond, newBody]);
    }
}
