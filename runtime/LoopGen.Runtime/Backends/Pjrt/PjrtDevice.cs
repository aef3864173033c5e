namespace LoopGen.Backends.Pjrt;

/// <summary>One addressable device of a PJRT client.</summary>
public sealed class PjrtDevice
{
    internal PjrtDevice(int ordinal, int id, string kind, nint pointer)
    {
        Ordinal = ordinal;
        Id = id;
        Kind = kind;
        Pointer = pointer;
    }

    /// <summary>Position in the client's addressable-device list (what <see cref="PjrtBackend.OnDevice"/> takes).</summary>
    public int Ordinal { get; }

    /// <summary>The plugin's global device id (what an executable's device assignment names).</summary>
    public int Id { get; }

    /// <summary>The vendor's device kind, e.g. <c>NVIDIA H100 80GB HBM3</c>; empty if the plugin does not say.</summary>
    public string Kind { get; }

    /// <summary>The <c>PJRT_Device*</c>, owned by the client.</summary>
    internal nint Pointer { get; }

    /// <inheritdoc/>
    public override string ToString() => $"device {Ordinal} (id {Id}{(Kind.Length > 0 ? ", " + Kind : "")})";
}
