using System.Collections.Concurrent;
using LoopGen.Backends;
using LoopGen.Compilation;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Tracing;

namespace LoopGen.Autodiff;

/// <summary>What a gradient function returns.</summary>
internal enum GradMode
{
    /// <summary>The gradient of a scalar loss with respect to the first argument.</summary>
    Grad,

    /// <summary>The loss and its gradient.</summary>
    ValueAndGrad,

    /// <summary>The outputs and the vector-Jacobian product with a cotangent given as the last argument.</summary>
    Vjp,
}

/// <summary>
/// The untyped machinery behind <see cref="GradFunction{TParams}"/> and its siblings: per signature, trace the
/// function once into a primal module, transform that module into its gradient module (one replay with a tape, then
/// the VJP rules in reverse), compile and cache it. The gradient is taken with respect to the tensors of the first
/// argument (a Tensor, Tensor[] or value tuple of them); the other arguments are data.
/// </summary>
internal sealed class GradCore
{
    private readonly Func<object?[], object?> _fn;
    private readonly ConcurrentDictionary<Signature, Lazy<Entry>> _entries = new();
    private int _traceCount;

    public GradCore(string name, Func<object?[], object?> fn, GradMode mode, GradOptions? options)
    {
        Name = name;
        _fn = fn;
        Mode = mode;
        Options = options ?? new GradOptions();
    }

    public string Name { get; }

    public GradMode Mode { get; }

    public GradOptions Options { get; }

    public int CacheCount => _entries.Count;

    public int TraceCount => _traceCount;

    /// <summary>One signature's gradient: the traced gradient module and its executable.</summary>
    private sealed record Entry(
        TracedFunction Gradient,
        object? PrimalOutput,
        int OutputCount,
        int GradCount,
        IReadOnlyList<string> OverflowMessages,
        IReadOnlyList<ResidualStats> Residuals,
        IExecutable Executable,
        IBackend Backend);

