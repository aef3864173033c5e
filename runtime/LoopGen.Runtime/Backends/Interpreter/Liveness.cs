using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// Last uses of the values a block defines. A use anywhere inside an op's regions counts as a use at that op,
/// so a value captured by a loop body stays alive for the whole loop.
/// </summary>
internal static class Liveness
{
    /// <summary>Fills the release lists of <paramref name="plan"/> for <paramref name="block"/>.</summary>
    public static void Annotate(Block block, BlockPlan plan, IReadOnlyDictionary<Value, int> slots)
    {
        // Position of the last use of each value defined here; -1 = never used. Index Steps.Length = the terminator.
        var defined = new Dictionary<Value, int>();
        foreach (var a in block.Arguments) defined[a] = -1;
        var ops = block.Operations;
        int stepCount = plan.Steps.Length;
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            MarkUses(op, i, defined);
            if (i < stepCount)
            {
                foreach (var r in op.Results) defined[r] = -1;
            }
        }

        var atEntry = new List<int>();
        var atReturn = new List<int>();
        var after = new List<int>[stepCount];
        var definedAt = new Dictionary<Value, int>();
        for (int i = 0; i < stepCount; i++)
        {
            foreach (var r in ops[i].Results) definedAt[r] = i;
        }
        foreach (var (value, last) in defined)
        {
            int slot = slots[value];
            if (last == -1)
            {
                if (definedAt.TryGetValue(value, out int d)) (after[d] ??= []).Add(slot);
                else atEntry.Add(slot);
            }
            else if (last >= stepCount)
            {
                atReturn.Add(slot);
            }
            else
            {
                (after[last] ??= []).Add(slot);
            }
        }

        plan.ReleaseAtEntry = [.. atEntry.Distinct()];
        plan.ReleaseAtReturn = [.. atReturn.Distinct()];
        for (int i = 0; i < stepCount; i++)
        {
            var step = plan.Steps[i];
            step.ReleaseAfter = after[i] is { } list ? [.. list.Distinct()] : [];
            if (step.In.Length > 0)
            {
                int s0 = step.In[0];
                step.Operand0Dies = step.ReleaseAfter.Contains(s0) && Array.IndexOf(step.In, s0, 1) < 0;
            }
        }
    }

    private static void MarkUses(Operation op, int index, Dictionary<Value, int> defined)
    {
        foreach (var v in op.Operands)
        {
            if (defined.ContainsKey(v)) defined[v] = index;
        }
        foreach (var region in op.Regions)
        {
            foreach (var inner in region.Operations) MarkUses(inner, index, defined);
        }
    }
}
