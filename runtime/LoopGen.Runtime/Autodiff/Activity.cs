using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// Which values of a traced module carry a gradient: float values that depend on a differentiated input. Integer,
/// boolean and comparison results never do. A while carry is active when its initial value is, or when the body makes
/// it depend on an active carry (a fixpoint over the body). Values are unique objects, so one set covers the module.
/// </summary>
internal sealed class Activity
{
    private readonly HashSet<Value> _active = [];

    public bool IsActive(Value v) => _active.Contains(v);

    /// <summary>Marks <paramref name="v"/> active if it is a float value.</summary>
    public bool Mark(Value v) => v.Type.DType.IsFloat() && _active.Add(v);

    /// <summary>Propagates activity through <paramref name="block"/> and its regions.</summary>
    public void Analyze(Block block)
    {
        foreach (var op in block.Operations)
        {
            if (op.IsTerminator) continue;
            switch (op.Name)
            {
                case Ops.While:
                {
                    var body = op.Regions[1];
                    for (int i = 0; i < op.Operands.Count; i++)
                    {
                        if (IsActive(op.Operands[i])) Mark(body.Arguments[i]);
                    }
                    bool changed = true;
                    while (changed)
                    {
                        Analyze(body);
                        changed = false;
                        var returned = body.Terminator!.Operands;
                        for (int i = 0; i < returned.Count; i++)
                        {
                            if (IsActive(returned[i]) && Mark(body.Arguments[i])) changed = true;
                        }
                    }
                    for (int i = 0; i < op.Results.Count; i++)
                    {
                        if (IsActive(body.Arguments[i])) Mark(op.Results[i]);
                    }
                    break;
                }
                case Ops.If or Ops.Case:
                    foreach (var region in op.Regions) Analyze(region);
                    for (int i = 0; i < op.Results.Count; i++)
                    {
                        if (op.Regions.Any(r => IsActive(r.Terminator!.Operands[i]))) Mark(op.Results[i]);
                    }
                    break;
                default:
                    if (op.Operands.Any(IsActive))
                    {
                        foreach (var r in op.Results) Mark(r);
                    }
                    break;
            }
        }
    }

    /// <summary>Values used in <paramref name="block"/> (nested regions included) that are defined outside it, in first-use order.</summary>
    public static List<Value> FreeValues(Block block)
    {
        var defined = new HashSet<Value>();
        var free = new List<Value>();
        var seen = new HashSet<Value>();
        Collect(block, defined, free, seen);
        return free;
    }

    private static void Collect(Block block, HashSet<Value> defined, List<Value> free, HashSet<Value> seen)
    {
        foreach (var a in block.Arguments) defined.Add(a);
        foreach (var op in block.Operations)
        {
            foreach (var v in op.Operands)
            {
                if (!defined.Contains(v) && seen.Add(v)) free.Add(v);
            }
            foreach (var r in op.Regions) Collect(r, defined, free, seen);
            foreach (var r in op.Results) defined.Add(r);
        }
    }
}