    /// <summary>Runs the gradient; <paramref name="args"/> are the function's arguments (then the cotangent for a VJP).</summary>
    public object? Invoke(object?[] args)
    {
        if (TraceScope.Current is not null) return InvokeInline(args);
        var backend = Backend.Current;
        var signature = Signature.Of(backend, args);
        var lazy = _entries.GetOrAdd(signature, s => new Lazy<Entry>(() => Build(backend, s, args), LazyThreadSafetyMode.ExecutionAndPublication));
        Entry entry;
        try
        {
            entry = lazy.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<Signature, Lazy<Entry>>(signature, lazy));
            throw;
        }
        var outputs = Executor.Run(entry.Backend, entry.Executable, signature.Tensors, entry.Gradient.Captured, entry.Gradient.OutputTemplate);
        int flagsAt = outputs.Length - entry.OverflowMessages.Count;
        for (int i = 0; i < entry.OverflowMessages.Count; i++)
        {
            if (outputs[flagsAt + i].Item<bool>()) throw new GradientException($"{Name}: {entry.OverflowMessages[i]}");
        }
        return Assemble(args, entry.PrimalOutput, outputs[..flagsAt], entry.OutputCount);
    }

    /// <summary>Traces the gradient for these arguments without compiling or running it.</summary>
    public (Lowered Lowered, IReadOnlyList<ResidualStats> Residuals) Lower(object?[] args)
    {
        if (TraceScope.Current is not null) throw new InvalidOperationException($"{Name}: Lower cannot be called while tracing");
        var signature = Signature.Of(Backend.Current, args);
        var (gradient, _, _, _, _, residuals) = TraceGradient(signature, args);
        return (new Lowered(gradient.Module.Name, gradient.Module, MlirPrinter.Print(gradient.Module), gradient.TraceTime), residuals);
    }

    private Entry Build(IBackend backend, Signature signature, object?[] args)
    {
        var (gradient, primalOutput, outputCount, gradCount, messages, residuals) = TraceGradient(signature, args);
        var text = MlirPrinter.Print(gradient.Module);
        var exe = CompileCache.GetOrCompile(backend, text).Executable;
        return new Entry(gradient, primalOutput, outputCount, gradCount, messages, residuals, exe, backend);
    }

    private object?[] PrimalArgs(object?[] args) => Mode == GradMode.Vjp ? args[..^1] : args;

    private (TracedFunction Gradient, object? PrimalOutput, int OutputCount, int GradCount, IReadOnlyList<string> Messages, IReadOnlyList<ResidualStats> Residuals)
        TraceGradient(Signature signature, object?[] args)
    {
        Interlocked.Increment(ref _traceCount);
        var primalArgs = PrimalArgs(args);
        int primalTensors = CountTensors(primalArgs);
        var inputs = signature.Tensors;
        var primal = TracePrimal(primalArgs, inputs[..primalTensors]);
        var ad = new AdContext(Options, primal.Module);
        int outputCount = 0, gradCount = 0;
        var gradient = Tracer.Trace(primal.Module.Name + "_grad", inputs, symbolic =>
        {
            var (outs, grads) = Differentiate(ad, primal, args, symbolic[..primalTensors], symbolic[primalTensors..]);
            outputCount = outs.Length;
            gradCount = grads.Length;
            var flags = ad.OverflowChecks.Select(f => f.Flag);
            return Mode == GradMode.Grad ? [.. grads, .. flags] : [.. outs, .. grads, .. flags];
        });
        Dce.Run(gradient.Module.Main.Body);
        return (gradient, primal.OutputObject, Mode == GradMode.Grad ? 0 : outputCount, gradCount, [.. ad.OverflowChecks.Select(f => f.Message)], ad.Residuals);
    }

    /// <summary>Inside another trace (a compiled training step), the gradient is emitted inline into it.</summary>
    private object? InvokeInline(object?[] args)
    {
        var primalArgs = PrimalArgs(args);
        var flat = primalArgs.SelectMany((a, i) => Tree.Flatten(a, $"arg{i}", allowStatic: true, "argument"))
            .Where(l => l.Tensor is not null).Select(l => l.Tensor!).ToArray();
        var ct = Mode == GradMode.Vjp ? Tree.Tensors(args[^1], "cotangent", "cotangent") : [];
        var primal = TracePrimal(primalArgs, flat);
        var ad = new AdContext(Options, primal.Module);
        var (outs, grads) = Differentiate(ad, primal, args, flat, ct);
        if (ad.OverflowChecks.Count > 0)
        {
            throw new GradientException($"{Name}: a gradient with bounded while loops cannot be traced inside another compiled function yet (the bound check runs on the host); call it directly");
        }
        return Assemble(args, primal.OutputObject, Mode == GradMode.Grad ? grads : [.. outs, .. grads], Mode == GradMode.Grad ? 0 : outs.Length);
    }

    /// <summary>Emits the forward replay and the backward pass into the current trace; returns the outputs and the gradients.</summary>
    private (Tensor[] Outputs, Tensor[] Grads) Differentiate(AdContext ad, TracedFunction primal, object?[] args, Tensor[] primalInputs, Tensor[] cotangents)
    {
        var main = primal.Module.Main;
        int wrt = Tree.Flatten(args[0], "arg0", allowStatic: true, "argument").Count(l => l.Tensor is not null);
        for (int i = 0; i < wrt; i++) ad.Activity.Mark(main.Parameters[i]);
        ad.Activity.Analyze(main.Body);

        var lin = new Linearizer(ad, null, taped: true);
        for (int i = 0; i < primalInputs.Length; i++) lin.Bind(main.Parameters[i], primalInputs[i]);
        for (int j = 0; j < primal.Captured.Count; j++) lin.Bind(main.Parameters[primalInputs.Length + j], primal.Captured[j]);
        Tensor[] outs;
        Dictionary<Value, Tensor> ct;
        try
        {
            outs = lin.Run(main.Body);
            var returned = main.Body.Terminator!.Operands;
            var seeds = Mode == GradMode.Vjp
                ? returned.Select((v, i) => (v, cotangents[i]))
                : [(returned[0], AdOps.Full(returned[0].Type, 1))];
            ct = lin.Backward(seeds);
        }
        catch (MissingRuleException e)
        {
            throw new GradientException($"{Name}: cannot differentiate {e.Op.Name}{Locate(primal, args, primalInputs, e.Op)}: {e.Reason}");
        }
        var grads = new Tensor[wrt];
        for (int i = 0; i < wrt; i++)
        {
            var p = main.Parameters[i];
            grads[i] = ct.TryGetValue(p, out var g) ? g : AdOps.Zeros(p.Type);
        }
        return (outs, grads);
    }

    private object? Assemble(object?[] args, object? primalOutput, Tensor[] outputs, int outputCount)
    {
        var grads = Tree.Rebuild(args[0], outputs[outputCount..]);
        return Mode switch
        {
            GradMode.Grad => grads,
            _ => (Tree.Rebuild(primalOutput, outputs[..outputCount]), grads),
        };
    }

    private TracedFunction TracePrimal(object?[] primalArgs, Tensor[] inputs)
    {
        object? output = null;
        var traced = Tracer.Trace(Name, inputs, symbolic =>
        {
            int next = 0;
            var symbolicArgs = primalArgs.Select(a => Tree.Rebuild(a, _ => symbolic[next++])).ToArray();
            output = _fn(symbolicArgs);
            return Tree.Tensors(output, "result", "result");
        });
        traced = traced with { OutputObject = output };
        CheckOutputs(traced);
        return traced;
    }

    private void CheckOutputs(TracedFunction primal)
    {
        var outs = primal.OutputTemplate;
        if (outs.FirstOrDefault(o => o.IsBounded) is { } bounded)
        {
            throw new GradientException(
                $"{Name}: an output ({bounded.Shape}) has a size that depends on the data (Tensor.SliceDynamic, Loop.ForConcat); "
                + "gradients of such outputs are not supported yet (docs/bounded-sizes.md)");
        }
        if (Mode != GradMode.Vjp && (outs.Length != 1 || outs[0].Rank != 0 || !outs[0].DType.IsFloat()))
        {
            var got = string.Join(", ", outs.Select(o => o.Type.ToString()));
            throw new GradientException(
                $"{Name}: Jit.Grad and Jit.ValueAndGrad need a function that returns one 0-d float tensor (a loss); it returns ({got}). "
                + "Use Jit.Vjp for other outputs, or reduce them (for example .Sum()).");
        }
    }

    /// <summary>" (traced at Model.cs:14)": re-traces with origins recorded and finds the op at the same position.</summary>
    private string Locate(TracedFunction primal, object?[] args, Tensor[] inputs, Operation op)
    {
        var path = OpOrigins.PathOf(primal.Module, op);
        if (path is null) return "";
        try
        {
            var again = OpOrigins.Recording(() => TracePrimal(PrimalArgs(args), inputs));
            var twin = OpOrigins.At(again.Module, path);
            return twin is not null && twin.Name == op.Name && OpOrigins.Of(twin) is { } where ? $" (traced at {where})" : "";
        }
        catch (InvalidOperationException)
        {
            return ""; // the function does not trace the same way twice; the message keeps the op name
        }
    }

    private static int CountTensors(object?[] args) =>
        args.Select((a, i) => Tree.Flatten(a, $"arg{i}", allowStatic: true, "argument").Count(l => l.Tensor is not null)).Sum();
}
