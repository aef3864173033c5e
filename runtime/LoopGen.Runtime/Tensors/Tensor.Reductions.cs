using LoopGen.Ir;

namespace LoopGen;

public sealed partial class Tensor
{
    private enum Reduction
    {
        Sum,
        Prod,
        Max,
        Min,
        All,
        Any,
    }

    // The combining op and its identity, per reduction and dtype (pred max/min are or/and).
    private static (string Op, Array Init) Combiner(Reduction r, DType dtype) => (r, dtype) switch
    {
        (Reduction.Sum, _) => (Ops.Add, Identity(dtype, 0, 0, 0, 0, false)),
        (Reduction.Prod, _) => (Ops.Multiply, Identity(dtype, 1, 1, 1, 1, true)),
        (Reduction.Max or Reduction.Any, DType.Pred) => (Ops.Or, new[] { false }),
        (Reduction.Min or Reduction.All, DType.Pred) => (Ops.And, new[] { true }),
        (Reduction.Max, _) => (Ops.Maximum, Identity(dtype, int.MinValue, long.MinValue, float.NegativeInfinity, double.NegativeInfinity, false)),
        (Reduction.Min, _) => (Ops.Minimum, Identity(dtype, int.MaxValue, long.MaxValue, float.PositiveInfinity, double.PositiveInfinity, true)),
        _ => throw new ArgumentException($"{r}: needs a pred tensor, got {dtype.Name()}"),
    };

    private static Array Identity(DType dtype, int s32, long s64, float f32, double f64, bool pred) => dtype switch
    {
        DType.S32 => new[] { s32 },
        DType.S64 => new[] { s64 },
        DType.F32 => new[] { f32 },
        DType.F64 => new[] { f64 },
        DType.F16 => new[] { (Half)f32 },
        DType.Pred => new[] { pred },
        _ => throw new NotSupportedException($"no reductions over {dtype.Name()} yet"),
    };

    /// <summary>A region block taking (accumulator, element) and returning <paramref name="op"/> of them.</summary>
    private static Block BinaryRegion(string op, DType dtype)
    {
        var t = TensorType.Scalar(dtype);
        var acc = new Value(t);
        var x = new Value(t);
        var combine = new Operation(op, [acc, x], [t]);
        return new Block([acc, x], [combine, new Operation(Ops.Return, [combine.Results[0]], Array.Empty<TensorType>())]);
    }

