using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>The managed backend: parses StableHLO text and evaluates it. Always present; the default.</summary>
public sealed class InterpreterBackend : IBackend
{
    /// <summary>The shared instance.</summary>
    public static InterpreterBackend Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "interpreter";

    /// <inheritdoc/>
    public IDeviceBuffer Upload(Array data, TensorType type) => throw new NotImplementedException();

    /// <inheritdoc/>
    public Array Download(IDeviceBuffer buffer) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IExecutable Compile(string mlirText) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments) => throw new NotImplementedException();

    /// <inheritdoc/>
    public IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments) => throw new NotImplementedException();
}
