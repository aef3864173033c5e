using LoopGen.Compilation;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen.Loops;

/// <summary>
/// The one lowering behind <c>Loop.Fori</c>, <c>Loop.While</c> and <c>Loop.Scan</c> (as JAX lowers all three to
/// one while primitive): trace cond and body into the two regions of a <c>stablehlo.while</c>, carry invariants
/// the regions use as extra operands, and stack per-iteration outputs into preallocated buffers.
/// </summary>
internal static class LoopLowering
{
    /// <summary>What one traced iteration returns.</summary>
    /// <param name="Carries">The new carries, one per carry.</param>
    /// <param name="Outputs">Per-iteration outputs to stack (scan), or null.</param>
    /// <param name="Position">Where this iteration's outputs go along the stacked axis (0-d integer), or null.</param>
    internal readonly record struct Step(Tensor[] Carries, Tensor[]? Outputs = null, Tensor? Position = null);

    /// <summary>The carries after the loop and the stacked outputs (one per output, leading axis = stack length).</summary>
    internal readonly record struct Result(Tensor[] Carries, Tensor[] Stacked);

    /// <summary>
    /// Emits one <c>stablehlo.while</c> in the current trace, or, outside any trace, traces the loop into a module of
    /// its own and runs it on the current backend (a loop is never unrolled into eager ops).
    /// </summary>
    /// <param name="info">Where the loop is, for messages.</param>
    /// <param name="init">Initial carries. The first <paramref name="hiddenCarries"/> are the lowering's own (a counter).</param>
    /// <param name="hiddenCarries">How many leading carries are internal; messages number the user's carries.</param>
    /// <param name="cond">Carries → 0-d pred.</param>
    /// <param name="body">Carries → new carries (+ outputs to stack).</param>
    /// <param name="stackLength">The trip count when the body's outputs are stacked; null when there are none.</param>
    /// <param name="collector">Instead of stacking, how each output is written into a carried buffer (Loop.ForConcat).</param>
    public static Result While(LoopInfo info, Tensor[] init, int hiddenCarries, Func<Tensor[], Tensor> cond, Func<Tensor[], Step> body, int? stackLength = null,
        Collector? collector = null)
    {
        if (TraceScope.Current is null)
        {
            var flat = Executor.TraceAndRun(info.Kind, init, args =>
            {
                var r = While(info, args, hiddenCarries, cond, body, stackLength, collector);
                return [.. r.Carries, .. r.Stacked];
            });
            return new Result(flat[..init.Length], flat[init.Length..]);
        }
        return Emit(info, init, hiddenCarries, cond, body, stackLength, collector);
    }

    /// <summary>Per-iteration outputs written into carried buffers by the caller's rule (Loop.ForConcat's running offsets).</summary>
    /// <param name="BufferType">The buffer's type for output k, from the traced output.</param>
    /// <param name="Write">(buffer, output, k, carries entering the iteration) → the updated buffer.</param>
    internal sealed record Collector(Func<Tensor, int, TensorType> BufferType, Func<Tensor, Tensor, int, Tensor[], Tensor> Write);

    private static void RejectBounded(LoopInfo info, IReadOnlyList<Tensor> carries, int hidden, string what)
    {
        for (int i = hidden; i < carries.Count; i++)
        {
            if (carries[i].Bounds is { Mask: not 0 } b)
            {
                var name = i - hidden < info.CarryNames.Count ? info.CarryNames[i - hidden] : $"carry{i - hidden}";
                throw new TensorShapeException(
                    $"{info.Where}: {what} '{name}' has a size that depends on the data along axis {b.Axes.First()} ({carries[i].Shape}); "
                    + "a loop carry keeps one static shape: collect such pieces with Loop.ForConcat (docs/bounded-sizes.md)");
            }
        }
    }

