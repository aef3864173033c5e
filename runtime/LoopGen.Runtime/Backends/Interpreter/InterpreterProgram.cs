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

    internal InterpreterProgram(string functionName, BlockPlan body, int slotCount, int classCount, TensorType[] parameterTypes, TensorType[] resultTypes)
    {
        _functionName = functionName;
        _body = body;
        _slotCount = slotCount;
        _classCount = classCount;
        ParameterTypes = parameterTypes;
        ResultTypes = resultTypes;
    }

    /// <inheritdoc/>
    public IReadOnlyList<TensorType> ParameterTypes { get; }

    /// <inheritdoc/>
    public IReadOnlyList<TensorType> ResultTypes { get; }

    /// <summary>Runs the program on validated or unvalidated buffers.</summary>
    public IDeviceBuffer[] Run(IReadOnlyList<IDeviceBuffer> arguments) => Run(arguments, out _);

    /// <summary>Runs the program and reports the call's allocation counters.</summary>
    public IDeviceBuffer[] Run(IReadOnlyList<IDeviceBuffer> arguments, out ExecutionStats stats)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count != ParameterTypes.Count)
        {
            throw new ArgumentException(
                $"@{_functionName} takes {ParameterTypes.Count} argument(s) ({string.Join(", ", ParameterTypes)}), got {arguments.Count}",
                nameof(arguments));
        }
        var frame = new Frame(_slotCount, _classCount) { Token = Compilation.CallContext.Token };
        for (int i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is not HostBuffer hb)
            {
                throw new ArgumentException(
                    $"@{_functionName} argument {i}: expected an interpreter buffer, got {arguments[i]?.GetType().Name ?? "null"} (upload it to the interpreter first)",
                    nameof(arguments));
            }
            if (hb.Type != ParameterTypes[i])
            {
                throw new ArgumentException(
                    $"@{_functionName} argument {i}: expected {ParameterTypes[i]}, got {hb.Type}", nameof(arguments));
            }
            frame.Slots[_body.Args[i]] = hb.Shared;
        }

        frame.RunBlock(_body);

        var results = new IDeviceBuffer[ResultTypes.Count];
        for (int i = 0; i < results.Length; i++)
        {
            var b = frame.Returned(_body, i);
            // Returned arrays leave the call: the frame and its pool die here, so nothing can recycle them.
            results[i] = new HostBuffer(ResultTypes[i], b.Data);
        }
        stats = new ExecutionStats(frame.Pool.Allocated, frame.Pool.Reused);
        return results;
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
        var compiler = new ProgramCompiler();
        var body = compiler.CompileFunction(function);
        var paramTypes = function.Parameters.Select(p => p.Type).ToArray();
        return new InterpreterProgram(function.Name, body, compiler.SlotCount, compiler.ClassCount, paramTypes, [.. function.ResultTypes]);
    }
}
