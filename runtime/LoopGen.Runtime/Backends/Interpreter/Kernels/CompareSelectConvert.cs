using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>compare, select, clamp, convert.</summary>
internal static class CompareSelectConvert
{
    /// <summary>compare: IEEE for floats (NaN compares false except NE); pred orders false before true.</summary>
    public static Kernel Compare(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 2, 1);
        var t = s.InTypes[0];
        Check.Same(s, t, s.InTypes[1], "rhs");
        Check.Same(s, new TensorType(DType.Pred, t.Shape), s.OutTypes[0], "the result");
        var dir = Check.Attr<ComparisonDirectionAttr>(s, "comparison_direction").Direction;
        return t.DType switch
        {
            DType.F32 => CompareOf<float>(dir),
            DType.F64 => CompareOf<double>(dir),
            DType.S32 => CompareOf<int>(dir),
            DType.S64 => CompareOf<long>(dir),
            DType.Pred => ComparePred(dir),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    private static Kernel CompareOf<T>(ComparisonDirection dir)
        where T : INumber<T> => (frame, s) =>
    {
        var x = frame.In<T>(s, 0);
        var y = frame.In<T>(s, 1);
        Run(x, y, frame.Out<bool>(s, 0), dir);
    };

    private static Kernel ComparePred(ComparisonDirection dir) => (frame, s) =>
    {
        var x = MemoryMarshal.Cast<bool, byte>(frame.In<bool>(s, 0));
        var y = MemoryMarshal.Cast<bool, byte>(frame.In<bool>(s, 1));
        Run(x, y, frame.Out<bool>(s, 0), dir);
    };

    // One loop per direction, so the comparison is not re-dispatched per element.
    private static void Run<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<bool> d, ComparisonDirection dir)
        where T : INumber<T>
    {
        switch (dir)
        {
            case ComparisonDirection.EQ: for (int i = 0; i < d.Length; i++) d[i] = x[i] == y[i]; break;
            case ComparisonDirection.NE: for (int i = 0; i < d.Length; i++) d[i] = x[i] != y[i]; break;
            case ComparisonDirection.LT: for (int i = 0; i < d.Length; i++) d[i] = x[i] < y[i]; break;
            case ComparisonDirection.LE: for (int i = 0; i < d.Length; i++) d[i] = x[i] <= y[i]; break;
            case ComparisonDirection.GT: for (int i = 0; i < d.Length; i++) d[i] = x[i] > y[i]; break;
            case ComparisonDirection.GE: for (int i = 0; i < d.Length; i++) d[i] = x[i] >= y[i]; break;
            default: throw new InvalidOperationException($"stablehlo.compare: unknown direction {dir}");
        }
    }

    /// <summary>select(pred, on_true, on_false); a 0-d pred picks a whole operand, which is then shared, not copied.</summary>
    public static Kernel Select(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 3, 1);
        var t = s.OutTypes[0];
        Check.Same(s, t, s.InTypes[1], "on_true");
        Check.Same(s, t, s.InTypes[2], "on_false");
        var p = s.InTypes[0];
        if (p.DType != DType.Pred || (p.Shape.Rank != 0 && p.Shape != t.Shape))
        {
            throw Check.Fail(s, $"pred {p} must be pred of shape {t.Shape} or 0-d");
        }
        if (p.Shape.Rank == 0)
        {
            return static (frame, st) => frame.Bind(st.Out[0], frame.InBuf(st, frame.In<bool>(st, 0)[0] ? 1 : 2));
        }
        return t.DType switch
        {
            DType.F32 => SelectOf<float>(),
            DType.F64 => SelectOf<double>(),
            DType.S32 => SelectOf<int>(),
            DType.S64 => SelectOf<long>(),
            DType.Pred => SelectOf<bool>(),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    private static Kernel SelectOf<T>() => static (frame, s) =>
    {
        var p = frame.In<bool>(s, 0);
        var a = frame.In<T>(s, 1);
        var b = frame.In<T>(s, 2);
        var d = frame.Out<T>(s, 0);
        for (int i = 0; i < d.Length; i++) d[i] = p[i] ? a[i] : b[i];
    };

    /// <summary>clamp(min, operand, max) = min(max(operand, min), max); min/max may be 0-d. NaN propagates.</summary>
    public static Kernel Clamp(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 3, 1);
        var t = s.OutTypes[0];
        Check.Same(s, t, s.InTypes[1], "operand");
        for (int i = 0; i < 3; i += 2)
        {
            var b = s.InTypes[i];
            if (b.DType != t.DType || (b.Shape.Rank != 0 && b.Shape != t.Shape)) throw Check.Fail(s, $"bound {b} must be {t} or 0-d");
        }
        bool loScalar = s.InTypes[0].Shape.Rank == 0, hiScalar = s.InTypes[2].Shape.Rank == 0;
        return t.DType switch
        {
            DType.F32 => ClampOf<float>(loScalar, hiScalar),
            DType.F64 => ClampOf<double>(loScalar, hiScalar),
            DType.S32 => ClampOf<int>(loScalar, hiScalar),
            DType.S64 => ClampOf<long>(loScalar, hiScalar),
            _ => throw Check.Unsupported(s, t.DType),
        };
    }

