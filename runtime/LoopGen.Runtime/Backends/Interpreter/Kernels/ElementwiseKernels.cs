using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>A whole-tensor binary function on spans of equal length.</summary>
internal delegate void SpanBinary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

/// <summary>A whole-tensor unary function on spans of equal length.</summary>
internal delegate void SpanUnary<T>(ReadOnlySpan<T> x, Span<T> destination);

/// <summary>
/// Elementwise unary and binary ops. Vectorised through <see cref="TensorPrimitives"/> where its semantics match
/// StableHLO (its float Max/Min propagate NaN); scalar loops where they do not (integer divide, remainder, power,
/// abs and sign, which must not throw).
/// </summary>
internal static class ElementwiseKernels
{
    /// <summary>Factory for the ops in <see cref="Ops.ElementwiseBinary"/>.</summary>
    public static Kernel Binary(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 2, 1);
        var t = s.OutTypes[0];
        Check.Same(s, t, s.InTypes[0], "lhs");
        Check.Same(s, t, s.InTypes[1], "rhs");
        return t.DType switch
        {
            DType.F32 => Wrap(FloatBinary<float>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.F64 => Wrap(FloatBinary<double>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.S32 => Wrap(IntBinary<int>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.S64 => Wrap(IntBinary<long>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.Pred => Wrap(PredBinary(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    /// <summary>Factory for the ops in <see cref="Ops.ElementwiseUnary"/>.</summary>
    public static Kernel Unary(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var t = s.OutTypes[0];
        Check.Same(s, t, s.InTypes[0], "operand");
        return t.DType switch
        {
            DType.F32 => Wrap(FloatUnary<float>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.F64 => Wrap(FloatUnary<double>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.S32 => Wrap(IntUnary<int>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.S64 => Wrap(IntUnary<long>(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            DType.Pred => Wrap(PredUnary(s.Name) ?? throw Check.Unsupported(s, t.DType)),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    private static Kernel Wrap<T>(SpanBinary<T> f) => (frame, s) =>
    {
        var x = frame.In<T>(s, 0);
        var y = frame.In<T>(s, 1);
        var d = frame.Out<T>(s, 0);
        // Some TensorPrimitives functions (Sigmoid) reject empty spans; an empty tensor has nothing to compute.
        if (d.Length != 0) f(x, y, d);
    };

    private static Kernel Wrap<T>(SpanUnary<T> f) => (frame, s) =>
    {
        var x = frame.In<T>(s, 0);
        var d = frame.Out<T>(s, 0);
        if (d.Length != 0) f(x, d);
    };

    // ---- Binary ------------------------------------------------------------------------------------------------

    internal static SpanBinary<T>? FloatBinary<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        Ops.Add => TensorPrimitives.Add,
        Ops.Subtract => TensorPrimitives.Subtract,
        Ops.Multiply => TensorPrimitives.Multiply,
        Ops.Divide => TensorPrimitives.Divide,
        Ops.Remainder => TensorPrimitives.Remainder,
        Ops.Maximum => TensorPrimitives.Max,
        Ops.Minimum => TensorPrimitives.Min,
        Ops.Power => TensorPrimitives.Pow,
        Ops.Atan2 => TensorPrimitives.Atan2,
        _ => null,
    };

    private static SpanBinary<T>? IntBinary<T>(string name)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T> => name switch
    {
        Ops.Add => TensorPrimitives.Add,
        Ops.Subtract => TensorPrimitives.Subtract,
        Ops.Multiply => TensorPrimitives.Multiply,
        Ops.Divide => IntDivide,
        Ops.Remainder => IntRemainder,
        Ops.Maximum => TensorPrimitives.Max,
        Ops.Minimum => TensorPrimitives.Min,
        Ops.Power => IntPower,
        Ops.And => TensorPrimitives.BitwiseAnd,
        Ops.Or => TensorPrimitives.BitwiseOr,
        Ops.Xor => TensorPrimitives.Xor,
        _ => null,
    };

    private static SpanBinary<bool>? PredBinary(string name) => name switch
    {
        // On i1, StableHLO's add/maximum are logical or and multiply/minimum logical and.
        Ops.And or Ops.Multiply or Ops.Minimum => static (x, y, d) => TensorPrimitives.BitwiseAnd(Bytes(x), Bytes(y), Bytes(d)),
        Ops.Or or Ops.Add or Ops.Maximum => static (x, y, d) => TensorPrimitives.BitwiseOr(Bytes(x), Bytes(y), Bytes(d)),
        Ops.Xor => static (x, y, d) => TensorPrimitives.Xor(Bytes(x), Bytes(y), Bytes(d)),
        _ => null,
    };

    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<bool> x) => MemoryMarshal.Cast<bool, byte>(x);

    private static Span<byte> Bytes(Span<bool> x) => MemoryMarshal.Cast<bool, byte>(x);

    /// <summary>Truncating division that never throws: x/0 = -1 and MIN/-1 = MIN, as XLA defines them.</summary>
    internal static void IntDivide<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T a = x[i], b = y[i];
            d[i] = T.IsZero(b) ? T.NegativeOne : b == T.NegativeOne ? -a : a / b;
        }
    }

    /// <summary>Remainder with the dividend's sign that never throws: x%0 = x and x%-1 = 0.</summary>
    internal static void IntRemainder<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T a = x[i], b = y[i];
            d[i] = T.IsZero(b) ? a : b == T.NegativeOne ? T.Zero : a % b;
        }
    }

    /// <summary>Integer power by squaring (wrapping); negative exponents give 0 except for bases 1 and -1.</summary>
    internal static void IntPower<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T b = x[i], e = y[i];
            if (T.IsNegative(e))
            {
                d[i] = b == T.One ? T.One : b == T.NegativeOne ? (T.IsEvenInteger(e) ? T.One : T.NegativeOne) : T.Zero;
                continue;
            }
            T r = T.One;
            while (!T.IsZero(e))
            {
                if (T.IsOddInteger(e)) r *= b;
                b *= b;
                e >>= 1;
            }
            d[i] = r;
        }
    }

    // ---- Unary -------------------------------------------------------------------------------------------------

    internal static SpanUnary<T>? FloatUnary<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T> => name switch
    {
        Ops.Negate => TensorPrimitives.Negate,
        Ops.Abs => TensorPrimitives.Abs,
        Ops.Exp => TensorPrimitives.Exp,
        Ops.Expm1 => TensorPrimitives.ExpM1,
        Ops.Log => TensorPrimitives.Log,
        Ops.Log1p => TensorPrimitives.LogP1,
        Ops.Logistic => TensorPrimitives.Sigmoid,
        Ops.Tanh => TensorPrimitives.Tanh,
        Ops.Sqrt => TensorPrimitives.Sqrt,
        Ops.Rsqrt => TensorPrimitives.ReciprocalSqrt,
        Ops.Sine => TensorPrimitives.Sin,
        Ops.Cosine => TensorPrimitives.Cos,
        Ops.Floor => TensorPrimitives.Floor,
        Ops.Ceil => TensorPrimitives.Ceiling,
        Ops.RoundNearestEven => TensorPrimitives.Round,
        Ops.Sign => FloatSign,
        _ => null,
    };

    private static SpanUnary<T>? IntUnary<T>(string name)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T> => name switch
    {
        Ops.Negate => TensorPrimitives.Negate,
        Ops.Abs => IntAbs,
        Ops.Sign => IntSign,
        Ops.Not => TensorPrimitives.OnesComplement,
        _ => null,
    };

    private static SpanUnary<bool>? PredUnary(string name) => name switch
    {
        Ops.Not => static (x, d) =>
        {
            for (int i = 0; i < d.Length; i++) d[i] = !x[i];
        },
        _ => null,
    };

    /// <summary>-1, 0 or 1; ±0 and NaN are returned unchanged.</summary>
    internal static void FloatSign<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T v = x[i];
            d[i] = T.IsNaN(v) || T.IsZero(v) ? v : T.IsNegative(v) ? T.NegativeOne : T.One;
        }
    }

    /// <summary>|x| wrapping at MIN (no OverflowException, unlike <see cref="TensorPrimitives.Abs{T}(ReadOnlySpan{T}, Span{T})"/>).</summary>
    internal static void IntAbs<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T v = x[i];
            d[i] = T.IsNegative(v) ? -v : v;
        }
    }

    /// <summary>-1, 0 or 1.</summary>
    internal static void IntSign<T>(ReadOnlySpan<T> x, Span<T> d)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        for (int i = 0; i < d.Length; i++)
        {
            T v = x[i];
            d[i] = T.IsNegative(v) ? T.NegativeOne : T.IsZero(v) ? T.Zero : T.One;
        }
    }
}
