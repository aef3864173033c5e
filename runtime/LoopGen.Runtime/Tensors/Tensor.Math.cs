using LoopGen.Ir;

namespace LoopGen;

public sealed partial class Tensor
{
    // Transcendental functions promote integer and pred inputs to f32 first, as JAX does (jnp.exp(int) is f32).
    private static Tensor FloatUnary(string op, string hlo, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var input = x.DType.IsFloat() ? x : x.ConvertTo(DType.F32);
        return Apply1(hlo, [input], input.Type, weak: x.IsWeak);
    }

    private static Tensor NumericUnary(string op, string hlo, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric(op, x.Type, x);
        return Apply1(hlo, [x], x.Type, weak: x.IsWeak);
    }

    // Rounding is the identity on integers, so no op is emitted for them (the float kernels do not apply).
    private static Tensor Rounding(string op, string hlo, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric(op, x.Type, x);
        return x.DType.IsFloat() ? Apply1(hlo, [x], x.Type, weak: x.IsWeak) : x;
    }

    /// <summary>A 0-d constant of <paramref name="dtype"/> holding <paramref name="value"/>.</summary>
    internal static Tensor ScalarConstant(double value, DType dtype, bool weak = false)
    {
        Array data = dtype switch
        {
            DType.Pred => new[] { value != 0 },
            DType.S32 => new[] { checked((int)value) },
            DType.S64 => new[] { checked((long)value) },
            DType.F32 => new[] { (float)value },
            DType.F64 => new[] { value },
            DType.F16 => new[] { (Half)value },
            _ => throw new NotSupportedException($"no host constants of dtype {dtype.Name()} yet"),
        };
        return FromArray(data, TensorType.Scalar(dtype), weak);
    }

    // ---- Unary functions, static (jnp.exp(x)) and instance (x.Exp()) -----------------------------------------

    /// <summary>Elementwise e^x (integers are promoted to f32).</summary>
    public static Tensor Exp(Tensor x) => FloatUnary("Exp", Ops.Exp, x);

    /// <summary>Elementwise natural logarithm (integers are promoted to f32).</summary>
    public static Tensor Log(Tensor x) => FloatUnary("Log", Ops.Log, x);

    /// <summary>Elementwise hyperbolic tangent (integers are promoted to f32).</summary>
    public static Tensor Tanh(Tensor x) => FloatUnary("Tanh", Ops.Tanh, x);

    /// <summary>Elementwise square root (integers are promoted to f32).</summary>
    public static Tensor Sqrt(Tensor x) => FloatUnary("Sqrt", Ops.Sqrt, x);

    /// <summary>Elementwise 1/sqrt(x) (integers are promoted to f32).</summary>
    public static Tensor Rsqrt(Tensor x) => FloatUnary("Rsqrt", Ops.Rsqrt, x);

    /// <summary>Elementwise sine (integers are promoted to f32).</summary>
    public static Tensor Sin(Tensor x) => FloatUnary("Sin", Ops.Sine, x);

    /// <summary>Elementwise cosine (integers are promoted to f32).</summary>
    public static Tensor Cos(Tensor x) => FloatUnary("Cos", Ops.Cosine, x);

    /// <summary>Elementwise logistic sigmoid 1/(1+e^-x) (integers are promoted to f32).</summary>
    public static Tensor Sigmoid(Tensor x) => FloatUnary("Sigmoid", Ops.Logistic, x);

    /// <summary>Elementwise log(1+x), accurate near 0 (integers are promoted to f32).</summary>
    public static Tensor Log1p(Tensor x) => FloatUnary("Log1p", Ops.Log1p, x);

    /// <summary>Elementwise e^x-1, accurate near 0 (integers are promoted to f32).</summary>
    public static Tensor Expm1(Tensor x) => FloatUnary("Expm1", Ops.Expm1, x);

