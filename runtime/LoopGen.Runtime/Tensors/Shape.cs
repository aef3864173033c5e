using System.Collections;
using System.Collections.Immutable;
using System.Text;

namespace LoopGen;

/// <summary>The dimensions of a <see cref="Tensor"/>, outermost first. Immutable, compared by value.</summary>
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly ImmutableArray<int> _dims;

    // Axes whose size is only known when compiled code runs (a bounded tensor's public shape); Dims holds their bound.
    private readonly ulong _bounded;

    /// <summary>Creates a shape from its dimensions; every dimension must be zero or more.</summary>
    public Shape(params ReadOnlySpan<int> dims)
    {
        foreach (var d in dims)
        {
            if (d < 0) throw new ArgumentException($"shape dimensions must be >= 0, got ({string.Join(", ", dims.ToArray())})", nameof(dims));
        }
        _dims = [.. dims];
    }

    private Shape(ImmutableArray<int> dims, ulong bounded = 0)
    {
        _dims = dims;
        _bounded = bounded;
    }

    /// <summary>The 0-d shape of a scalar.</summary>
    public static Shape Scalar => new(ImmutableArray<int>.Empty);

    /// <summary>The dimensions.</summary>
    public ImmutableArray<int> Dims => _dims.IsDefault ? ImmutableArray<int>.Empty : _dims;

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => Dims.Length;

    /// <summary>Number of dimensions; same as <see cref="Rank"/>.</summary>
    public int Count => Rank;

    /// <summary>Total number of elements (1 for a scalar, 0 if any dimension is 0).</summary>
    /// <exception cref="TensorShapeException">The count does not fit a <see cref="long"/>.</exception>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dims)
            {
                if (d == 0) return 0;
            }
            foreach (var d in Dims)
            {
                // Checked by hand: an overflow is a shape error naming the shape, not an OverflowException.
                if (n > long.MaxValue / d) throw new TensorShapeException($"shape {this} has more elements than a 64-bit count holds");
                n *= d;
            }
            return n;
        }
    }

    /// <summary>
    /// The dimension at <paramref name="axis"/>. On a traced tensor whose size along <paramref name="axis"/> depends on
    /// the data (a bounded axis, docs/bounded-sizes.md) it throws <see cref="TensorShapeException"/>: the size is a traced
    /// value, read with <c>Tensor.SizeOf(x, axis)</c>; <see cref="Dims"/> holds the padded bound.
    /// </summary>
    public int this[int axis]
    {
        get
        {
            if (_bounded != 0 && (uint)axis < 64 && (_bounded & (1UL << axis)) != 0)
            {
                throw new TensorShapeException(
                    $"Shape[{axis}]: axis {axis} of this traced tensor {this} has a size known only when the compiled code runs "
                    + $"(at most {Dims[axis]}); read it as a traced value with Tensor.SizeOf(x, {axis}) instead of Shape[{axis}]");
            }
            return Dims[axis];
        }
    }

    /// <summary>True when the size of <paramref name="axis"/> is a traced value bounded by <c>Dims[axis]</c> (docs/bounded-sizes.md).</summary>
    public bool IsBounded(int axis) => (uint)axis < 64 && (_bounded & (1UL << axis)) != 0;

    /// <summary>This shape with the axes in <paramref name="mask"/> (bit per axis) marked bounded.</summary>
    internal Shape WithBounded(ulong mask) => new(Dims, mask);

    /// <summary>This shape with no axis marked bounded (what a <c>TensorType</c> holds).</summary>
    internal Shape Plain => _bounded == 0 ? this : new(Dims);

    /// <summary>A copy with one dimension replaced.</summary>
    public Shape With(int axis, int size) => new(Dims.SetItem(axis, size));

    /// <summary>A copy with <paramref name="size"/> inserted before <paramref name="axis"/>.</summary>
    public Shape Insert(int axis, int size) => new(Dims.Insert(axis, size));

    /// <summary>A copy without the dimension at <paramref name="axis"/>.</summary>
    public Shape RemoveAt(int axis) => new(Dims.RemoveAt(axis));

    /// <summary>Row-major strides, in elements.</summary>
    public long[] Strides()
    {
        var strides = new long[Rank];
        long s = 1;
        for (int i = Rank - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Dims[i];
        }
        return strides;
    }

    /// <summary>The dimensions as an array.</summary>
    public int[] ToArray() => [.. Dims];

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>Shapes convert from dimension arrays.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>Numpy-style text: <c>[2,3]</c>, <c>[]</c> for a scalar.</summary>
    public override string ToString()
    {
        if (_bounded == 0) return "[" + string.Join(",", Dims) + "]";
        var parts = new string[Rank];
        for (int i = 0; i < parts.Length; i++) parts[i] = (IsBounded(i) ? "<=" : "") + Dims[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return "[" + string.Join(",", parts) + "]";
    }

    /// <summary>The MLIR dimension prefix: <c>2x3x</c>, empty for a scalar.</summary>
    public string ToMlirPrefix()
    {
        var sb = new StringBuilder();
        foreach (var d in Dims) sb.Append(d).Append('x');
        return sb.ToString();
    }

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
