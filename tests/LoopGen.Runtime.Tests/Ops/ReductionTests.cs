using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Reductions over each axis, all axes and with kept dims, against loops.</summary>
public class ReductionTests
{
    // Reference reduction of `d` (shape `s`) over `axes`: result in row-major order of the kept dims.
    private static double[] Reduce(double[] d, int[] s, int[] axes, double init, Func<double, double, double> f)
    {
        var kept = Enumerable.Range(0, s.Length).Where(i => !axes.Contains(i)).ToArray();
        var outShape = kept.Select(i => s[i]).ToArray();
        var r = Enumerable.Repeat(init, Count(outShape)).ToArray();
        for (int i = 0; i < d.Length; i++)
        {
            var idx = Unravel(i, s);
            long o = Ravel([.. kept.Select(k => idx[k])], outShape);
            r[o] = f(r[o], d[i]);
        }
        return r;
    }

    private static int[] KeptShape(int[] s, int[] axes, bool keep) =>
        keep ? [.. s.Select((d, i) => axes.Contains(i) ? 1 : d)] : [.. s.Where((_, i) => !axes.Contains(i))];

    public static TheoryData<DType, int[]> Cases()
    {
        var data = new TheoryData<DType, int[]>();
        foreach (var dt in Numeric)
        {
            data.Add(dt, []);
            data.Add(dt, [0]);
            data.Add(dt, [1]);
            data.Add(dt, [2]);
            data.Add(dt, [0, 2]);
            data.Add(dt, [0, 1, 2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sum_prod_max_min_over_axes(DType dt, int[] axes)
    {
        int[] s = [2, 3, 4];
        var (x, d) = Random(dt, s);
        if (!dt.IsFloat()) d = [.. d.Select(v => Math.Clamp(v, -2, 2))]; // keep integer products within s32 (2^24)
        x = FromDoubles(d, dt, s);
        var all = axes.Length == 0 ? new[] { 0, 1, 2 } : axes;
        double tol = dt == DType.F32 ? 1e-4 : -1;
        foreach (var keep in new[] { false, true })
        {
            var shape = KeptShape(s, all, keep);
            AssertTensor(x.Sum(axes, keep), dt, shape, Reduce(d, s, all, 0, (a, b) => a + b), tol);
            AssertTensor(x.Prod(axes, keep), dt, shape, Reduce(d, s, all, 1, (a, b) => a * b), tol);
            AssertTensor(x.Max(axes, keep), dt, shape, Reduce(d, s, all, double.NegativeInfinity, Math.Max));
            AssertTensor(x.Min(axes, keep), dt, shape, Reduce(d, s, all, double.PositiveInfinity, Math.Min));
        }
        if (axes.Length == 1)
        {
            AssertTensor(x.Sum(axes[0] - 3), dt, KeptShape(s, all, false), Reduce(d, s, all, 0, (a, b) => a + b), tol);
            AssertTensor(x.Max(axes[0], keepDims: true), dt, KeptShape(s, all, true), Reduce(d, s, all, double.NegativeInfinity, Math.Max));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mean_over_axes(DType dt, int[] axes)
    {
        int[] s = [2, 3, 4];
        var (x, d) = Random(dt, s);
        var all = axes.Length == 0 ? new[] { 0, 1, 2 } : axes;
        int n = all.Aggregate(1, (acc, a) => acc * s[a]);
        var outType = dt.IsFloat() ? dt : DType.F32; // JAX: the mean of integers is f32
        AssertTensor(x.Mean(axes), outType, KeptShape(s, all, false), [.. Reduce(d, s, all, 0, (a, b) => a + b).Select(v => v / n)], tol: 1e-5);
        AssertTensor(x.Mean(axes, keepDims: true), outType, KeptShape(s, all, true), [.. Reduce(d, s, all, 0, (a, b) => a + b).Select(v => v / n)], tol: 1e-5);
    }

    [Fact]
    public void All_any_and_pred_sum()
    {
        var (p, d) = Random(DType.Pred, 3, 5);
        int[] s = [3, 5];
        AssertTensor(p.All(1), DType.Pred, [3], Reduce(d, s, [1], 1, (a, b) => a != 0 && b != 0 ? 1 : 0));
        AssertTensor(p.Any(0), DType.Pred, [5], Reduce(d, s, [0], 0, (a, b) => a != 0 || b != 0 ? 1 : 0));
        AssertTensor(p.Any(), DType.Pred, [], [d.Any(v => v != 0) ? 1 : 0]);
        AssertTensor(p.All(0, keepDims: true), DType.Pred, [1, 5], Reduce(d, s, [0], 1, (a, b) => a != 0 && b != 0 ? 1 : 0));
        AssertTensor(p.Sum(), DType.S32, [], [d.Sum()]); // counts the true elements
        var (f, df) = Random(DType.F32, 4);
        AssertTensor(f.Any(), DType.Pred, [], [df.Any(v => v != 0) ? 1 : 0]);
        AssertTensor(p.Max(1), DType.Pred, [3], Reduce(d, s, [1], 0, Math.Max));
    }

    [Fact]
    public void Empty_and_0d_reductions()
    {
        var e = Tensor.Zeros(DType.F32, 0, 3);
        AssertTensor(e.Sum(0), DType.F32, [3], [0, 0, 0]);
        AssertTensor(e.Prod(0), DType.F32, [3], [1, 1, 1]);
        AssertTensor(e.Max(0), DType.F32, [3], [double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity]);
        AssertTensor(e.Sum(1), DType.F32, [0], []);
        AssertTensor(e.Mean(), DType.F32, [], [double.NaN]);
        AssertTensor(Tensor.Zeros(DType.S32, 0).Min(), DType.S32, [], [int.MaxValue]);
        var (s, ds) = Random(DType.F64, []);
        AssertTensor(s.Sum(), DType.F64, [], ds);
        AssertTensor(s.Mean(), DType.F64, [], ds);
    }

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    public void ArgMax_and_ArgMin_pick_the_first_extreme(DType dt)
    {
        int[] s = [4, 5];
        var (x, d) = Random(dt, s);
        d[7] = d[8]; // a tie in row 1
        x = FromDoubles(d, dt, s);
        foreach (var axis in new[] { 0, 1 })
        {
            int other = 1 - axis;
            var amax = new double[s[other]];
            var amin = new double[s[other]];
            for (int o = 0; o < s[other]; o++)
            {
                int bestMax = 0, bestMin = 0;
                for (int k = 1; k < s[axis]; k++)
                {
                    double v = axis == 0 ? d[k * 5 + o] : d[o * 5 + k];
                    double vMax = axis == 0 ? d[bestMax * 5 + o] : d[o * 5 + bestMax];
                    double vMin = axis == 0 ? d[bestMin * 5 + o] : d[o * 5 + bestMin];
                    if (v > vMax) bestMax = k;
                    if (v < vMin) bestMin = k;
                }
                amax[o] = bestMax;
                amin[o] = bestMin;
            }
            AssertTensor(x.ArgMax(axis), DType.S32, [s[other]], amax);
            AssertTensor(x.ArgMin(axis), DType.S32, [s[other]], amin);
        }
        int flat = Array.IndexOf(d, d.Max());
        AssertTensor(x.ArgMax(), DType.S32, [], [flat]);
        AssertTensor(x.ArgMin(-1, keepDims: true).Reshape(-1), DType.S32, [4], [.. Enumerable.Range(0, 4).Select(r => (double)Array.IndexOf(d[(r * 5)..(r * 5 + 5)], d[(r * 5)..(r * 5 + 5)].Min()))]);
    }

    [Fact]
    public void ArgMax_treats_nan_as_largest()
    {
        var x = Tensor.From(new[] { 1f, float.NaN, 3f, float.NaN });
        AssertTensor(x.ArgMax(0), DType.S32, [], [1]);
        AssertTensor(x.ArgMin(0), DType.S32, [], [1]);
    }
}
