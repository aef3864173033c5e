using System.Numerics;
using LoopGen.Ir;
using LoopGen.Ir.Verification;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class ElementwiseTests
{
    private static readonly DType[] Numbers = [DType.F32, DType.F64, DType.S32, DType.S64];
    private static readonly DType[] Floats = [DType.F32, DType.F64];
    private static readonly DType[] Ints = [DType.S32, DType.S64];

    public static TheoryData<string, DType> BinaryCases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { Ops.Add, Ops.Subtract, Ops.Multiply, Ops.Divide, Ops.Remainder, Ops.Maximum, Ops.Minimum, Ops.Power })
        {
            foreach (var d in Numbers) data.Add(op, d);
        }
        foreach (var d in Floats) data.Add(Ops.Atan2, d);
        foreach (var op in new[] { Ops.And, Ops.Or, Ops.Xor })
        {
            foreach (var d in Ints) data.Add(op, d);
        }
        foreach (var op in new[] { Ops.And, Ops.Or, Ops.Xor, Ops.Add, Ops.Multiply, Ops.Maximum, Ops.Minimum }) data.Add(op, DType.Pred);
        return data;
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_matches_reference_on_every_edge_shape(string op, DType dtype)
    {
        foreach (var shape in EdgeShapes)
        {
            var t = IrBuilder.T(dtype, shape);
            var x = Random(t);
            var y = Random(t);
            if (op == Ops.Power && dtype.IsInteger()) y = Random(dtype, t.Shape.ElementCount) is var e ? Shrink(e) : y;
            var actual = Both1(op, [t, t], t, [x, y]);
            Close(RefBinary(op, x, y), actual);
        }
    }

    public static TheoryData<string, DType> UnaryCases()
    {
        var data = new TheoryData<string, DType>();
        foreach (var op in new[] { Ops.Negate, Ops.Abs, Ops.Exp, Ops.Expm1, Ops.Log, Ops.Log1p, Ops.Logistic, Ops.Tanh, Ops.Sqrt, Ops.Rsqrt, Ops.Sine, Ops.Cosine, Ops.Floor, Ops.Ceil, Ops.RoundNearestEven, Ops.Sign })
        {
            foreach (var d in Floats) data.Add(op, d);
        }
        foreach (var op in new[] { Ops.Negate, Ops.Abs, Ops.Sign, Ops.Not })
        {
            foreach (var d in Ints) data.Add(op, d);
        }
        data.Add(Ops.Not, DType.Pred);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_matches_reference_on_every_edge_shape(string op, DType dtype)
    {
        foreach (var shape in EdgeShapes)
        {
            var t = IrBuilder.T(dtype, shape);
            var x = Random(t);
            var actual = Both1(op, [t], t, [x]);
            Close(RefUnary(op, x), actual, dtype == DType.F32 ? 1e-5 : 1e-11);
        }
    }

    [Fact]
    public void Integer_divide_and_remainder_never_throw_and_follow_xla()
    {
        var t = IrBuilder.T(DType.S32, 6);
        int[] x = [7, -7, 5, int.MinValue, int.MinValue, 0];
        int[] y = [2, 2, 0, -1, 0, 0];
        Assert.Equal(new[] { 3, -3, -1, int.MinValue, -1, -1 }, Both1(Ops.Divide, [t, t], t, [x, y]));
        Assert.Equal(new[] { 1, -1, 5, 0, int.MinValue, 0 }, Both1(Ops.Remainder, [t, t], t, [x, y]));

        var t64 = IrBuilder.T(DType.S64, 2);
        Assert.Equal(new[] { long.MinValue, -1L }, Both1(Ops.Divide, [t64, t64], t64, [new[] { long.MinValue, 3L }, new[] { -1L, 0L }]));
        Assert.Equal(new[] { 0L, 3L }, Both1(Ops.Remainder, [t64, t64], t64, [new[] { long.MinValue, 3L }, new[] { -1L, 0L }]));
    }

    [Fact]
    public void Float_maximum_and_minimum_propagate_nan()
    {
        var t = IrBuilder.T(DType.F32, 4);
        float[] x = [float.NaN, 1f, 2f, -0f];
        float[] y = [1f, float.NaN, 3f, 0f];
        var max = (float[])Both1(Ops.Maximum, [t, t], t, [x, y]);
        var min = (float[])Both1(Ops.Minimum, [t, t], t, [x, y]);
        Assert.True(float.IsNaN(max[0]) && float.IsNaN(max[1]) && max[2] == 3f);
        Assert.True(float.IsNaN(min[0]) && float.IsNaN(min[1]) && min[2] == 2f);
        var td = IrBuilder.T(DType.F64, 2);
        var maxd = (double[])Both1(Ops.Maximum, [td, td], td, [new[] { double.NaN, 1.0 }, new[] { 1.0, double.NaN }]);
        Assert.True(double.IsNaN(maxd[0]) && double.IsNaN(maxd[1]));
    }

    [Fact]
    public void Edge_values_of_unary_ops()
    {
        var t = IrBuilder.T(DType.F32, 6);
        float[] halves = [0.5f, 1.5f, 2.5f, -0.5f, -2.5f, 3.5f];
        Assert.Equal(new[] { 0f, 2f, 2f, -0f, -2f, 4f }, Both1(Ops.RoundNearestEven, [t], t, [halves]));
        var sign = (float[])Both1(Ops.Sign, [t], t, [new[] { float.NaN, -0f, 0f, -3f, 4f, float.NegativeInfinity }]);
        Assert.True(float.IsNaN(sign[0]));
        Assert.Equal(new[] { -0f, 0f, -1f, 1f, -1f }, sign[1..]);
        var ti = IrBuilder.T(DType.S32, 2);
        Assert.Equal(new[] { int.MinValue, 5 }, Both1(Ops.Abs, [ti], ti, [new[] { int.MinValue, -5 }]));
        Assert.Equal(new[] { int.MinValue, 5 }, Both1(Ops.Negate, [ti], ti, [new[] { int.MinValue, -5 }]));
        Assert.Equal(new[] { 1, 1 }, Both1(Ops.Power, [ti, ti], ti, [new[] { -1, 1 }, new[] { -4, -3 }]));
    }

    [Theory]
    [InlineData(Ops.Exp, DType.S32)]
    [InlineData(Ops.Atan2, DType.S64)]
    [InlineData(Ops.Subtract, DType.Pred)]
    [InlineData(Ops.And, DType.F32)]
    public void Unsupported_dtype_names_op_and_dtype(string op, DType dtype)
    {
        var b = new IrBuilder();
        var x = b.Arg(dtype, 2);
        var r = Ops.ElementwiseUnary.Contains(op) ? b.Op(op, x.Type, x) : b.Binary(op, x, x);
        using var unverified = IrVerifier.Suspend(); // the interpreter's own check, as when verification is off
        var e = Assert.Throws<NotSupportedException>(() => Run(b.Module(r), Random(x.Type), Random(x.Type)));
        Assert.Contains(op, e.Message);
        Assert.Contains(dtype.Name(), e.Message);
    }

    [Fact]
    public void F16_is_not_supported_and_says_so()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F16, 2);
        var m = b.Module(b.Binary(Ops.Add, x, x));
        var e = Assert.Throws<NotSupportedException>(() => LoopGen.Backends.Interpreter.InterpreterBackend.Compile(m));
        Assert.Contains("f16", e.Message);
        Assert.Contains(Ops.Add, e.Message);
    }

    // ---- References -------------------------------------------------------------------------------------------

    private static Array Shrink(Array a) => a switch
    {
        int[] i => i.Select(v => v % 7).ToArray(),
        long[] l => l.Select(v => v % 7).ToArray(),
        _ => a,
    };

    internal static Array RefBinary(string op, Array x, Array y) => x switch
    {
        float[] a => Map2(a, (float[])y, (p, q) => (float)FloatBinary(op, p, q)),
        double[] a => Map2(a, (double[])y, (p, q) => FloatBinary(op, p, q)),
        int[] a => Map2(a, (int[])y, (p, q) => IntBinary(op, p, q)),
        long[] a => Map2(a, (long[])y, (p, q) => IntBinary(op, p, q)),
        bool[] a => Map2(a, (bool[])y, (p, q) => op switch
        {
            Ops.And or Ops.Multiply or Ops.Minimum => p && q,
            Ops.Or or Ops.Add or Ops.Maximum => p || q,
            Ops.Xor => p ^ q,
            _ => throw new InvalidOperationException(op),
        }),
        _ => throw new InvalidOperationException(),
    };

    private static double FloatBinary(string op, double a, double b) => op switch
    {
        Ops.Add => a + b,
        Ops.Subtract => a - b,
        Ops.Multiply => a * b,
        Ops.Divide => a / b,
        Ops.Remainder => a % b,
        Ops.Maximum => Math.Max(a, b),
        Ops.Minimum => Math.Min(a, b),
        Ops.Power => Math.Pow(a, b),
        Ops.Atan2 => Math.Atan2(a, b),
        _ => throw new InvalidOperationException(op),
    };

    private static T IntBinary<T>(string op, T a, T b)
        where T : IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T> => op switch
    {
        Ops.Add => a + b,
        Ops.Subtract => a - b,
        Ops.Multiply => a * b,
        Ops.Divide => b == T.Zero ? -T.One : a == T.MinValue && b == -T.One ? T.MinValue : a / b,
        Ops.Remainder => b == T.Zero ? a : a == T.MinValue && b == -T.One ? T.Zero : a % b,
        Ops.Maximum => a > b ? a : b,
        Ops.Minimum => a < b ? a : b,
        Ops.Power => IntPow(a, b),
        Ops.And => a & b,
        Ops.Or => a | b,
        Ops.Xor => a ^ b,
        _ => throw new InvalidOperationException(op),
    };

    private static T IntPow<T>(T a, T b)
        where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        if (b < T.Zero) return a == T.One ? T.One : a == -T.One ? (T.IsEvenInteger(b) ? T.One : -T.One) : T.Zero;
        T r = T.One;
        for (T i = T.Zero; i < b; i++) r *= a;
        return r;
    }

    private static Array RefUnary(string op, Array x) => x switch
    {
        float[] a => a.Select(v => (float)FloatUnary(op, v)).ToArray(),
        double[] a => a.Select(v => FloatUnary(op, v)).ToArray(),
        int[] a => a.Select(v => IntUnary(op, v)).ToArray(),
        long[] a => a.Select(v => IntUnary(op, v)).ToArray(),
        bool[] a => a.Select(v => !v).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static double FloatUnary(string op, double v) => op switch
    {
        Ops.Negate => -v,
        Ops.Abs => Math.Abs(v),
        Ops.Exp => Math.Exp(v),
        Ops.Expm1 => Math.Exp(v) - 1 is var e && Math.Abs(v) < 1e-5 ? v + v * v / 2 : e,
        Ops.Log => Math.Log(v),
        Ops.Log1p => Math.Abs(v) < 1e-5 ? v - v * v / 2 : Math.Log(1 + v),
        Ops.Logistic => 1 / (1 + Math.Exp(-v)),
        Ops.Tanh => Math.Tanh(v),
        Ops.Sqrt => Math.Sqrt(v),
        Ops.Rsqrt => 1 / Math.Sqrt(v),
        Ops.Sine => Math.Sin(v),
        Ops.Cosine => Math.Cos(v),
        Ops.Floor => Math.Floor(v),
        Ops.Ceil => Math.Ceiling(v),
        Ops.RoundNearestEven => Math.Round(v, MidpointRounding.ToEven),
        Ops.Sign => v == 0 || double.IsNaN(v) ? v : Math.Sign(v),
        _ => throw new InvalidOperationException(op),
    };

    private static T IntUnary<T>(string op, T v)
        where T : IBinaryInteger<T>, ISignedNumber<T> => op switch
    {
        Ops.Negate => -v,
        Ops.Abs => v < T.Zero ? -v : v,
        Ops.Sign => v < T.Zero ? -T.One : v > T.Zero ? T.One : T.Zero,
        Ops.Not => ~v,
        _ => throw new InvalidOperationException(op),
    };
}