    private static Result Emit(LoopInfo info, Tensor[] init, int hidden, Func<Tensor[], Tensor> cond, Func<Tensor[], Step> body, int? stackLength, Collector? collector)
    {
        RejectBounded(info, init, hidden, "the carry");
        var outer = TraceScope.Current!;
        var types = init.Select(t => t.Type).ToArray();
        var initValues = init.Select(outer.Use).ToArray();

        // cond region: carries → pred.
        var condBlock = new Block();
        var condArgs = types.Select(t => condBlock.AddArgument(t)).ToArray();
        var condScope = TraceScope.OpenRegion(ScopeKind.Loop, condBlock);
        Value predicate;
        try
        {
            var p = cond(Wrap(condScope, condArgs, init));
            if (p is null || p.DType != DType.Pred || p.Rank != 0)
            {
                throw new InvalidOperationException(
                    $"{info.Where}: the condition must return a 0-d pred tensor (a comparison such as x > 0); it returned {p?.Type.ToString() ?? "null"}");
            }
            predicate = condScope.Use(p);
        }
        finally
        {
            condScope.Close();
        }

        // body region: carries → new carries, and stacked outputs written at their position.
        var bodyBlock = new Block();
        var bodyArgs = types.Select(t => bodyBlock.AddArgument(t)).ToArray();
        var bodyScope = TraceScope.OpenRegion(ScopeKind.Loop, bodyBlock);
        Value[] newCarries;
        var stackTypes = new List<TensorType>();
        var stackArgs = new List<Value>();
        var stackNew = new List<Value>();
        var outputWeak = new List<bool>();
        bool[] carryWeak;
        try
        {
            var entering = Wrap(bodyScope, bodyArgs, init);
            var step = body(entering);
            info.CheckCarries(entering[hidden..], step.Carries[Math.Min(hidden, step.Carries.Length)..]);
            RejectBounded(info, step.Carries, hidden, "the carry");
            if (collector is not null)
            {
                var ys = step.Outputs ?? [];
                for (int k = 0; k < ys.Length; k++)
                {
                    var stackType = collector.BufferType(ys[k], k);
                    stackTypes.Add(stackType);
                    outputWeak.Add(ys[k].IsWeak);
                    var buffer = bodyBlock.AddArgument(stackType);
                    stackArgs.Add(buffer);
                    stackNew.Add(bodyScope.Use(collector.Write(bodyScope.Wrap(buffer), ys[k], k, entering)));
                }
            }
            newCarries = [.. step.Carries.Select(bodyScope.Use)];
            carryWeak = [.. step.Carries.Select((c, i) => c.IsWeak && init[i].IsWeak)];
            if (stackLength is int length)
            {
                RejectBounded(info, step.Outputs ?? [], 0, "the output");
                foreach (var y in step.Outputs ?? [])
                {
                    var stackType = new TensorType(y.DType, y.Shape.Insert(0, length));
                    stackTypes.Add(stackType);
                    outputWeak.Add(y.IsWeak);
                    if (length == 0) continue; // nothing to write, and a [1,…] update would not fit a [0,…] buffer
                    var buffer = bodyBlock.AddArgument(stackType);
                    stackArgs.Add(buffer);
                    stackNew.Add(bodyScope.Use(WriteRow(bodyScope.Wrap(buffer), y, step.Position!)));
                }
            }
        }
        finally
        {
            bodyScope.Close();
        }

        // Invariants either region used become extra operands, passed through the body unchanged.
        var captures = new List<TraceScope.Capture>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var c in condScope.Captures.Concat(bodyScope.Captures))
        {
            if (seen.Add(c.Tensor)) captures.Add(c);
        }
        var condExtra = stackArgs.Select(a => new Value(a.Type)).ToList();
        ArrangeArguments(condBlock, condArgs, condExtra, condScope, captures);
        ArrangeArguments(bodyBlock, bodyArgs, stackArgs, bodyScope, captures);
        var bodyCaptureArgs = bodyBlock.Arguments.Skip(bodyArgs.Length + stackArgs.Count).ToArray();
        condBlock.Operations.Add(new Operation(Ops.Return, [predicate], Array.Empty<TensorType>()));
        bodyBlock.Operations.Add(new Operation(Ops.Return, [.. newCarries, .. stackNew, .. bodyCaptureArgs], Array.Empty<TensorType>()));
        // Windows of windows leave their wide intermediates unused: drop them so that no iteration pays for them.
        if (collector is not null) Autodiff.Dce.Run(bodyBlock);

        // Preallocated stacked outputs: zeros filled row by row with dynamic_update_slice (linear, not concatenation).
        var carried = stackLength is > 0 || collector is not null ? stackTypes : [];
        var stackInit = carried.Select(t => outer.Use(Zeros(t))).ToArray();
        var operands = initValues.Concat(stackInit).Concat(captures.Select(c => c.OuterValue!)).ToArray();
        var resultTypes = types.Concat(carried).Concat(captures.Select(c => c.Inner.Type)).ToArray();
        var op = new Operation(Ops.While, operands, resultTypes, null, [condBlock, bodyBlock]);
        outer.Append(op, weak: false);
        Autodiff.LoopRegistry.Record(op, info); // the gradient names the loop in its messages

