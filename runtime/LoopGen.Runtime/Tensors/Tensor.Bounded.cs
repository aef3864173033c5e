using LoopGen.Ir;
using LoopGen.Loops;
using LoopGen.Tracing;

namespace LoopGen;

public sealed partial class Tensor
{
    /// <summary>The data-dependent sizes of a traced tensor; null when every axis is static (docs/bounded-sizes.md).</summary>
    internal BoundedDims? Bounds { get; private init; }

    /// <summary>A known interval for a traced 0-d integer (a constant, a size, their sums and minima); null when unknown.</summary>
    internal ValueRange? Range { get; private init; }

    /// <summary>True when some axis of this traced tensor has a data-dependent (bounded) size.</summary>
    internal bool IsBounded => Bounds is { Mask: not 0 };

    /// <summary>The same traced value with other bounds and range (no op is emitted).</summary>
    internal Tensor With(BoundedDims? bounds, ValueRange? range)
    {
        var s = Symbol ?? throw new InvalidOperationException("only a traced tensor carries bounds");
        return new Tensor(s.Value, s.Scope, IsWeak) { Bounds = bounds, Range = range };
    }

    /// <summary>A static slice (starts and sizes per axis) of a concrete or traced tensor.</summary>
    internal Tensor SliceStatic(int[] starts, int[] sizes) => SliceCore(starts, sizes);

    /// <summary>The padded value itself, without its bounds: what the lowering hands to ops that write or move it.</summary>
    internal Tensor Unbounded() => Bounds is null ? this : With(null, null);

    /// <summary>A constant's value: the data of a concrete 0-d integer, or a traced one whose range is a single value.</summary>
    internal long? KnownValue() =>
        Rank != 0 || !DType.IsInteger() ? null
        : IsTraced ? (Range is { } r && r.Lo == r.Hi ? r.Lo : null)
        : DType == DType.S64 ? Item<long>() : System.Convert.ToInt64(ReadHost().GetValue(0), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The size of <paramref name="axis"/> as a 0-d s32 tensor: traced when the size depends on the data (a bounded axis,
    /// made by <see cref="SliceDynamic"/> or <c>Loop.ForConcat</c>), a constant otherwise. On a bounded axis
    /// <c>x.Shape[axis]</c> throws; this is how such a size is read (docs/bounded-sizes.md).
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="axis">The axis (negative counts from the end).</param>
    public static Tensor SizeOf(Tensor x, int axis)
    {
        ArgumentNullException.ThrowIfNull(x);
        int a = Broadcasting.Axis("SizeOf", axis, x.Type);
        if (x.Bounds?.Lengths[a] is { } length) return length;
        return FromArray(new[] { x.Type.Shape[a] }, TensorType.Scalar(DType.S32), weak: false);
    }

    /// <summary>
    /// The elements <c>[start, end)</c> of <paramref name="x"/> along <paramref name="axis"/>, where start and end are 0-d
    /// integer tensors (concrete or traced): <c>x[.., start..end]</c> with positions known only when the code runs.
    /// Eagerly (and in a trace when both are constants) it is an exact slice, and a range out of bounds throws
    /// <see cref="ArgumentOutOfRangeException"/> as the C# range indexer does. In a trace with a traced start or end the
    /// result is <em>bounded</em> along <paramref name="axis"/>: a padded static shape whose size there is
    /// <c>maxLength ?? (bound of x along axis)</c> (smaller when the positions' ranges are known, as for
    /// <c>Math.Min(size, 4)</c>), and a traced valid length (read it with <see cref="SizeOf"/>). Traced positions
    /// out of range are clamped into <c>[0, size]</c> (XLA's rule for dynamic slices), and a window longer than
    /// <paramref name="maxLength"/> is cut to it: the eager call throws for both (docs/bounded-sizes.md).
    /// </summary>
    /// <param name="x">The tensor to slice.</param>
    /// <param name="axis">The axis (negative counts from the end).</param>
    /// <param name="start">First position (inclusive), a 0-d integer tensor.</param>
    /// <param name="end">Last position (exclusive), a 0-d integer tensor.</param>
    /// <param name="maxLength">The user-stated bound of the window's length; null derives it.</param>
    public static Tensor SliceDynamic(Tensor x, int axis, Tensor start, Tensor end, int? maxLength = null)
    {
        const string op = "SliceDynamic";
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        CheckStartTensor(op, start, "start");
        CheckStartTensor(op, end, "end");
        if (maxLength is < 0) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"{op}: maxLength cannot be negative");
        int a = Broadcasting.Axis(op, axis, x.Type);
        bool boundedAxis = x.Bounds?.IsBounded(a) ?? false;
        // In a trace only traced constants count as known: a concrete tensor there is a parameter, free to change per call.
        bool eager = TraceScope.Current is null;
        if (!boundedAxis && (eager || start.IsTraced) && start.KnownValue() is long s && (eager || end.IsTraced) && end.KnownValue() is long e)
        {
            int dim = x.Type.Shape[a];
            if (s < 0 || e > dim || s > e)
            {
                throw new ArgumentOutOfRangeException(nameof(start), $"{op}: range {s}..{e} is out of bounds for axis {a} of size {dim} (tensor {x.Type})");
            }
            if (maxLength is int m && e - s > m)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLength), $"{op}: the window {s}..{e} on axis {a} is {e - s} long, more than maxLength {m} (tensor {x.Type})");
            }
            var starts = new int[x.Rank];
            var sizes = x.Type.Shape.ToArray();
            starts[a] = (int)s;
            sizes[a] = (int)(e - s);
            return x.SliceCore(starts, sizes);
        }
        if (TraceScope.Current is null)
        {
            throw new InvalidOperationException($"{op}: traced positions outside a trace (x {x.Type}, start {start.Type}, end {end.Type})");
        }
        return BoundedSlices.Slice(x, a, start, end, maxLength);
    }
}
