using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

public sealed partial class Tensor
{
    /// <summary>Reshape without checks (the caller checked element counts).</summary>
    internal Tensor ReshapeTo(Shape shape) =>
        Shape == shape ? this : Apply1(Ops.Reshape, [this], new TensorType(DType, shape), weak: IsWeak);

    /// <summary>
    /// The same elements, in row-major order, with a new shape. One dimension may be <c>-1</c>: it is inferred
    /// from the element count.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dims = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (inferred >= 0) throw new TensorShapeException($"Reshape: shape [{string.Join(",", shape)}] has more than one -1 (tensor {Type})");
                inferred = i;
            }
            else if (dims[i] < 0)
            {
                throw new TensorShapeException($"Reshape: shape [{string.Join(",", shape)}] has a negative dimension {dims[i]} (tensor {Type})");
            }
            else
            {
                known *= dims[i];
            }
        }
        long count = Shape.ElementCount;
        if (inferred >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw new TensorShapeException($"Reshape: cannot reshape {Type} ({count} elements) into [{string.Join(",", shape)}]");
            }
            dims[inferred] = (int)(count / known);
        }
        else if (known != count)
        {
            throw new TensorShapeException($"Reshape: cannot reshape {Type} ({count} elements) into [{string.Join(",", shape)}] ({known} elements)");
        }
        return ReshapeTo(new Shape(dims));
    }

    /// <summary>The same elements as a vector.</summary>
    public Tensor Flatten() => ReshapeTo(new Shape(checked((int)Shape.ElementCount)));

    /// <summary>
    /// Permutes the dimensions: result dimension i is input dimension <paramref name="permutation"/>[i] (negative
    /// axes allowed). With no arguments, reverses the dimensions.
    /// </summary>
    public Tensor Transpose(params int[] permutation)
    {
        ArgumentNullException.ThrowIfNull(permutation);
        int[] perm;
        if (permutation.Length == 0)
        {
            perm = new int[Rank];
            for (int i = 0; i < Rank; i++) perm[i] = Rank - 1 - i;
        }
        else
        {
            if (permutation.Length != Rank)
            {
                throw new TensorShapeException($"Transpose: permutation ({string.Join(", ", permutation)}) has {permutation.Length} axes, the tensor {Type} has {Rank}");
            }
            perm = new int[Rank];
            var seen = new bool[Rank];
            for (int i = 0; i < Rank; i++)
            {
                perm[i] = Broadcasting.Axis("Transpose", permutation[i], Type, "permutation axis");
                if (seen[perm[i]]) throw new TensorShapeException($"Transpose: permutation ({string.Join(", ", permutation)}) is not a permutation of the axes of {Type}");
                seen[perm[i]] = true;
            }
        }
        bool identity = true;
        var dims = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            dims[i] = Type.Shape[perm[i]];
            identity &= perm[i] == i;
        }
        if (identity) return this;
        return Apply1(Ops.Transpose, [this], new TensorType(DType, new Shape(dims)), [new NamedAttr("permutation", I64ArrayAttr.Of(perm))], weak: IsWeak);
    }

    /// <summary>The transpose: the dimensions reversed (for a matrix, rows and columns swapped), as numpy's <c>.T</c>.</summary>
    public Tensor T => Transpose();

    /// <summary>Inserts a dimension of size 1 before <paramref name="axis"/> (−1 appends one).</summary>
    public Tensor ExpandDims(int axis)
    {
        int a = Broadcasting.Axis("ExpandDims", axis, Type, extra: 1);
        var shape = Type.Shape.Insert(a, 1);
        if (!IsBounded) return ReshapeTo(shape);
        var from = new int[shape.Rank];
        for (int i = 0; i < from.Length; i++) from[i] = i < a ? i : i == a ? -1 : i - 1;
        return ReshapeKeepingLengths(shape, from);
    }

    /// <summary>Removes the given dimensions, which must have size 1; with no arguments, removes every size-1 dimension.</summary>
    public Tensor Squeeze(params int[] axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var dims = new List<int>();
        var from = new List<int>();
        if (axes.Length == 0)
        {
            for (int i = 0; i < Rank; i++)
            {
                // Whether a bounded axis has size 1 is known only when the code runs: which axes go is not known.
                if (Bounds?.IsBounded(i) == true && Type.Shape[i] > 0) throw BoundedOps.SqueezeAll(this, i);
                if (Type.Shape[i] == 1) continue;
                dims.Add(Type.Shape[i]);
                from.Add(i);
            }
        }
        else
        {
            var drop = Broadcasting.Axes("Squeeze", axes, Type);
            foreach (var a in drop)
            {
                if (Bounds?.IsBounded(a) == true) throw BoundedOps.SqueezeBounded(this, a);
                if (Shape[a] != 1) throw new TensorShapeException($"Squeeze: axis {a} of {Type} has size {Shape[a]}, not 1");
            }
            for (int i = 0; i < Rank; i++)
            {
                if (Array.IndexOf(drop, i) >= 0) continue;
                dims.Add(Type.Shape[i]);
                from.Add(i);
            }
        }
        var shape = new Shape([.. dims]);
        return IsBounded ? ReshapeKeepingLengths(shape, [.. from]) : ReshapeTo(shape);
    }

    // ExpandDims and Squeeze know which axes they add or drop (a bare reshape does not when a bounded axis has size 1):
    // result axis i is axis from[i] of this tensor (-1 for an added one), and each bounded axis keeps its length there.
    // The view is dropped (its axis moved); a slice of the result reads the result.
    private Tensor ReshapeKeepingLengths(Shape shape, int[] from)
    {
        var lengths = new Tensor?[shape.Rank];
        for (int i = 0; i < from.Length; i++) lengths[i] = from[i] < 0 ? null : Bounds!.Lengths[from[i]];
        return Unbounded().ReshapeTo(shape).With(new BoundedDims(lengths), null);
    }

    /// <summary>This tensor broadcast to <paramref name="shape"/> with numpy rules (trailing dimensions align, 1 stretches).</summary>
    public Tensor BroadcastTo(params int[] shape) => BroadcastTo(new Shape(shape));

    /// <summary>This tensor broadcast to <paramref name="shape"/> with numpy rules.</summary>
    public Tensor BroadcastTo(Shape shape)
    {
        if (!Broadcasting.CanBroadcastTo(Shape, shape))
        {
            throw new TensorShapeException($"BroadcastTo: {Type} does not broadcast to {shape}");
        }
        return BroadcastInDim(shape);
    }

    /// <summary>Reverses the order of elements along the given axes.</summary>
    public Tensor Reverse(params int[] axes)
    {
        var a = Broadcasting.Axes("Reverse", axes, Type);
        if (a.Length == 0) return this;
        return Apply1(Ops.Reverse, [this], Type, [new NamedAttr("dimensions", I64ArrayAttr.Of(a))], weak: IsWeak);
    }

    /// <summary>
    /// Pads with <paramref name="value"/> (converted to this dtype): <paramref name="low"/>[i] elements before and
    /// <paramref name="high"/>[i] after along each axis.
    /// </summary>
    public Tensor Pad(int[] low, int[] high, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(value);
        if (low.Length != Rank || high.Length != Rank)
        {
            throw new TensorShapeException($"Pad: low ({string.Join(", ", low)}) and high ({string.Join(", ", high)}) need one entry per axis of {Type}");
        }
        if (value.Rank != 0) throw new TensorShapeException($"Pad: the padding value must be 0-d, got {value.Type}");
        var dims = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            if (low[i] < 0 || high[i] < 0) throw new TensorShapeException($"Pad: padding must be >= 0, got low ({string.Join(", ", low)}), high ({string.Join(", ", high)})");
            dims[i] = Shape[i] + low[i] + high[i];
        }
        return Apply1(
            Ops.Pad,
            [this, value.ConvertTo(DType)],
            new TensorType(DType, new Shape(dims)),
            [
                new NamedAttr("edge_padding_low", I64ArrayAttr.Of(low)),
                new NamedAttr("edge_padding_high", I64ArrayAttr.Of(high)),
                new NamedAttr("interior_padding", I64ArrayAttr.Of(new int[Rank])),
            ],
            weak: IsWeak);
    }

    /// <summary>Pads with zeros.</summary>
    public Tensor Pad(int[] low, int[] high) => Pad(low, high, ScalarConstant(0, DType));

    /// <summary>
    /// Joins tensors along an existing <paramref name="axis"/>. All must have the same rank and the same size on
    /// every other axis; dtypes promote.
    /// </summary>
    public static Tensor Concat(IEnumerable<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToArray();
        if (list.Length == 0) throw new ArgumentException("Concat: needs at least one tensor", nameof(tensors));
        var first = list[0] ?? throw new ArgumentNullException(nameof(tensors), "Concat: tensor 0 is null");
        if (first.Rank == 0) throw new TensorShapeException($"Concat: cannot concatenate 0-d tensors ({first.Type}); use Stack");
        int a = Broadcasting.Axis("Concat", axis, first.Type);
        var (dtype, weak) = (first.DType, first.IsWeak);
        int total = 0;
        for (int i = 0; i < list.Length; i++)
        {
            var t = list[i] ?? throw new ArgumentNullException(nameof(tensors), $"Concat: tensor {i} is null");
            bool fits = t.Rank == first.Rank;
            for (int d = 0; fits && d < t.Rank; d++) fits = d == a || t.Type.Shape[d] == first.Type.Shape[d];
            if (!fits)
            {
                throw new TensorShapeException(
                    $"Concat: tensor {i} has type {t.Type}, which does not match tensor 0 ({first.Type}) on the axes other than axis {a}");
            }
            total += t.Type.Shape[a];
            if (i > 0) (dtype, weak) = DTypes.Promote(dtype, weak, t.DType, t.IsWeak);
        }
        if (list.Length == 1) return first.ConvertTo(dtype);
        // Pieces with a data-dependent size along the axis: written at a running offset (docs/bounded-sizes.md).
        if (list.Any(t => t.Bounds?.IsBounded(a) == true)) return BoundedSlices.Concat(list, a, dtype, weak);
        var operands = list.Select(t => t.ConvertTo(dtype)).ToArray();
        return Apply1(
            Ops.Concatenate,
            operands,
            new TensorType(dtype, first.Shape.With(a, total)),
            [new NamedAttr("dimension", new IntAttr(a))],
            weak: weak);
    }

    /// <summary>Stacks tensors of one shape along a new <paramref name="axis"/> (numpy's <c>stack</c>).</summary>
    public static Tensor Stack(IEnumerable<Tensor> tensors, int axis = 0)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToArray();
        if (list.Length == 0) throw new ArgumentException("Stack: needs at least one tensor", nameof(tensors));
        var first = list[0] ?? throw new ArgumentNullException(nameof(tensors), "Stack: tensor 0 is null");
        for (int i = 0; i < list.Length; i++)
        {
            var t = list[i] ?? throw new ArgumentNullException(nameof(tensors), $"Stack: tensor {i} is null");
            if (t.Shape != first.Shape)
            {
                throw new TensorShapeException($"Stack: tensor {i} has type {t.Type}, tensor 0 has {first.Type}; all must have one shape");
            }
        }
        int a = Broadcasting.Axis("Stack", axis, first.Type, extra: 1);
        return Concat(list.Select(t => t.ExpandDims(a)), a);
    }
}
