using LoopGen.Ir;

namespace LoopGen.Autodiff;

/// <summary>
/// The ops the gradient rules emit, each with an explicit result type: rules never go through the public operators'
/// promotion and broadcasting, so a cotangent always has exactly its primal's dtype and shape.
/// </summary>
internal static class AdOps
{
    public static Tensor Binary(string op, Tensor a, Tensor b) => Tensor.Apply1(op, [a, b], a.Type);

    public static Tensor Unary(string op, Tensor x) => Tensor.Apply1(op, [x], x.Type);

    public static Tensor Add(Tensor a, Tensor b) => Binary(Ops.Add, a, b);

    public static Tensor Sub(Tensor a, Tensor b) => Binary(Ops.Subtract, a, b);

    public static Tensor Mul(Tensor a, Tensor b) => Binary(Ops.Multiply, a, b);

    public static Tensor Div(Tensor a, Tensor b) => Binary(Ops.Divide, a, b);

    public static Tensor Neg(Tensor x) => Unary(Ops.Negate, x);

    /// <summary>A 0-d constant of <paramref name="dtype"/>.</summary>
    public static Tensor Scalar(DType dtype, double value)
    {
        Array data = dtype switch
        {
            DType.F32 => new[] { (float)value },
            DType.F64 => new[] { value },
            DType.F16 => new[] { (Half)value },
            DType.S32 => new[] { checked((int)value) },
            DType.S64 => new[] { checked((long)value) },
            DType.Pred => new[] { value != 0 },
            _ => throw new NotSupportedException($"gradient constants of dtype {dtype.Name()}"),
        };
        return Tensor.FromArray(data, TensorType.Scalar(dtype), weak: false);
    }

    /// <summary>A tensor of <paramref name="type"/> filled with <paramref name="value"/> (a 0-d constant broadcast).</summary>
    public static Tensor Full(TensorType type, double value)
    {
        var s = Scalar(type.DType, value);
        return type.Shape.Rank == 0 ? s : BroadcastInDim(s, type.Shape, []);
    }

    public static Tensor Zeros(TensorType type) => Full(type, 0);

    /// <summary>value broadcast like <paramref name="like"/>.</summary>
    public static Tensor Const(Tensor like, double value) => Full(like.Type, value);

    public static Tensor BroadcastInDim(Tensor x, Shape shape, IReadOnlyList<long> dims) =>
        Tensor.Apply1(Ops.BroadcastInDim, [x], new TensorType(x.DType, shape), [new NamedAttr("broadcast_dimensions", I64ArrayAttr.Of(dims))]);

    public static Tensor Reshape(Tensor x, Shape shape) =>
        x.Shape == shape ? x : Tensor.Apply1(Ops.Reshape, [x], new TensorType(x.DType, shape));

    public static Tensor Transpose(Tensor x, IReadOnlyList<long> permutation)
    {
        bool identity = true;
        for (int i = 0; i < permutation.Count; i++) identity &= permutation[i] == i;
        if (identity) return x;
        var dims = new int[permutation.Count];
        for (int i = 0; i < dims.Length; i++) dims[i] = x.Shape[(int)permutation[i]];
        return Tensor.Apply1(Ops.Transpose, [x], new TensorType(x.DType, new Shape(dims)), [new NamedAttr("permutation", I64ArrayAttr.Of(permutation))]);
    }

    public static Tensor Convert(Tensor x, DType dtype) =>
        x.DType == dtype ? x : Tensor.Apply1(Ops.Convert, [x], new TensorType(dtype, x.Shape));

    public static Tensor Compare(Tensor a, Tensor b, ComparisonDirection direction)
    {
        string type = a.DType.IsFloat() ? "FLOAT" : a.DType == DType.Pred ? "UNSIGNED" : "SIGNED";
        return Tensor.Apply1(Ops.Compare, [a, b], new TensorType(DType.Pred, a.Shape), [
            new NamedAttr("comparison_direction", new ComparisonDirectionAttr(direction)),
            new NamedAttr("compare_type", new ComparisonTypeAttr(type)),
        ]);
    }

    public static Tensor Select(Tensor pred, Tensor onTrue, Tensor onFalse) =>
        Tensor.Apply1(Ops.Select, [pred, onTrue, onFalse], onTrue.Type);

    public static Tensor And(Tensor a, Tensor b) => Binary(Ops.And, a, b);

