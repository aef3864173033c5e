using LoopGen.Ir;
using static LoopGen.Tests.Interpreter.Interp;

namespace LoopGen.Tests.Interpreter;

public class CompareSelectConvertTests
{
    private static readonly DType[] All = [DType.Pred, DType.S32, DType.S64, DType.F32, DType.F64];

    public static TheoryData<DType, ComparisonDirection> CompareCases()
    {
        var data = new TheoryData<DType, ComparisonDirection>();
        foreach (var d in All)
        {
            foreach (var dir in Enum.GetValues<ComparisonDirection>()) data.Add(d, dir);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CompareCases))]
    public void Compare_matches_reference(DType dtype, ComparisonDirection dir)
    {
        foreach (var shape in EdgeShapes)
        {
            var t = IrBuilder.T(dtype, shape);
            var x = Random(t);
            var y = Random(t);
            // Make some pairs equal so EQ/LE/GE see both outcomes.
            if (x.Length > 1) Array.Copy(y, 0, x, 0, x.Length / 2);
            var actual = Both1(Ops.Compare, [t, t], IrBuilder.T(DType.Pred, shape), [x, y], IrBuilder.A("comparison_direction", new ComparisonDirectionAttr(dir)));
            var expected = new bool[x.Length];
            for (int i = 0; i < x.Length; i++) expected[i] = Cmp(ToDouble(x.GetValue(i)!), ToDouble(y.GetValue(i)!), dir);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Float_compare_is_ieee_with_nan()
    {
        var t = IrBuilder.T(DType.F64, 3);
        double[] x = [double.NaN, 1, double.NaN];
        double[] y = [1, double.NaN, double.NaN];
        foreach (var dir in Enum.GetValues<ComparisonDirection>())
        {
            var r = (bool[])Both1(Ops.Compare, [t, t], IrBuilder.T(DType.Pred, 3), [x, y], IrBuilder.A("comparison_direction", new ComparisonDirectionAttr(dir)));
            Assert.All(r, v => Assert.Equal(dir == ComparisonDirection.NE, v));
        }
    }

    private static bool Cmp(double a, double b, ComparisonDirection dir) => dir switch
    {
        ComparisonDirection.EQ => a == b,
        ComparisonDirection.NE => a != b,
        ComparisonDirection.LT => a < b,
        ComparisonDirection.LE => a <= b,
        ComparisonDirection.GT => a > b,
        _ => a >= b,
    };

    private static double ToDouble(object o) => o switch
    {
        bool b => b ? 1 : 0,
        int i => i,
        long l => l,
        float f => f,
        double d => d,
        _ => throw new InvalidOperationException(),
    };

    [Theory]
    [InlineData(DType.Pred)]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    public void Select_with_full_and_scalar_pred(DType dtype)
    {
        foreach (var shape in EdgeShapes)
        {
            var t = IrBuilder.T(dtype, shape);
            var pt = IrBuilder.T(DType.Pred, shape);
            var p = (bool[])Random(pt);
            var a = Random(t);
            var b = Random(t);
            var r = Both1(Ops.Select, [pt, t, t], t, [p, a, b]);
            Assert.Equal(Ref.Build(a, shape, idx => (p[Ref.Ravel(idx, shape)] ? a : b).GetValue(Ref.Ravel(idx, shape))!), r);
            foreach (var s in new[] { true, false })
            {
                var rs = Both1(Ops.Select, [TensorType.Scalar(DType.Pred), t, t], t, [new[] { s }, a, b]);
                Assert.Equal(s ? a : b, rs);
            }
        }
    }

    [Theory]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    public void Clamp_with_scalar_and_full_bounds(DType dtype)
    {
        foreach (var shape in EdgeShapes)
        {
            var t = IrBuilder.T(dtype, shape);
            var x = Random(t);
            var lo = Random(t);
            var hi = Random(t);
            var r = Both1(Ops.Clamp, [t, t, t], t, [lo, x, hi]);
            Assert.Equal(Ref.Build(x, shape, idx =>
            {
                long i = Ref.Ravel(idx, shape);
                return Clamp(lo.GetValue(i)!, x.GetValue(i)!, hi.GetValue(i)!);
            }), r);
            var s = TensorType.Scalar(dtype);
            var slo = Random(s);
            var shi = Random(s);
            var rs = Both1(Ops.Clamp, [s, t, s], t, [slo, x, shi]);
            Assert.Equal(Ref.Build(x, shape, idx => Clamp(slo.GetValue(0)!, x.GetValue(Ref.Ravel(idx, shape))!, shi.GetValue(0)!)), rs);
        }
    }

    private static object Clamp(object lo, object x, object hi)
    {
        // min(max(x, lo), hi), evaluated in double then converted back to the element type.
        double v = Math.Min(Math.Max(ToDouble(x), ToDouble(lo)), ToDouble(hi));
        return x switch
        {
            int => (object)(int)v,
            long => (object)(long)v,
            float => (object)(float)v,
            _ => (object)v,
        };
    }

    public static TheoryData<DType, DType> ConvertCases()
    {
        var data = new TheoryData<DType, DType>();
        foreach (var a in All)
        {
            foreach (var b in All) data.Add(a, b);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConvertCases))]
    public void Convert_every_pair(DType from, DType to)
    {
        foreach (var shape in EdgeShapes)
        {
            var ft = IrBuilder.T(from, shape);
            var x = from.IsFloat() ? ((Array)(from == DType.F32 ? Rand(shape, 100f) : RandD(shape, 100.0))) : Random(ft);
            var r = Both1(Ops.Convert, [ft], IrBuilder.T(to, shape), [x]);
            var expected = Array.CreateInstance(to.ClrType(), x.Length);
            for (int i = 0; i < x.Length; i++) expected.SetValue(ConvertRef(x.GetValue(i)!, to), i);
            Assert.Equal(expected, r);
        }
    }

    [Fact]
    public void Float_to_int_truncates_saturates_and_maps_nan_to_zero()
    {
        var t = IrBuilder.T(DType.F32, 7);
        float[] x = [2.9f, -2.9f, float.NaN, 1e20f, -1e20f, float.PositiveInfinity, -0.5f];
        Assert.Equal(new[] { 2, -2, 0, int.MaxValue, int.MinValue, int.MaxValue, 0 }, Both1(Ops.Convert, [t], IrBuilder.T(DType.S32, 7), [x]));
        Assert.Equal(new[] { 2L, -2, 0, long.MaxValue, long.MinValue, long.MaxValue, 0 }, Both1(Ops.Convert, [t], IrBuilder.T(DType.S64, 7), [x]));
        Assert.Equal(new[] { true, true, true, true, true, true, true }, Both1(Ops.Convert, [t], IrBuilder.T(DType.Pred, 7), [x]));
        var l = IrBuilder.T(DType.S64, 2);
        Assert.Equal(new[] { -1, int.MinValue }, Both1(Ops.Convert, [l], IrBuilder.T(DType.S32, 2), [new[] { 0xFFFF_FFFFL, 0x8000_0000L }]));
        var d = IrBuilder.T(DType.F64, 2);
        Assert.Equal(new[] { float.PositiveInfinity, 0.1f }, Both1(Ops.Convert, [d], IrBuilder.T(DType.F32, 2), [new[] { 1e300, 0.1 }]));
    }

    private static float[] Rand(int[] shape, float r) => LoopGen.Tests.Support.Rand.Floats((int)Ref.Count(shape), -r, r);

    private static double[] RandD(int[] shape, double r) => LoopGen.Tests.Support.Rand.Doubles((int)Ref.Count(shape), -r, r);

    private static object ConvertRef(object v, DType to)
    {
        if (to == DType.Pred) return ToDouble(v) != 0;
        if (v is bool b) v = b ? 1 : 0;
        return (v, to) switch
        {
            (float f, DType.S32) => (object)(int)Math.Truncate(f),
            (float f, DType.S64) => (object)(long)Math.Truncate(f),
            (double f, DType.S32) => (object)(int)Math.Truncate(f),
            (double f, DType.S64) => (object)(long)Math.Truncate(f),
            (long l, DType.S32) => (object)unchecked((int)l),
            (_, DType.S32) => (object)System.Convert.ToInt32(v),
            (_, DType.S64) => (object)System.Convert.ToInt64(v),
            (double f, DType.F32) => (object)(float)f,
            (_, DType.F32) => (object)System.Convert.ToSingle(v),
            (_, DType.F64) => (object)System.Convert.ToDouble(v),
            _ => throw new InvalidOperationException(),
        };
    }
}
