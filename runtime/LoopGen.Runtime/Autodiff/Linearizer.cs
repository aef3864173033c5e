using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// Replays one block of a traced module into the current trace, op by op, and (when taped) records what the backward
/// pass needs; <see cref="Backward"/> then walks that tape in reverse, applying one VJP rule per op. Regions are
/// replayed by child linearizers: a loop body or branch of the primal module becomes the matching region of the
/// gradient module, so loops stay rolled.
/// </summary>
internal sealed class Linearizer
{
    private readonly Dictionary<Value, Tensor> _env = [];
    private readonly List<TapeEntry> _tape = [];

    public Linearizer(AdContext ad, Linearizer? parent, bool taped)
    {
        Ad = ad;
        Parent = parent;
        Taped = taped;
    }

    public AdContext Ad { get; }

    public Linearizer? Parent { get; }

    /// <summary>Whether ops are recorded for a backward pass (else the replay only computes values).</summary>
    public bool Taped { get; }

    /// <summary>One recorded op: its operands and results as tensors of the gradient trace, and rule-specific data.</summary>
    internal sealed record TapeEntry(Operation Op, Tensor[] Inputs, Tensor[] Outputs, object? Aux);

    public void Bind(Value v, Tensor t) => _env[v] = t;

    private readonly Dictionary<Value, Tensor> _pinned = [];

    /// <summary>Gives the op defining <paramref name="v"/> a stored result: the replay uses it instead of emitting the op.</summary>
    public void Pin(Value v, Tensor stored) => _pinned[v] = stored;

    /// <summary>The tensor standing for a primal value here or in an enclosing replay.</summary>
    public Tensor Lookup(Value v)
    {
        for (var l = this; l is not null; l = l.Parent)
        {
            if (l._env.TryGetValue(v, out var t)) return t;
        }
        throw new InvalidOperationException($"gradient: the value {v.Type} is used before it is defined (malformed module)");
    }

    /// <summary>A child replay for a region, binding its block arguments to <paramref name="args"/>.</summary>
    public Linearizer Child(Block block, IReadOnlyList<Tensor> args, bool taped)
    {
        var child = new Linearizer(Ad, this, taped);
        for (int i = 0; i < block.Arguments.Count; i++) child.Bind(block.Arguments[i], args[i]);
        return child;
    }

    /// <summary>Replays the block's ops; returns the terminator's operands.</summary>
    public Tensor[] Run(Block block)
    {
        foreach (var op in block.Operations)
        {
            if (op.IsTerminator) return [.. op.Operands.Select(Lookup)];
            var ins = op.Operands.Select(Lookup).ToArray();
            var active = Taped && op.Results.Any(Ad.Activity.IsActive);
            if (!op.Results.Any(Ad.Activity.IsActive) && Fold.TryFold(Ad, op, ins) is { } folded)
            {
                Bind(op.Results[0], folded);
                continue;
            }
            var (outs, aux) = op.Results.Count == 1 && _pinned.TryGetValue(op.Results[0], out var stored) ? ([stored], null) : Emit(op, ins, active);
            for (int i = 0; i < outs.Length; i++) Bind(op.Results[i], outs[i]);
            if (active) _tape.Add(new TapeEntry(op, ins, outs, aux));
        }
        throw new InvalidOperationException("gradient: a block without a terminator (malformed module)");
    }

    private (Tensor[] Outs, object? Aux) Emit(Operation op, Tensor[] ins, bool active)
    {
        switch (op.Name)
        {
            case Ops.While:
                return active ? LoopAd.ForwardWithResiduals(this, op, ins) : (LoopAd.Replay(this, op, ins), null);
            case Ops.If or Ops.Case:
                return (BranchAd.Replay(this, op, ins), null);
            case Ops.Reduce:
                return (Tensor.Apply(op.Name, ins, [.. op.Results.Select(r => r.Type)], op.Attributes, [.. op.Regions.Select(Clone.ClosedBlock)]), null);
            default:
                if (op.Regions.Count > 0) throw new MissingRuleException(op, "it has regions the gradient does not know how to replay");
                return (Tensor.Apply(op.Name, ins, [.. op.Results.Select(r => r.Type)], op.Attributes), null);
        }
    }

