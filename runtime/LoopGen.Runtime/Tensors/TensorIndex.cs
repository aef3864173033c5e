namespace LoopGen;

/// <summary>
/// One entry of a multi-axis index <c>x[1, 2..^1, i]</c>: a position (<see cref="int"/> or <see cref="System.Index"/>,
/// which drops the axis), a <see cref="System.Range"/> (which keeps it), or a 0-d integer <see cref="LoopGen.Tensor"/>
/// (a position known only at run time, such as a loop counter; lowered to <c>dynamic_slice</c>). Converts
/// implicitly from all four.
/// </summary>
public readonly struct TensorIndex
{
    private TensorIndex(TensorIndexKind kind, Index index, Range range, Tensor? tensor, int length = 0)
    {
        Kind = kind;
        Index = index;
        Range = range;
        Tensor = tensor;
        Length = length;
    }

    /// <summary>The window's length, for <see cref="TensorIndexKind.Window"/>.</summary>
    public int Length { get; }

    /// <summary>
    /// <paramref name="length"/> positions from a start held by a 0-d integer tensor: <c>xs[i..(i + k)]</c> with a traced
    /// <c>i</c> (the axis is kept). Like a C# range, the window must lie inside the axis; the interpreter checks it.
    /// </summary>
    /// <param name="start">The first position (0-d integer tensor, not wrapped from the end).</param>
    /// <param name="length">How many positions, at least 0.</param>
    public static TensorIndex Window(Tensor start, int length)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new(TensorIndexKind.Window, default, default, start, length);
    }

    /// <summary>Which of the forms this entry holds.</summary>
    public TensorIndexKind Kind { get; }

    /// <summary>The position, for <see cref="TensorIndexKind.Index"/>.</summary>
    public Index Index { get; }

    /// <summary>The range, for <see cref="TensorIndexKind.Range"/>.</summary>
    public Range Range { get; }

    /// <summary>The 0-d integer tensor, for <see cref="TensorIndexKind.Tensor"/>.</summary>
    public Tensor? Tensor { get; }

    /// <summary>A position from the start; negative values count from the end, as in Python.</summary>
    public static implicit operator TensorIndex(int index) =>
        new(TensorIndexKind.Index, index < 0 ? System.Index.FromEnd(-index) : System.Index.FromStart(index), default, null);

    /// <summary>A position, <c>^1</c> being the last.</summary>
    public static implicit operator TensorIndex(Index index) => new(TensorIndexKind.Index, index, default, null);

    /// <summary>A range of positions; the axis is kept.</summary>
    public static implicit operator TensorIndex(Range range) => new(TensorIndexKind.Range, default, range, null);

    /// <summary>A position held by a 0-d integer tensor (traced or concrete).</summary>
    public static implicit operator TensorIndex(Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new(TensorIndexKind.Tensor, default, default, index);
    }

    /// <summary>The whole axis, as <c>..</c>.</summary>
    public static TensorIndex All => System.Range.All;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        TensorIndexKind.Index => Index.ToString(),
        TensorIndexKind.Range => Range.ToString(),
        TensorIndexKind.Window => $"{Tensor}..+{Length}",
        _ => Tensor!.ToString(),
    };
}

/// <summary>The forms of a <see cref="TensorIndex"/>.</summary>
public enum TensorIndexKind
{
    /// <summary>A static position; the axis is dropped.</summary>
    Index,

    /// <summary>A static range; the axis is kept.</summary>
    Range,

    /// <summary>A 0-d integer tensor position; the axis is dropped.</summary>
    Tensor,

    /// <summary>A window: a 0-d integer tensor start and a static length; the axis is kept.</summary>
    Window,
}
