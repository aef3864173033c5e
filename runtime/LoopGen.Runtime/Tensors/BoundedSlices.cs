using LoopGen.Ir;
using LoopGen.Loops;
using LoopGen.Tracing;

namespace LoopGen;

/// <summary>
/// The traced forms of <see cref="Tensor.SliceDynamic"/> and of <see cref="Tensor.Concat"/> on bounded tensors
/// (docs/bounded-sizes.md): windows read with <c>dynamic_slice</c> at a clamped start and realigned, concatenations
/// written piece by piece with <c>dynamic_update_slice</c> at a running offset (linear, each piece written once).
/// </summary>
internal static class BoundedSlices
{
    /// <summary>x[start:end] along <paramref name="axis"/> with traced positions: a bounded tensor.</summary>
    public static Tensor Slice(Tensor x, int axis, Tensor start, Tensor end, int? maxLength)
    {
        int padded = x.Type.Shape[axis];
        var size = Tensor.SizeOf(x, axis);
        var zero = I32(0);
        var s = Tensor.Clamp(S32(start), zero, size);
        var e = Tensor.Clamp(S32(end), s, size);
        var length = e - s;

        // The bound: the operand's, the user's, and what the positions' known ranges allow (Math.Min(n, 4) gives 4).
        long bound = padded;
        if (maxLength is int m) bound = Math.Min(bound, m);
        if (length.Range is { } r) bound = Math.Min(bound, Math.Max(0, r.Hi));
        int b = (int)bound;
        if (maxLength is not null) length = Tensor.Minimum(length, I32(b)); // a window longer than maxLength is cut (documented)
        length = length.With(null, new ValueRange(Math.Max(0, length.Range?.Lo ?? 0), b));

        // A window of a window reads the first window's source: no copy of the wide intermediate is made per iteration
        // (the unused intermediate is dead code, dropped from loop bodies).
        Tensor source;
        Tensor sourceStart;
        if (x.Bounds?.View is { } view && view.Axis == axis)
        {
            source = view.Source;
            sourceStart = view.Start + s;
        }
        else
        {
            source = x.Unbounded();
            sourceStart = s;
        }

        var lengths = new Tensor?[x.Rank];
        bool otherBounded = false;
        if (x.Bounds is { } xb)
        {
            for (int i = 0; i < lengths.Length; i++)
            {
                if (i != axis && xb.Lengths[i] is { } l)
                {
                    lengths[i] = l;
                    otherBounded = true;
                }
            }
        }
        lengths[axis] = length;
        var window = Window(source, axis, sourceStart, b);
        var viewOut = otherBounded || source.IsBounded ? null : new SliceView(source, axis, sourceStart);
        return window.With(new BoundedDims(lengths, viewOut), null);
    }

    /// <summary>
    /// <c>source[start : start + b]</c> along <paramref name="axis"/>, exact even where <c>start + b</c> passes the end
    /// (<c>dynamic_slice</c> would clamp the start there and shift the data): read at the clamped start, then realign
    /// by the shift with a second <c>dynamic_slice</c> of the window repeated twice. Costs O(b), not O(source).
    /// </summary>
    private static Tensor Window(Tensor source, int axis, Tensor start, int b)
    {
        int dim = source.Type.Shape[axis];
        var sizes = source.Type.Shape.ToArray();
        sizes[axis] = b;
        if (b == 0) return LoopLowering.Zeros(new TensorType(source.DType, new Shape(sizes)));
        var clamped = b == dim ? I32(0) : Tensor.Minimum(start, I32(dim - b));
        var piece = Tensor.DynamicSliceCore(source, Starts(source.Rank, axis, clamped), sizes);
        if (start.Range is { } r && r.Hi + b <= dim) return piece; // never clamped: no shift to undo
        var shift = b == dim ? start : start - clamped;
        var twice = Tensor.Concat([piece, piece], axis);
        return Tensor.DynamicSliceCore(twice, Starts(source.Rank, axis, shift), sizes);
    }

    /// <summary>
    /// Concatenation of traced tensors some of which are bounded along <paramref name="axis"/>: a buffer as long as the
    /// sum of the bounds, each piece written at the running offset (later pieces overwrite earlier padding).
    /// </summary>
    public static Tensor Concat(Tensor[] list, int axis, DType dtype, bool weak)
    {
        var shape = list[0].Type.Shape;
        var lengths = new Tensor?[shape.Rank];
        long total = 0;
        foreach (var t in list)
        {
            total += t.Type.Shape[axis];
            if (t.Bounds is not { } tb) continue;
            foreach (int i in tb.Axes)
            {
                if (i == axis) continue;
                if (lengths[i] is null) lengths[i] = tb.Lengths[i];
                else if (!ReferenceEquals(lengths[i], tb.Lengths[i])) throw BoundedOps.Mismatch("Concat", i);
            }
        }
        for (int i = 0; i < lengths.Length; i++)
        {
            if (i == axis || lengths[i] is null) continue;
            if (list.Any(t => !(t.Bounds?.IsBounded(i) ?? false))) throw BoundedOps.Mismatch("Concat", i);
        }
        var buffer = LoopLowering.Zeros(new TensorType(dtype, shape.With(axis, checked((int)total))));
        var offset = I32(0);
        foreach (var t in list)
        {
            buffer = Tensor.DynamicUpdateSliceCore(buffer, t.Unbounded().ConvertTo(dtype), Starts(shape.Rank, axis, offset));
            offset = offset + Tensor.SizeOf(t, axis);
        }
        lengths[axis] = offset.With(null, new ValueRange(0, total));
        var result = weak ? buffer : buffer.AsStrong();
        return result.With(new BoundedDims(lengths), null);
    }

    /// <summary>Start operands for a dynamic (update) slice: <paramref name="at"/> on <paramref name="axis"/>, 0 elsewhere.</summary>
    internal static Tensor[] Starts(int rank, int axis, Tensor at)
    {
        var starts = new Tensor[rank];
        for (int i = 0; i < rank; i++) starts[i] = i == axis ? at : I32(0);
        return starts;
    }

    private static Tensor I32(int v) => Tensor.FromArray(new[] { v }, TensorType.Scalar(DType.S32), weak: false);

    private static Tensor S32(Tensor t) => t.DType == DType.S32 ? t.AsStrong() : t.ConvertTo(DType.S32).AsStrong();
}
