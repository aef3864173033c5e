using LoopGen.Backends;
using LoopGen.Ir;

namespace LoopGen.Consumer;

/// <summary>
/// Passes everything to another backend and counts what reaches it: a compiled call is one compile and one
/// execute, the same code run eagerly is one eager op per tensor operation. That is how this sample shows, from
/// outside the generated code, that a plain call was intercepted.
/// </summary>
public sealed class CountingBackend(IBackend inner) : IBackend
{
    /// <summary>Modules compiled.</summary>
    public int Compiles { get; private set; }

    /// <summary>Compiled modules run.</summary>
    public int Executes { get; private set; }

    /// <summary>Operations run one at a time (eager code).</summary>
    public int EagerOps { get; private set; }

    /// <inheritdoc/>
    public string Name => $"counting({inner.Name})";

    /// <inheritdoc/>
    public IDeviceBuffer Upload(Array data, TensorType type) => inner.Upload(data, type);

    /// <inheritdoc/>
    public Array Download(IDeviceBuffer buffer) => inner.Download(buffer);

    /// <inheritdoc/>
    public IExecutable Compile(string mlirText)
    {
        Compiles++;
        return inner.Compile(mlirText);
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments)
    {
        Executes++;
        return inner.Execute(executable, arguments);
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments)
    {
        EagerOps++;
        return inner.ExecuteOp(op, arguments);
    }
}
