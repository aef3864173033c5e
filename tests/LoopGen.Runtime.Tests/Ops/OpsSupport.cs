using LoopGen.Ir;
using LoopGen.Tests.Support;
using LoopGen.Tracing;

namespace LoopGen.Tests.TensorOps;

/// <summary>Random inputs in any dtype, host references over doubles, comparisons and a trace helper.</summary>
internal static class OpsSupport
{
    public static readonly DType[] Numeric = [DType.F32, DType.F64, DType.S32, DType.S64];

    /// <summary>A fresh random tensor and its elements as doubles (integers small, so double references are exact).</summary>
    public static (Tensor Tensor, double[] Data) Random(DType dtype, params int[] shape)
    {
        // Tensor.From with no shape makes a vector, so 0-d inputs are reshaped to [].
        var (t, d) = RandomFlat(dtype, shape);
        return (shape.Length == 0 ? t.Reshape() : t, d);
    }

    private static (Tensor Tensor, double[] Data) RandomFlat(DType dtype, int[] shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        switch (dtype)
        {
            case DType.F32:
                var f = Rand.Floats(n);
                return (Tensor.From(f, shape), [.. f.Select(v => (double)v)]);
            case DType.F64:
                var d64 = Rand.Doubles(n);
                return (Tensor.From(d64, shape), d64);
            case DType.S32:
                var i = Rand.Ints(n);
                return (Tensor.From(i, shape), [.. i.Select(v => (double)v)]);
            case DType.S64:
                var l = Rand.Longs(n);
                return (Tensor.From(l, shape), [.. l.Select(v => (double)v)]);
            case DType.Pred:
                var b = Rand.Bools(n);
                return (Tensor.From(b, shape), [.. b.Select(v => v ? 1.0 : 0.0)]);
            default:
                throw new NotSupportedException(dtype.ToString());
        }
    }

    /// <summary>Random nonzero integers (for divisors).</summary>
    public static (Tensor Tensor, double[] Data) RandomNonZero(DType dtype, params int[] shape)
    {
        var (t, d) = Random(dtype, shape);
        if (dtype.IsFloat()) return (t, d);
        var fixedData = d.Select(v => v == 0 ? 7.0 : v).ToArray();
        return (FromDoubles(fixedData, dtype, shape), fixedData);
    }

    /// <summary>A tensor of <paramref name="dtype"/> from doubles.</summary>
    public static Tensor FromDoubles(double[] data, DType dtype, params int[] shape) =>
        shape.Length == 0 ? FromDoublesFlat(data, dtype, shape).Reshape() : FromDoublesFlat(data, dtype, shape);

    private static Tensor FromDoublesFlat(double[] data, DType dtype, int[] shape) => dtype switch
    {
        DType.F32 => Tensor.From(data.Select(v => (float)v).ToArray(), shape),
        DType.F64 => Tensor.From(data, shape),
        DType.S32 => Tensor.From(data.Select(v => (int)v).ToArray(), shape),
        DType.S64 => Tensor.From(data.Select(v => (long)v).ToArray(), shape),
        DType.Pred => Tensor.From(data.Select(v => v != 0).ToArray(), shape),
        _ => throw new NotSupportedException(dtype.ToString()),
    };

    /// <summary>The elements of any tensor as doubles.</summary>
    public static double[] Read(Tensor t) => t.DType switch
    {
        DType.F32 => [.. t.ToArray<float>().Select(v => (double)v)],
        DType.F64 => t.ToArray<double>(),
        DType.S32 => [.. t.ToArray<int>().Select(v => (double)v)],
        DType.S64 => [.. t.ToArray<long>().Select(v => (double)v)],
        DType.Pred => [.. t.ToArray<bool>().Select(v => v ? 1.0 : 0.0)],
        _ => throw new NotSupportedException(t.DType.ToString()),
    };