    /// <summary>
    /// Reverse pass over the tape: starts from the cotangents of <paramref name="seeds"/> (primal value → cotangent)
    /// and returns the cotangent of every active value reached, block arguments and free values included.
    /// </summary>
    public Dictionary<Value, Tensor> Backward(IEnumerable<(Value Primal, Tensor Cotangent)> seeds)
    {
        var ct = new Dictionary<Value, Tensor>();
        foreach (var (v, t) in seeds)
        {
            if (Ad.Activity.IsActive(v)) Accumulate(ct, v, t);
        }
        for (int k = _tape.Count - 1; k >= 0; k--)
        {
            var e = _tape[k];
            var outCts = e.Op.Results.Select(r => ct.GetValueOrDefault(r)).ToArray();
            if (outCts.All(c => c is null)) continue;
            if (e.Op.Name is Ops.If or Ops.Case)
            {
                foreach (var (v, c) in BranchAd.Backward(this, e, outCts)) Accumulate(ct, v, c);
                continue;
            }
            var needs = e.Op.Operands.Select(Ad.Activity.IsActive).ToArray();
            var inCts = e.Op.Name == Ops.While ? LoopAd.Backward(this, e, outCts, needs) : VjpRules.Apply(e, outCts, needs, Ad);
            for (int i = 0; i < inCts.Length; i++)
            {
                if (needs[i] && inCts[i] is { } c) Accumulate(ct, e.Op.Operands[i], c);
            }
        }
        return ct;
    }

    private void Accumulate(Dictionary<Value, Tensor> ct, Value v, Tensor c)
    {
        if (c.Type != v.Type)
        {
            throw new InvalidOperationException($"gradient: a cotangent of type {c.Type} was produced for a value of type {v.Type} (internal error)");
        }
        if (!ct.TryGetValue(v, out var existing))
        {
            ct[v] = c;
            return;
        }
        // A dynamic_slice's cotangent is zero outside one window: add just that window (in place in a loop body), not a
        // whole zero-padded buffer — otherwise reading row i of a stacked input costs the whole stack per iteration.
        if (Ad.Windows.TryGetValue(c, out var w)) ct[v] = AddWindow(existing, w);
        else if (Ad.Windows.TryGetValue(existing, out var w2)) ct[v] = AddWindow(c, w2);
        else ct[v] = AdOps.Add(existing, c);
    }

    private Tensor AddWindow(Tensor dense, (Tensor Update, Tensor[] Starts) w)
    {
        // Into a row known to be zero (LoopAd: no earlier backward iteration wrote it), the window is a plain write.
        if (Ad.ZeroRows.TryGetValue(dense, out var row) && ReferenceEquals(w.Starts[0], row) && w.Update.Shape[0] == 1)
        {
            return AdOps.DynamicUpdateSlice(dense, w.Update, w.Starts);
        }
        return AdOps.DynamicUpdateSlice(dense, AdOps.Add(AdOps.DynamicSlice(dense, w.Starts, w.Update.Shape), w.Update), w.Starts);
    }
}

/// <summary>An op the gradient has no rule for; <see cref="GradCore"/> turns it into a <see cref="GradientException"/> with the user's source line.</summary>
internal sealed class MissingRuleException(Operation op, string reason) : Exception($"{op.Name}: {reason}")
{
    public Operation Op { get; } = op;

    public string Reason { get; } = reason;
}

/// <summary>Deep copies of regions that use only their own arguments (reduce bodies).</summary>
internal static class Clone
{
    public static Block ClosedBlock(Block block)
    {
        var map = new Dictionary<Value, Value>();
        return Copy(block, map);
    }

    private static Block Copy(Block block, Dictionary<Value, Value> map)
    {
        var copy = new Block();
        foreach (var a in block.Arguments) map[a] = copy.AddArgument(a.Type);
        foreach (var op in block.Operations)
        {
            var operands = op.Operands.Select(v => map.TryGetValue(v, out var m) ? m
                : throw new InvalidOperationException($"gradient: a {op.Name} inside a region uses a value from outside it")).ToArray();
            var regions = op.Regions.Select(r => Copy(r, map)).ToArray();
            var c = new Operation(op.Name, operands, [.. op.Results.Select(r => r.Type)], op.Attributes, regions);
            for (int i = 0; i < op.Results.Count; i++) map[op.Results[i]] = c.Results[i];
            copy.Operations.Add(c);
        }
        return copy;
    }
}