    /// <summary>Elementwise absolute value.</summary>
    public static Tensor Abs(Tensor x) => NumericUnary("Abs", Ops.Abs, x);

    /// <summary>Elementwise sign: -1, 0 or 1 in the input's dtype.</summary>
    public static Tensor Sign(Tensor x) => NumericUnary("Sign", Ops.Sign, x);

    /// <summary>Elementwise floor; the identity on integers.</summary>
    public static Tensor Floor(Tensor x) => Rounding("Floor", Ops.Floor, x);

    /// <summary>Elementwise ceiling; the identity on integers.</summary>
    public static Tensor Ceil(Tensor x) => Rounding("Ceil", Ops.Ceil, x);

    /// <summary>Elementwise rounding half to even (like <see cref="Math.Round(double)"/>); the identity on integers.</summary>
    public static Tensor Round(Tensor x) => Rounding("Round", Ops.RoundNearestEven, x);

    /// <summary>Elementwise x*x.</summary>
    public static Tensor Square(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric("Square", x.Type, x);
        return Apply1(Ops.Multiply, [x, x], x.Type, weak: x.IsWeak);
    }

    /// <summary>Elementwise max(x, 0).</summary>
    public static Tensor Relu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNumeric("Relu", x.Type, x);
        var zero = ScalarConstant(0, x.DType).BroadcastInDim(x.Shape);
        return Apply1(Ops.Maximum, [x, zero], x.Type, weak: x.IsWeak);
    }

    /// <summary>Elementwise e^x.</summary>
    public Tensor Exp() => Exp(this);

    /// <summary>Elementwise natural logarithm.</summary>
    public Tensor Log() => Log(this);

    /// <summary>Elementwise hyperbolic tangent.</summary>
    public Tensor Tanh() => Tanh(this);

    /// <summary>Elementwise square root.</summary>
    public Tensor Sqrt() => Sqrt(this);

    /// <summary>Elementwise 1/sqrt(x).</summary>
    public Tensor Rsqrt() => Rsqrt(this);

    /// <summary>Elementwise sine.</summary>
    public Tensor Sin() => Sin(this);

    /// <summary>Elementwise cosine.</summary>
    public Tensor Cos() => Cos(this);

    /// <summary>Elementwise logistic sigmoid.</summary>
    public Tensor Sigmoid() => Sigmoid(this);

    /// <summary>Elementwise log(1+x).</summary>
    public Tensor Log1p() => Log1p(this);

    /// <summary>Elementwise e^x-1.</summary>
    public Tensor Expm1() => Expm1(this);

    /// <summary>Elementwise absolute value.</summary>
    public Tensor Abs() => Abs(this);

    /// <summary>Elementwise sign.</summary>
    public Tensor Sign() => Sign(this);

    /// <summary>Elementwise floor.</summary>
    public Tensor Floor() => Floor(this);

    /// <summary>Elementwise ceiling.</summary>
    public Tensor Ceil() => Ceil(this);

    /// <summary>Elementwise rounding half to even.</summary>
    public Tensor Round() => Round(this);

    /// <summary>Elementwise x*x.</summary>
    public Tensor Square() => Square(this);

    /// <summary>Elementwise max(x, 0).</summary>
    public Tensor Relu() => Relu(this);

    // ---- Binary functions --------------------------------------------------------------------------------------

    /// <summary>Elementwise <paramref name="a"/> raised to <paramref name="b"/>, broadcast and promoted.</summary>
    public static Tensor Pow(Tensor a, Tensor b) => Arithmetic("Pow", Ops.Power, a, b);

    /// <summary>Elementwise atan2(<paramref name="y"/>, <paramref name="x"/>), broadcast and promoted (integers to f32).</summary>
    public static Tensor Atan2(Tensor y, Tensor x)
    {
        var (type, weak) = BinaryType("Atan2", y, x);
        if (!type.DType.IsFloat()) type = type with { DType = DType.F32 };
        return Apply1(Ops.Atan2, [Fit(y, type), Fit(x, type)], type, weak: weak);
    }

    /// <summary>Elementwise maximum (NaN propagates), broadcast and promoted.</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Arithmetic("Maximum", Ops.Maximum, a, b);

    /// <summary>Elementwise minimum (NaN propagates), broadcast and promoted.</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Arithmetic("Minimum", Ops.Minimum, a, b);

    /// <summary>Elementwise maximum; same as <see cref="Maximum"/>.</summary>
    public static Tensor Max(Tensor a, Tensor b) => Arithmetic("Maximum", Ops.Maximum, a, b);

    /// <summary>Elementwise minimum; same as <see cref="Minimum"/>.</summary>
    public static Tensor Min(Tensor a, Tensor b) => Arithmetic("Minimum", Ops.Minimum, a, b);

    /// <summary>This tensor raised to <paramref name="exponent"/> elementwise.</summary>
    public Tensor Pow(Tensor exponent) => Pow(this, exponent);

    /// <summary>
    /// Elementwise clamp into [<paramref name="min"/>, <paramref name="max"/>] (numpy's <c>clip</c>): all three
    /// broadcast together and promote.
    /// </summary>
    public static Tensor Clamp(Tensor x, Tensor min, Tensor max)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(min);
        ArgumentNullException.ThrowIfNull(max);
        var (dt1, w1) = DTypes.Promote(x.DType, x.IsWeak, min.DType, min.IsWeak);
        var (dtype, weak) = DTypes.Promote(dt1, w1, max.DType, max.IsWeak);
        var shape = Broadcasting.Shapes("Clamp", x.Type, min.Type, max.Type);
        var type = new TensorType(dtype, shape);
        RequireNumeric("Clamp", type, x);
        // stablehlo.clamp takes 0-d bounds as they are: keep scalar bounds small in the IR.
        var lo = min.Rank == 0 ? min.ConvertTo(dtype) : Fit(min, type);
        var hi = max.Rank == 0 ? max.ConvertTo(dtype) : Fit(max, type);
        return Apply1(Ops.Clamp, [lo, Fit(x, type), hi], type, weak: weak);
    }

    /// <summary>This tensor clamped elementwise into [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public Tensor Clamp(Tensor min, Tensor max) => Clamp(this, min, max);

    /// <summary>
    /// Elementwise choice: <paramref name="whenTrue"/> where <paramref name="condition"/> holds, else
    /// <paramref name="whenFalse"/>. The condition must be pred; all three broadcast, the values promote.
    /// </summary>
    public static Tensor Where(Tensor condition, Tensor whenTrue, Tensor whenFalse)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(whenTrue);
        ArgumentNullException.ThrowIfNull(whenFalse);
        if (condition.DType != DType.Pred)
        {
            throw new ArgumentException($"Where: condition must be a pred tensor, got {condition.Type}; compare it first (e.g. x != 0)", nameof(condition));
        }
        var (dtype, weak) = DTypes.Promote(whenTrue.DType, whenTrue.IsWeak, whenFalse.DType, whenFalse.IsWeak);
        var shape = Broadcasting.Shapes("Where", condition.Type, whenTrue.Type, whenFalse.Type);
        var type = new TensorType(dtype, shape);
        var cond = condition.Rank == 0 ? condition : condition.BroadcastInDim(shape);
        return Apply1(Ops.Select, [cond, Fit(whenTrue, type), Fit(whenFalse, type)], type, weak: weak);
    }

    /// <summary>This tensor converted to <paramref name="dtype"/> (float→int truncates, →pred is x != 0). No op when the dtype already matches.</summary>
    public Tensor Cast(DType dtype) => ConvertTo(dtype).AsStrong();

    /// <summary>This tensor converted to the dtype of <typeparamref name="T"/>.</summary>
    public Tensor Cast<T>()
        where T : unmanaged
        => Cast(DTypes.Of<T>());
}