    /// <summary>Asserts dtype, shape and elements (relative-and-absolute tolerance for floats, exact otherwise).</summary>
    public static void AssertTensor(Tensor actual, DType dtype, int[] shape, double[] expected, double tol = -1)
    {
        Assert.Equal(dtype, actual.DType);
        Assert.Equal(shape, actual.Shape.ToArray());
        var got = Read(actual);
        Assert.Equal(expected.Length, got.Length);
        if (tol < 0) tol = dtype == DType.F32 ? 1e-5 : dtype == DType.F64 ? 1e-12 : 0;
        for (int i = 0; i < got.Length; i++)
        {
            double e = expected[i], g = got[i];
            if (double.IsNaN(e))
            {
                Assert.True(double.IsNaN(g), $"element {i}: expected NaN, got {g}");
                continue;
            }
            if (double.IsInfinity(e))
            {
                Assert.Equal(e, g);
                continue;
            }
            Assert.True(Math.Abs(e - g) <= tol * Math.Max(1, Math.Abs(e)), $"element {i}: expected {e}, got {g} (tol {tol})");
        }
    }

    /// <summary>Row-major multi-index of a flat offset.</summary>
    public static int[] Unravel(long flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            idx[i] = (int)(flat % shape[i]);
            flat /= shape[i];
        }
        return idx;
    }

    /// <summary>Flat offset of a multi-index.</summary>
    public static long Ravel(int[] idx, int[] shape)
    {
        long flat = 0;
        for (int i = 0; i < shape.Length; i++) flat = flat * shape[i] + idx[i];
        return flat;
    }

    public static int Count(int[] shape) => shape.Aggregate(1, (a, b) => a * b);

    /// <summary>Numpy broadcast of two shapes, computed independently of the runtime.</summary>
    public static int[] BroadcastShape(int[] a, int[] b)
    {
        int r = Math.Max(a.Length, b.Length);
        var s = new int[r];
        for (int i = 0; i < r; i++)
        {
            int da = i - (r - a.Length) >= 0 ? a[i - (r - a.Length)] : 1;
            int db = i - (r - b.Length) >= 0 ? b[i - (r - b.Length)] : 1;
            s[i] = da == 1 ? db : da;
        }
        return s;
    }

    /// <summary>The element of <paramref name="data"/> (shape <paramref name="from"/>) seen at <paramref name="outIdx"/> after broadcasting.</summary>
    public static double At(double[] data, int[] from, int[] outIdx)
    {
        int off = outIdx.Length - from.Length;
        var idx = new int[from.Length];
        for (int i = 0; i < from.Length; i++) idx[i] = from[i] == 1 ? 0 : outIdx[i + off];
        return data[Ravel(idx, from)];
    }

    /// <summary>Reference elementwise binary op with broadcasting.</summary>
    public static double[] Zip(double[] a, int[] sa, double[] b, int[] sb, Func<double, double, double> f)
    {
        var s = BroadcastShape(sa, sb);
        var r = new double[Count(s)];
        for (int i = 0; i < r.Length; i++)
        {
            var idx = Unravel(i, s);
            r[i] = f(At(a, sa, idx), At(b, sb, idx));
        }
        return r;
    }

    /// <summary>Rounds a double reference to what the dtype stores (f32 rounding, integer truncation).</summary>
    public static double Store(double v, DType dtype) => dtype switch
    {
        DType.F32 => (float)v,
        DType.S32 or DType.S64 => Math.Truncate(v),
        DType.Pred => v != 0 ? 1 : 0,
        _ => v,
    };

    /// <summary>Traces <paramref name="body"/> into a fresh function block (no backend needed) and returns the block.</summary>
    public static Block Trace(Action body)
    {
        var block = new Block();
        var scope = TraceScope.OpenFunction(block);
        try
        {
            body();
        }
        finally
        {
            scope.Close();
        }
        return block;
    }

    /// <summary>A symbolic function parameter of the given type inside the current trace.</summary>
    public static Tensor Param(DType dtype, params int[] shape) =>
        TraceScope.Current!.Wrap(TraceScope.Current.Block.AddArgument(new TensorType(dtype, new Shape(shape))));
}
