using LoopGen.Ir;

namespace LoopGen.Backends;

/// <summary>
/// Where tensors live and modules run: the managed <c>Interpreter</c> or a PJRT plugin. A backend compiles
/// StableHLO text (generic MLIR form, as <c>LoopGen.Ir.Text.MlirPrinter</c> writes it) and executes it on
/// buffers it owns.
/// </summary>
public interface IBackend
{
    /// <summary>A short name for messages and tables: <c>interpreter</c>, <c>pjrt:cuda</c>.</summary>
    string Name { get; }

    /// <summary>Copies a row-major host array (element type per <see cref="DTypes.ClrType"/>) to a new buffer.</summary>
    IDeviceBuffer Upload(Array data, TensorType type);

    /// <summary>Copies a buffer back to a new row-major host array.</summary>
    Array Download(IDeviceBuffer buffer);

    /// <summary>Compiles a module's text. Thread-safe; callers cache the result (see <c>CompileCache</c>).</summary>
    IExecutable Compile(string mlirText);

    /// <summary>Runs <c>main</c> of a compiled module. Thread-safe.</summary>
    IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments);

    /// <summary>
    /// Runs one operation eagerly (outside any trace). <paramref name="op"/>'s operands are placeholders whose
    /// types match <paramref name="arguments"/>; its regions, if any, only use their own block arguments.
    /// </summary>
    IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments);
}

/// <summary>A tensor's storage on a backend.</summary>
public interface IDeviceBuffer
{
    /// <summary>The buffer's element type and shape.</summary>
    TensorType Type { get; }
}

/// <summary>A compiled module, opaque to everyone but its backend.</summary>
public interface IExecutable
{
    /// <summary>The parameter types of <c>main</c>, in order.</summary>
    IReadOnlyList<TensorType> ParameterTypes { get; }

    /// <summary>The result types of <c>main</c>, in order.</summary>
    IReadOnlyList<TensorType> ResultTypes { get; }
}
