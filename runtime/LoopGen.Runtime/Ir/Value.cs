namespace LoopGen.Ir;

/// <summary>
/// An SSA value: a block argument or an operation result. Compared by identity; printers name values
/// (<c>%0</c>, <c>%arg0</c>) when they print, so a value carries no name of its own except a hint.
/// </summary>
public sealed class Value
{
    /// <summary>Creates a value of the given type.</summary>
    public Value(TensorType type, string? nameHint = null)
    {
        Type = type;
        NameHint = nameHint;
    }

    /// <summary>The value's tensor type.</summary>
    public TensorType Type { get; }

    /// <summary>An optional readable name (a parser keeps the source name here).</summary>
    public string? NameHint { get; }

    /// <inheritdoc/>
    public override string ToString() => $"%{NameHint ?? "?"}: {Type}";
}
