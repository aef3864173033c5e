namespace LoopGen.Tracing;

/// <summary>
/// The data-dependent sizes of a traced tensor (docs/bounded-sizes.md). The tensor's IR value keeps a static, padded
/// shape (the bound); per bounded axis a 0-d s32 traced value holds the valid length. Elements past the valid length
/// are padding with unspecified values: every op that could read them either keeps the length (elementwise ops,
/// broadcasts, transposes, slices along other axes) or throws (<see cref="BoundedOps"/>).
/// </summary>
internal sealed class BoundedDims
{
    /// <summary>Creates the bounds of a tensor of rank <c>lengths.Length</c>.</summary>
    /// <param name="lengths">Per axis, the valid length (0-d s32, traced or constant), or null for a static axis.</param>
    /// <param name="view">When the tensor is a window of another (a traced slice), where it reads from; null otherwise.</param>
    /// <param name="expanded">Axes made by broadcasting a size-1 or missing axis: they combine with a bounded axis.</param>
    public BoundedDims(Tensor?[] lengths, SliceView? view = null, ulong expanded = 0)
    {
        Lengths = lengths;
        View = view;
        Expanded = expanded;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] is not null) Mask |= 1UL << i;
        }
    }

    /// <summary>Per axis, the valid length, or null for a static axis.</summary>
    public Tensor?[] Lengths { get; }

    /// <summary>The source of a window, so that a window of a window reads the source once (no per-iteration copy of it).</summary>
    public SliceView? View { get; }

    /// <summary>Bit per axis: the axis is bounded.</summary>
    public ulong Mask { get; }

    /// <summary>Bit per axis: the axis was broadcast from size 1 (it adopts any length).</summary>
    public ulong Expanded { get; }

    /// <summary>True when <paramref name="axis"/> is bounded.</summary>
    public bool IsBounded(int axis) => (Mask & (1UL << axis)) != 0;

    /// <summary>The bounded axes, in order.</summary>
    public IEnumerable<int> Axes
    {
        get
        {
            for (int i = 0; i < Lengths.Length; i++)
            {
                if (Lengths[i] is not null) yield return i;
            }
        }
    }
}

/// <summary>A traced window: the tensor is <c>Source[Start : Start + length]</c> along <c>Axis</c> (Source static there).</summary>
/// <param name="Source">The tensor the window reads (no bounded axis).</param>
/// <param name="Axis">The sliced axis.</param>
/// <param name="Start">The window's first position in Source, 0-d s32, already clamped into range.</param>
internal sealed record SliceView(Tensor Source, int Axis, Tensor Start);

/// <summary>A known interval for a traced 0-d integer (a size or a position): how LoopGen derives bounds.</summary>
/// <param name="Lo">The least value it can take.</param>
/// <param name="Hi">The greatest value it can take.</param>
internal readonly record struct ValueRange(long Lo, long Hi)
{
    /// <summary>The range of a constant.</summary>
    public static ValueRange Of(long value) => new(value, value);
}