    /// <summary>Sum over <paramref name="dims"/> (result: the other dims in order); itself when there are none.</summary>
    public static Tensor SumDims(Tensor x, IReadOnlyCollection<int> dims)
    {
        if (dims.Count == 0) return x;
        var kept = new List<int>();
        for (int d = 0; d < x.Rank; d++)
        {
            if (!dims.Contains(d)) kept.Add(x.Shape[d]);
        }
        var t = TensorType.Scalar(x.DType);
        var acc = new Value(t);
        var e = new Value(t);
        var combine = new Operation(Ops.Add, [acc, e], [t]);
        var region = new Block([acc, e], [combine, new Operation(Ops.Return, [combine.Results[0]], Array.Empty<TensorType>())]);
        return Tensor.Apply1(
            Ops.Reduce,
            [x, Scalar(x.DType, 0)],
            new TensorType(x.DType, new Shape([.. kept])),
            [new NamedAttr("dimensions", I64ArrayAttr.Of(dims.OrderBy(d => d)))],
            [region]);
    }

    /// <summary>Sum of every element, as a 0-d tensor.</summary>
    public static Tensor SumAll(Tensor x) => SumDims(x, [.. Enumerable.Range(0, x.Rank)]);

    /// <summary>Reduces <paramref name="ct"/> (of a broadcast 0-d value's shape) back to 0-d, or passes it through when shapes match.</summary>
    public static Tensor SumTo(Tensor ct, TensorType target) =>
        ct.Type == target ? ct : Reshape(SumAll(ct), target.Shape);

    /// <summary>x broadcast to <paramref name="shape"/> when it is 0-d, else itself.</summary>
    public static Tensor Splat(Tensor x, Shape shape) => x.Shape == shape || x.Rank != 0 ? x : BroadcastInDim(x, shape, []);

    public static Tensor Slice(Tensor x, long[] start, long[] limit, long[] strides)
    {
        var dims = new int[x.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = (int)Math.Max(0, (limit[i] - start[i] + strides[i] - 1) / strides[i]);
        return Tensor.Apply1(Ops.Slice, [x], new TensorType(x.DType, new Shape(dims)), [
            new NamedAttr("start_indices", I64ArrayAttr.Of(start)),
            new NamedAttr("limit_indices", I64ArrayAttr.Of(limit)),
            new NamedAttr("strides", I64ArrayAttr.Of(strides)),
        ]);
    }

    public static Tensor Pad(Tensor x, Tensor padValue, long[] low, long[] high, long[] interior)
    {
        var dims = new int[x.Rank];
        for (int i = 0; i < dims.Length; i++)
        {
            long d = x.Shape[i];
            dims[i] = (int)(low[i] + high[i] + d + Math.Max(0, d - 1) * interior[i]);
        }
        return Tensor.Apply1(Ops.Pad, [x, padValue], new TensorType(x.DType, new Shape(dims)), [
            new NamedAttr("edge_padding_low", I64ArrayAttr.Of(low)),
            new NamedAttr("edge_padding_high", I64ArrayAttr.Of(high)),
            new NamedAttr("interior_padding", I64ArrayAttr.Of(interior)),
        ]);
    }

    public static Tensor DynamicSlice(Tensor x, IReadOnlyList<Tensor> starts, Shape sizes) =>
        Tensor.Apply1(Ops.DynamicSlice, [x, .. starts], new TensorType(x.DType, sizes), [new NamedAttr("slice_sizes", I64ArrayAttr.Of(sizes.ToArray()))]);

    public static Tensor DynamicUpdateSlice(Tensor x, Tensor update, IReadOnlyList<Tensor> starts) =>
        Tensor.Apply1(Ops.DynamicUpdateSlice, [x, update, .. starts], x.Type);

    public static Tensor DotGeneral(Tensor lhs, Tensor rhs, long[] lb, long[] rb, long[] lc, long[] rc)
    {
        var dims = new List<int>();
        foreach (var d in lb) dims.Add(lhs.Shape[(int)d]);
        for (int d = 0; d < lhs.Rank; d++)
        {
            if (!lb.Contains(d) && !lc.Contains(d)) dims.Add(lhs.Shape[d]);
        }
        for (int d = 0; d < rhs.Rank; d++)
        {
            if (!rb.Contains(d) && !rc.Contains(d)) dims.Add(rhs.Shape[d]);
        }
        var attr = new DotDimensionsAttr([.. lb], [.. rb], [.. lc], [.. rc]);
        return Tensor.Apply1(Ops.DotGeneral, [lhs, rhs], new TensorType(lhs.DType, new Shape([.. dims])), [new NamedAttr("dot_dimension_numbers", attr)]);
    }

    /// <summary>The byte size of a tensor type.</summary>
    public static long Bytes(TensorType type) => type.Shape.ElementCount * type.DType.ByteSize();
}
