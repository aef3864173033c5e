using LoopGen.Ir;
using LoopGen.Ir.Text;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// The managed backend: parses StableHLO text and evaluates it on host arrays. Always present; the default.
/// Compiled programs are immutable and thread-safe; buffers are immutable host arrays.
/// </summary>
public sealed class InterpreterBackend : IBackend, Compilation.IModuleCompiler
{
    /// <summary>The shared instance.</summary>
    public static InterpreterBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "interpreter";

    /// <inheritdoc/>
    /// <remarks>The interpreter takes ownership of <paramref name="data"/>: callers pass an array nobody writes afterwards.</remarks>
    public IDeviceBuffer Upload(Array data, TensorType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(type);
        var clr = type.DType.ClrType();
        if (data.Rank != 1 || data.GetType().GetElementType() != clr)
        {
            throw new ArgumentException($"a {type} buffer needs a one-dimensional {clr.Name}[], got {data.GetType().Name}", nameof(data));
        }
        if (data.LongLength != type.Shape.ElementCount)
        {
            throw new ArgumentException($"a {type} buffer needs {type.Shape.ElementCount} elements, got {data.LongLength}", nameof(data));
        }
        return new HostBuffer(type, data);
    }

    /// <inheritdoc/>
    public Array Download(IDeviceBuffer buffer)
    {
        var hb = AsHost(buffer, nameof(buffer));
        return (Array)hb.Data.Clone();
    }

    /// <inheritdoc/>
    public IExecutable Compile(string mlirText)
    {
        ArgumentNullException.ThrowIfNull(mlirText);
        return Compile(MlirParser.Parse(mlirText));
    }

    /// <summary>Compiles a module's <c>main</c> directly from the IR (no text).</summary>
    internal static InterpreterProgram Compile(Module module) => InterpreterProgram.Compile(module);

    /// <summary>Compiled functions and loops come here with the IR they printed: no parse of the text just written.</summary>
    IExecutable Compilation.IModuleCompiler.Compile(Module module) => InterpreterProgram.Compile(module);

    /// <inheritdoc/>
    public IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments)
    {
        if (executable is not InterpreterProgram program)
        {
            throw new ArgumentException($"the interpreter cannot run an executable compiled by another backend ({executable?.GetType().Name ?? "null"})", nameof(executable));
        }
        return program.Run(arguments);
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count != op.Operands.Count)
        {
            throw new ArgumentException($"{op.Name} takes {op.Operands.Count} operand(s), got {arguments.Count} buffer(s)", nameof(arguments));
        }
        for (int i = 0; i < arguments.Count; i++)
        {
            var hb = AsHost(arguments[i], nameof(arguments));
            if (hb.Type != op.Operands[i].Type)
            {
                throw new ArgumentException($"{op.Name} operand {i}: expected {op.Operands[i].Type}, got {hb.Type}", nameof(arguments));
            }
        }
        return OpPlans.Run(op, arguments);
    }

    private static HostBuffer AsHost(IDeviceBuffer buffer, string paramName) => buffer as HostBuffer
        ?? throw new ArgumentException($"expected an interpreter buffer, got {buffer?.GetType().Name ?? "null"}", paramName);
}