    private Tensor Reduce(string op, Reduction r, int[] axes, bool keepDims)
    {
        var normalized = Broadcasting.Axes(op, axes, Type);
        // No axes means every axis, the common case of x.Sum().
        if (axes.Length == 0) normalized = [.. Enumerable.Range(0, Rank)];
        var input = this;
        if (r is Reduction.All or Reduction.Any) input = ConvertTo(DType.Pred);
        else if (DType == DType.Pred && r is Reduction.Sum or Reduction.Prod) input = ConvertTo(DType.S32); // as JAX: sum of bools counts
        var (combineOp, init) = Combiner(r, input.DType);
        var kept = new List<int>();
        var keptDims = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            bool reduced = Array.IndexOf(normalized, i) >= 0;
            keptDims[i] = reduced ? 1 : Type.Shape[i];
            if (!reduced) kept.Add(Type.Shape[i]);
        }
        var result = normalized.Length == 0
            ? input
            : Apply1(
                Ops.Reduce,
                [input, FromArray(init, TensorType.Scalar(input.DType), weak: false)],
                new TensorType(input.DType, new Shape([.. kept])),
                [new NamedAttr("dimensions", I64ArrayAttr.Of(normalized))],
                [BinaryRegion(combineOp, input.DType)],
                weak: IsWeak);
        return keepDims ? result.ReshapeTo(new Shape(keptDims)) : result;
    }

    /// <summary>Sum over the given axes; with none, over all axes. Pred counts as s32.</summary>
    public Tensor Sum(params int[] axes) => Reduce("Sum", Reduction.Sum, axes, false);

    /// <summary>Sum over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Sum(int axis, bool keepDims) => Reduce("Sum", Reduction.Sum, [axis], keepDims);

    /// <summary>Sum over <paramref name="axes"/> (none: all), keeping them as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Sum(int[] axes, bool keepDims) => Reduce("Sum", Reduction.Sum, axes, keepDims);

    /// <summary>Product over the given axes; with none, over all axes.</summary>
    public Tensor Prod(params int[] axes) => Reduce("Prod", Reduction.Prod, axes, false);

    /// <summary>Product over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Prod(int axis, bool keepDims) => Reduce("Prod", Reduction.Prod, [axis], keepDims);

    /// <summary>Product over <paramref name="axes"/> (none: all), keeping them when <paramref name="keepDims"/>.</summary>
    public Tensor Prod(int[] axes, bool keepDims) => Reduce("Prod", Reduction.Prod, axes, keepDims);

    /// <summary>Maximum over the given axes; with none, over all axes. An empty reduction gives -inf (or the dtype's minimum).</summary>
    public Tensor Max(params int[] axes) => Reduce("Max", Reduction.Max, axes, false);

    /// <summary>Maximum over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Max(int axis, bool keepDims) => Reduce("Max", Reduction.Max, [axis], keepDims);

    /// <summary>Maximum over <paramref name="axes"/> (none: all), keeping them when <paramref name="keepDims"/>.</summary>
    public Tensor Max(int[] axes, bool keepDims) => Reduce("Max", Reduction.Max, axes, keepDims);

    /// <summary>Minimum over the given axes; with none, over all axes. An empty reduction gives +inf (or the dtype's maximum).</summary>
    public Tensor Min(params int[] axes) => Reduce("Min", Reduction.Min, axes, false);

    /// <summary>Minimum over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Min(int axis, bool keepDims) => Reduce("Min", Reduction.Min, [axis], keepDims);

    /// <summary>Minimum over <paramref name="axes"/> (none: all), keeping them when <paramref name="keepDims"/>.</summary>
    public Tensor Min(int[] axes, bool keepDims) => Reduce("Min", Reduction.Min, axes, keepDims);

    /// <summary>True where every element over the given axes (none: all) is true / nonzero.</summary>
    public Tensor All(params int[] axes) => Reduce("All", Reduction.All, axes, false);

    /// <summary>All over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor All(int axis, bool keepDims) => Reduce("All", Reduction.All, [axis], keepDims);

    /// <summary>True where some element over the given axes (none: all) is true / nonzero.</summary>
    public Tensor Any(params int[] axes) => Reduce("Any", Reduction.Any, axes, false);

    /// <summary>Any over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Any(int axis, bool keepDims) => Reduce("Any", Reduction.Any, [axis], keepDims);

    /// <summary>Mean over the given axes (none: all). Integers and pred average as f32, as in JAX.</summary>
    public Tensor Mean(params int[] axes) => Mean(axes, false);

    /// <summary>Mean over <paramref name="axis"/>, keeping it as size 1 when <paramref name="keepDims"/>.</summary>
    public Tensor Mean(int axis, bool keepDims) => Mean([axis], keepDims);

    /// <summary>Mean over <paramref name="axes"/> (none: all), keeping them when <paramref name="keepDims"/>.</summary>
    public Tensor Mean(int[] axes, bool keepDims)
    {
        ArgumentNullException.ThrowIfNull(axes);
        var normalized = Broadcasting.Axes("Mean", axes, Type);
        long count = 1;
        if (axes.Length == 0) count = Shape.ElementCount;
        else foreach (var a in normalized) count *= Shape[a];
        var input = DType.IsFloat() ? this : ConvertTo(DType.F32);
        var sum = input.Reduce("Mean", Reduction.Sum, axes, keepDims);
        return Apply1(Ops.Divide, [sum, ScalarConstant(count, sum.DType).BroadcastInDim(sum.Shape)], sum.Type, weak: sum.IsWeak);
    }

    /// <summary>
    /// The s32 index of the largest element along <paramref name="axis"/> (the first one on ties; NaN counts as
    /// largest, as in numpy).
    /// </summary>
    public Tensor ArgMax(int axis, bool keepDims = false) => ArgReduce("ArgMax", ComparisonDirection.GT, axis, keepDims);

    /// <summary>The s32 index of the smallest element along <paramref name="axis"/> (the first one on ties; NaN counts as smallest).</summary>
    public Tensor ArgMin(int axis, bool keepDims = false) => ArgReduce("ArgMin", ComparisonDirection.LT, axis, keepDims);

    /// <summary>The s32 index of the largest element of the flattened tensor.</summary>
    public Tensor ArgMax() => Flatten().ArgMax(0);

    /// <summary>The s32 index of the smallest element of the flattened tensor.</summary>
    public Tensor ArgMin() => Flatten().ArgMin(0);

    private Tensor ArgReduce(string op, ComparisonDirection better, int axis, bool keepDims)
    {
        int a = Broadcasting.Axis(op, axis, Type);
        if (Shape[a] == 0) throw new TensorShapeException($"{op}: axis {a} of {Type} is empty; there is no index to return");
        RequireNumeric(op, Type, this);
        var (_, init) = Combiner(better == ComparisonDirection.GT ? Reduction.Max : Reduction.Min, DType);
        var indices = Iota(DType.S32, Shape, a);
        var reducedShape = Shape.RemoveAt(a);
        var results = Apply(
            Ops.Reduce,
            [this, indices, FromArray(init, TensorType.Scalar(DType), weak: false), ScalarConstant(0, DType.S32)],
            [new TensorType(DType, reducedShape), new TensorType(DType.S32, reducedShape)],
            [new NamedAttr("dimensions", I64ArrayAttr.Of(a))],
            [ArgRegion(DType, better)]);
        return keepDims ? results[1].ReshapeTo(Shape.With(a, 1)) : results[1];
    }

    // (accValue, accIndex, value, index) → the better pair; ties and NaN pairs go to the smaller index, so the
    // result does not depend on the order the backend combines elements in.
    private static Block ArgRegion(DType dtype, ComparisonDirection better)
    {
        var vt = TensorType.Scalar(dtype);
        var it = TensorType.Scalar(DType.S32);
        var pt = TensorType.Scalar(DType.Pred);
        var accV = new Value(vt);
        var accI = new Value(it);
        var v = new Value(vt);
        var i = new Value(it);
        var ops = new List<Operation>();
        string cmpType = dtype.IsFloat() ? "FLOAT" : "SIGNED";
        Value Emit(string name, TensorType type, params Value[] operands)
        {
            var o = new Operation(name, operands, [type]);
            ops.Add(o);
            return o.Results[0];
        }
        Value Cmp(Value x, Value y, ComparisonDirection d, string ct)
        {
            var o = new Operation(Ops.Compare, [x, y], [pt], [
                new NamedAttr("comparison_direction", new ComparisonDirectionAttr(d)),
                new NamedAttr("compare_type", new ComparisonTypeAttr(ct)),
            ]);
            ops.Add(o);
            return o.Results[0];
        }
        var strictly = Cmp(v, accV, better, cmpType);
        var same = Cmp(v, accV, ComparisonDirection.EQ, cmpType);
        if (dtype.IsFloat())
        {
            var vNan = Cmp(v, v, ComparisonDirection.NE, cmpType);
            var accNan = Cmp(accV, accV, ComparisonDirection.NE, cmpType);
            strictly = Emit(Ops.Or, pt, strictly, Emit(Ops.And, pt, vNan, Emit(Ops.Not, pt, accNan)));
            same = Emit(Ops.Or, pt, same, Emit(Ops.And, pt, vNan, accNan));
        }
        var earlier = Cmp(i, accI, ComparisonDirection.LT, "SIGNED");
        var pick = Emit(Ops.Or, pt, strictly, Emit(Ops.And, pt, same, earlier));
        var newV = Emit(Ops.Select, vt, pick, v, accV);
        var newI = Emit(Ops.Select, it, pick, i, accI);
        ops.Add(new Operation(Ops.Return, [newV, newI], Array.Empty<TensorType>()));
        return new Block([accV, accI, v, i], ops);
    }
}