        var carries = new Tensor[init.Length];
        for (int i = 0; i < carries.Length; i++) carries[i] = outer.Wrap(op.Results[i], carryWeak[i]);
        var stacked = new Tensor[stackTypes.Count];
        for (int k = 0; k < stacked.Length; k++)
        {
            stacked[k] = carried.Count > 0 ? outer.Wrap(op.Results[init.Length + k], outputWeak[k]) : Zeros(stackTypes[k]);
        }
        return new Result(carries, stacked);
    }

    private static Tensor[] Wrap(TraceScope scope, Value[] args, Tensor[] init)
    {
        var tensors = new Tensor[args.Length];
        for (int i = 0; i < args.Length; i++) tensors[i] = scope.Wrap(args[i], init[i].IsWeak);
        return tensors;
    }

    /// <summary>Block arguments in operand order: carries, stacked buffers, then every captured invariant.</summary>
    private static void ArrangeArguments(Block block, Value[] carries, List<Value> stacks, TraceScope scope, List<TraceScope.Capture> captures)
    {
        var mine = new Dictionary<Tensor, Value>(ReferenceEqualityComparer.Instance);
        foreach (var c in scope.Captures) mine[c.Tensor] = c.Inner;
        block.Arguments.Clear();
        block.Arguments.AddRange(carries);
        block.Arguments.AddRange(stacks);
        foreach (var c in captures) block.Arguments.Add(mine.TryGetValue(c.Tensor, out var inner) ? inner : new Value(c.Inner.Type));
    }

    /// <summary>buffer[position, …] = y, as one dynamic_update_slice.</summary>
    private static Tensor WriteRow(Tensor buffer, Tensor y, Tensor position)
    {
        var row = Tensor.Apply1(Ops.Reshape, [y], new TensorType(y.DType, y.Shape.Insert(0, 1)));
        var zero = Tensor.FromArray(new[] { 0 }, TensorType.Scalar(DType.S32), weak: false);
        var starts = new Tensor[1 + y.Rank];
        starts[0] = position.DType == DType.S32 ? position : Convert(position, DType.S32);
        for (int i = 1; i < starts.Length; i++) starts[i] = zero;
        return Tensor.Apply1(Ops.DynamicUpdateSlice, [buffer, row, .. starts], buffer.Type);
    }

    /// <summary>x[position] along the leading axis, as dynamic_slice + reshape (the scan input of one iteration).</summary>
    public static Tensor ReadRow(Tensor x, Tensor position)
    {
        var rowShape = x.Shape.RemoveAt(0);
        if (x.Shape[0] == 0) return Zeros(new TensorType(x.DType, rowShape));
        var zero = Tensor.FromArray(new[] { 0 }, TensorType.Scalar(DType.S32), weak: false);
        var starts = new Tensor[x.Rank];
        starts[0] = position.DType == DType.S32 ? position : Convert(position, DType.S32);
        for (int i = 1; i < starts.Length; i++) starts[i] = zero;
        var sizes = x.Shape.ToArray();
        sizes[0] = 1;
        var slice = Tensor.Apply1(Ops.DynamicSlice, [x, .. starts], new TensorType(x.DType, new Shape(sizes)), [new NamedAttr("slice_sizes", I64ArrayAttr.Of(sizes))]);
        return Tensor.Apply1(Ops.Reshape, [slice], new TensorType(x.DType, rowShape));
    }

    /// <summary>A tensor of zeros: a 0-d constant broadcast (small in the IR whatever the shape).</summary>
    public static Tensor Zeros(TensorType type)
    {
        Array zero = type.DType switch
        {
            DType.Pred => new[] { false },
            DType.S32 => new[] { 0 },
            DType.S64 => new[] { 0L },
            DType.F32 => new[] { 0f },
            DType.F64 => new[] { 0d },
            _ => throw new NotSupportedException($"zeros of dtype {type.DType.Name()}"),
        };
        var scalar = Tensor.FromArray(zero, TensorType.Scalar(type.DType), weak: false);
        return type.Shape.Rank == 0
            ? scalar
            : Tensor.Apply1(Ops.BroadcastInDim, [scalar], type, [new NamedAttr("broadcast_dimensions", I64ArrayAttr.Of(Array.Empty<long>()))]);
    }

    /// <summary>An integer scalar constant of the given dtype.</summary>
    public static Tensor Index(long value, DType dtype) => dtype switch
    {
        DType.S32 => Tensor.FromArray(new[] { checked((int)value) }, TensorType.Scalar(DType.S32), weak: false),
        DType.S64 => Tensor.FromArray(new[] { value }, TensorType.Scalar(DType.S64), weak: false),
        _ => throw new ArgumentException($"loop indices are s32 or s64, not {dtype.Name()}"),
    };

    /// <summary>a &lt; b for 0-d integers of one dtype.</summary>
    public static Tensor Less(Tensor a, Tensor b) =>
        Tensor.Apply1(Ops.Compare, [a, b], TensorType.Scalar(DType.Pred), [
            new NamedAttr("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.LT)),
            new NamedAttr("compare_type", new ComparisonTypeAttr("SIGNED")),
        ]);

    /// <summary>a + b for 0-d integers of one dtype.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Tensor.Apply1(Ops.Add, [a, b], a.Type);

    /// <summary>a - b for 0-d integers of one dtype.</summary>
    public static Tensor Subtract(Tensor a, Tensor b) => Tensor.Apply1(Ops.Subtract, [a, b], a.Type);

    /// <summary>Converts to another dtype (same shape).</summary>
    public static Tensor Convert(Tensor x, DType dtype) =>
        x.DType == dtype ? x : Tensor.Apply1(Ops.Convert, [x], new TensorType(dtype, x.Shape));
}
