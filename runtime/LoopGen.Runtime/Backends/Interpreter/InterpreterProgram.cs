using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// A compiled <c>main</c>: every value has a slot, every op a kernel. Immutable after construction; each call gets
/// its own <see cref="Frame"/>, so any number of threads may run one program at once.
/// </summary>
internal sealed class InterpreterProgram : IExecutable
{
    private readonly BlockPlan _body;
    private readonly int _slotCount;
    private readonly int _classCount;
    private readonly string _functionName;
    private readonly TensorType[] _parameterTypes;
    private readonly TensorType[] _resultTypes;
    // Frames of finished calls, ready for the next ones (one per core at most).
    private readonly Frame?[] _spares = new Frame?[Math.Clamp(Environment.ProcessorCount, 2, 64)];

    internal InterpreterProgram(string functionName, BlockPlan body, int slotCount, int classCount, TensorType[] parameterTypes, TensorType[] resultTypes)
    {
        _functionName = functionName;
        _body = body;
        _slotCount = slotCount;
        _classCount = classCount;
        _parameterTypes = parameterTypes;
        _resultTypes = resultTypes;
        ParameterTypes = parameterTypes;
        ResultTypes = resultTypes;
    }

    /// <inheritdoc/>
    public IReadOnlyList<TensorType> ParameterTypes { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TensorType> ResultTypes { get; }

    /// <summary>
    /// Runs the program on validated or unvalidated buffers. Intermediates come from a per-program arena: a frame
    /// (slots and pool) kept from an earlier call, taken by one call at a time, so a steady stream of calls
    /// allocates only its outputs. Concurrent calls each take their own frame.
    /// </summary>
    public IDeviceBuffer[] Run(IReadOnlyList<IDeviceBuffer> arguments)
    {
        var frame = TakeFrame();
        var results = Run(frame, arguments);
        // Only a call that finished gives its frame back: one that threw (cancelled, index out of range) may have
        // left holds half-dropped, so its frame is dropped with it.
        GiveBack(frame);
        return results;
    }

    /// <summary>Runs the program on a fresh frame and reports that call's allocation counters (tests, diagnostics).</summary>
    public IDeviceBuffer[] Run(IReadOnlyList<IDeviceBuffer> arguments, out ExecutionStats stats)
    {
        var frame = new Frame(_slotCount, _classCount);
        var results = Run(frame, arguments);
        stats = new ExecutionStats(frame.Pool.Allocated, frame.Pool.Reused);
        return results;
    }

    private IDeviceBuffer[] Run(Frame frame, IReadOnlyList<IDeviceBuffer> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count != ParameterTypes.Count)
        {
            throw new ArgumentException(
                $"@{_functionName} takes {ParameterTypes.Count} argument(s) ({string.Join(", ", ParameterTypes)}), got {arguments.Count}",
                nameof(arguments));
        }
        frame.Token = Compilation.CallContext.Token;
        var args = _body.Args;
        for (int i = 0; i < args.Length; i++)
        {
            if (arguments[i] is not HostBuffer hb)
            {
                throw new ArgumentException(
                    $"@{_functionName} argument {i}: expected an interpreter buffer, got {arguments[i]?.GetType().Name ?? "null"} (upload it to the interpreter first)",
                    nameof(arguments));
            }
            if (!ReferenceEquals(hb.Type, _parameterTypes[i]) && hb.Type != _parameterTypes[i])
            {
                throw new ArgumentException(
                    $"@{_functionName} argument {i}: expected {ParameterTypes[i]}, got {hb.Type}", nameof(arguments));
            }
            frame.Slots[args[i]] = hb.Shared;
        }

        frame.RunBlock(_body);

        var results = new IDeviceBuffer[_resultTypes.Length];
        for (int i = 0; i < results.Length; i++)
        {
            var b = frame.Returned(_body, i);
            // Returned arrays leave the call: they are in no free list, and the frame forgets them below.
            results[i] = new HostBuffer(_resultTypes[i], b.Data);
        }
        return results;
    }

    private Frame TakeFrame()
    {
        var spares = _spares;
        for (int i = 0; i < spares.Length; i++)
        {
            if (Volatile.Read(ref spares[i]) is not null && Interlocked.Exchange(ref spares[i], null) is { } frame) return frame;
        }
        return new Frame(_slotCount, _classCount);
    }

    private void GiveBack(Frame frame)
    {
        Array.Clear(frame.Slots);
        frame.Token = default;
        var spares = _spares;
        for (int i = 0; i < spares.Length; i++)
        {
            if (Volatile.Read(ref spares[i]) is null && Interlocked.CompareExchange(ref spares[i], frame, null) is null) return;
        }
    }

    /// <summary>Compiles the function <c>main</c> of <paramref name="module"/>.</summary>
    public static InterpreterProgram Compile(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return Compile(module.Main);
    }

    /// <summary>Compiles one function.</summary>
    public static InterpreterProgram Compile(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Ir.Verification.IrVerifier.IfEnabled(function); // before the interpreter's own rewrites, which make ops outside StableHLO
        function = LoopInvariants.Rewrite(Fusion.Rewrite(function));
        var compiler = new ProgramCompiler();
        var body = compiler.CompileFunction(function);
        var paramTypes = function.Parameters.Select(p => p.Type).ToArray();
        return new InterpreterProgram(function.Name, body, compiler.SlotCount, compiler.ClassCount, paramTypes, [.. function.ResultTypes]);
    }
}
