using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// A tensor held by the interpreter: a row-major CLR array (<see cref="DTypes.ClrType"/>) and its type. Immutable
/// by contract: nothing writes <see cref="Data"/> after the buffer is created, so buffers may share arrays.
/// </summary>
internal sealed class HostBuffer : IDeviceBuffer
{
    internal HostBuffer(TensorType type, Array data)
    {
        Type = type;
        Data = data;
    }

    private Buf? _shared;

    /// <inheritdoc/>
    public TensorType Type { get; }

    /// <summary>The elements, row-major. Never written.</summary>
    internal Array Data { get; }

    /// <summary>The frame-level handle used when this buffer is an argument of a call.</summary>
    /// <remarks>Made on first use (most results are never passed back in); never pooled, so one instance serves every call.</remarks>
    internal Buf Shared => _shared ??= new Buf(Data, pooled: false, classId: -1);

    /// <inheritdoc/>
    public override string ToString() => $"HostBuffer({Type})";
}