    private static Kernel ClampOf<T>(bool loScalar, bool hiScalar)
        where T : INumber<T> => (frame, s) =>
    {
        var lo = frame.In<T>(s, 0);
        var x = frame.In<T>(s, 1);
        var hi = frame.In<T>(s, 2);
        var d = frame.Out<T>(s, 0);
        for (int i = 0; i < d.Length; i++)
        {
            // T.Max/T.Min are IEEE maximum/minimum for floats: a NaN anywhere gives NaN.
            d[i] = T.Min(T.Max(x[i], lo[loScalar ? 0 : i]), hi[hiScalar ? 0 : i]);
        }
    };

    /// <summary>
    /// convert: float→int truncates toward zero and saturates (NaN→0); int→int wraps; →pred is x != 0;
    /// pred→number is 0/1. Same dtype shares the buffer.
    /// </summary>
    public static Kernel Convert(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 1, 1);
        var from = s.InTypes[0];
        var to = s.OutTypes[0];
        if (from.Shape != to.Shape) throw Check.Fail(s, $"cannot convert {from} to {to}: shapes differ");
        if (from.DType == to.DType) return ShapeKernels.Alias;
        return from.DType switch
        {
            DType.F32 => From<float>(s, to.DType),
            DType.F64 => From<double>(s, to.DType),
            DType.S32 => From<int>(s, to.DType),
            DType.S64 => From<long>(s, to.DType),
            DType.Pred => to.DType switch
            {
                DType.F32 => FromPred<float>(),
                DType.F64 => FromPred<double>(),
                DType.S32 => FromPred<int>(),
                DType.S64 => FromPred<long>(),
                _ => throw Check.Unsupported(s, to.DType),
            },
            _ => throw Check.Unsupported(s, from.DType),
        };
    }

    private static Kernel From<TFrom>(Step s, DType to)
        where TFrom : unmanaged, INumber<TFrom> => to switch
    {
        DType.F32 => Conv<TFrom, float>(),
        DType.F64 => Conv<TFrom, double>(),
        DType.S32 => Conv<TFrom, int>(),
        DType.S64 => Conv<TFrom, long>(),
        DType.Pred => ToPred<TFrom>(),
        _ => throw Check.Unsupported(s, to),
    };

    private static Kernel Conv<TFrom, TTo>()
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        // Integer→integer must wrap (two's complement); everything else saturates, which for float→int
        // is truncation toward zero clamped to the range, NaN→0.
        bool wrap = typeof(TFrom) != typeof(float) && typeof(TFrom) != typeof(double)
            && typeof(TTo) != typeof(float) && typeof(TTo) != typeof(double);
        if (wrap)
        {
            return static (frame, s) =>
            {
                var x = frame.In<TFrom>(s, 0);
                TensorPrimitives.ConvertTruncating<TFrom, TTo>(x, frame.Out<TTo>(s, 0));
            };
        }
        return static (frame, s) =>
        {
            var x = frame.In<TFrom>(s, 0);
            var d = frame.Out<TTo>(s, 0);
            for (int i = 0; i < d.Length; i++) d[i] = TTo.CreateSaturating(x[i]);
        };
    }

    private static Kernel ToPred<TFrom>()
        where TFrom : INumber<TFrom> => static (frame, s) =>
    {
        var x = frame.In<TFrom>(s, 0);
        var d = frame.Out<bool>(s, 0);
        for (int i = 0; i < d.Length; i++) d[i] = x[i] != TFrom.Zero;
    };

    private static Kernel FromPred<TTo>()
        where TTo : INumber<TTo> => static (frame, s) =>
    {
        var x = frame.In<bool>(s, 0);
        var d = frame.Out<TTo>(s, 0);
        for (int i = 0; i < d.Length; i++) d[i] = x[i] ? TTo.One : TTo.Zero;
    };
}
