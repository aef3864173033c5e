using LoopGen.Ir;

namespace LoopGen;

public sealed partial class Tensor
{
    // A 0-d constant broadcast to the shape: one scalar in the IR instead of a dense constant of every element.
    private static Tensor Filled(double value, DType dtype, Shape shape) =>
        ScalarConstant(value, dtype).BroadcastInDim(shape);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(DType dtype, params int[] shape) => Filled(0, dtype, new Shape(shape));

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(DType dtype, Shape shape) => Filled(0, dtype, shape);

    /// <summary>A tensor of zeros of element type <typeparamref name="T"/>.</summary>
    public static Tensor Zeros<T>(params int[] shape)
        where T : unmanaged
        => Zeros(DTypes.Of<T>(), shape);

    /// <summary>A tensor of ones (true for pred).</summary>
    public static Tensor Ones(DType dtype, params int[] shape) => Filled(1, dtype, new Shape(shape));

    /// <summary>A tensor of ones (true for pred).</summary>
    public static Tensor Ones(DType dtype, Shape shape) => Filled(1, dtype, shape);

    /// <summary>A tensor of ones of element type <typeparamref name="T"/>.</summary>
    public static Tensor Ones<T>(params int[] shape)
        where T : unmanaged
        => Ones(DTypes.Of<T>(), shape);

    /// <summary>A tensor with every element <paramref name="value"/> (converted to <paramref name="dtype"/>; integers must fit).</summary>
    public static Tensor Full(double value, DType dtype, params int[] shape) => Filled(value, dtype, new Shape(shape));

    /// <summary>A tensor with every element <paramref name="value"/>.</summary>
    public static Tensor Full(double value, DType dtype, Shape shape) => Filled(value, dtype, shape);

    /// <summary>A tensor with every element <paramref name="value"/>, of element type <typeparamref name="T"/>.</summary>
    public static Tensor Full<T>(T value, params int[] shape)
        where T : unmanaged
        => FromArray(new[] { value }, TensorType.Scalar(DTypes.Of<T>()), weak: false).BroadcastInDim(new Shape(shape));

    /// <summary>Zeros with the dtype and shape of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Filled(0, like.DType, like.Shape);
    }

    /// <summary>Ones with the dtype and shape of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Filled(1, like.DType, like.Shape);
    }

    /// <summary><paramref name="value"/> everywhere, with the dtype and shape of <paramref name="like"/>.</summary>
    public static Tensor FullLike(Tensor like, double value)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Filled(value, like.DType, like.Shape);
    }

    /// <summary>The vector [0, 1, …, n-1] of <paramref name="dtype"/>.</summary>
    public static Tensor Iota(DType dtype, int n)
    {
        if (n < 0) throw new TensorShapeException($"Iota: length must be >= 0, got {n}");
        return Iota(dtype, new Shape(n), 0);
    }

    /// <summary>A tensor of <paramref name="shape"/> whose elements are their index along <paramref name="axis"/>.</summary>
    public static Tensor Iota(DType dtype, Shape shape, int axis)
    {
        if (dtype == DType.Pred) throw new ArgumentException("Iota: needs an integer or float dtype, got pred", nameof(dtype));
        var type = new TensorType(dtype, shape);
        int a = Broadcasting.Axis("Iota", axis, type);
        return Apply1(Ops.Iota, [], type, [new NamedAttr("iota_dimension", new IntAttr(a))]);
    }

    /// <summary>The s32 vector [0, 1, …, n-1].</summary>
    public static Tensor Arange(int n) => Iota(DType.S32, n);

    /// <summary>The s32 vector start, start+step, … up to (not including) <paramref name="stop"/>, as numpy's arange.</summary>
    public static Tensor Arange(int start, int stop, int step = 1)
    {
        if (step == 0) throw new ArgumentException("Arange: step must not be 0", nameof(step));
        int n = (int)Math.Max(0, ((long)stop - start + step + (step > 0 ? -1 : 1)) / step);
        var iota = Iota(DType.S32, n);
        if (step != 1) iota = Apply1(Ops.Multiply, [iota, Filled(step, DType.S32, iota.Shape)], iota.Type);
        if (start != 0) iota = Apply1(Ops.Add, [iota, Filled(start, DType.S32, iota.Shape)], iota.Type);
        return iota;
    }
}
