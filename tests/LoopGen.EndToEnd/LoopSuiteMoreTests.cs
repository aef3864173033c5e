using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// The loops of <see cref="LoopSuiteMore"/> against references written here on plain floats and ints (not with the
/// kernels' code): the compiled and the eager call must both give them. <see cref="EndToEndTests"/> runs them on
/// random inputs and counts their <c>stablehlo.while</c> ops through <see cref="LoopSuiteMoreCases"/>.
/// </summary>
public sealed class LoopSuiteMoreTests
{
    private static float[] V(Tensor t) => t.ToArray<float>();

    private static Tensor Vec(float[] v) => Tensor.From(v, v.Length);

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    private static float[][] Rows(Tensor xs) => Enumerable.Range(0, xs.Shape[0]).Select(i => V(xs[i])).ToArray();

    private static Tensor Rand(int seed, params int[] shape) => Results.Random(new Random(seed), shape);

    private static void Agree(object reference, object eager, object compiled)
    {
        Results.AssertClose(reference, eager, "eager");
        Results.AssertClose(reference, compiled, "compiled");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(6)]
    public void SetAtCounter(int n)
    {
        var x = Rand(400, 6);
        var v = V(x);
        for (int i = 0; i < n; i++) v[i] = v[i] * 2f + i;
        Agree(Vec(v), LoopSuiteMore.SetAtCounterEager(x, n), LoopSuiteMore.SetAtCounterCompiled(x, n));
    }

    [Theory]
    [InlineData(-10f)]
    [InlineData(0.5f)]
    [InlineData(10f)]
    public void FirstIndexAbove(float threshold)
    {
        var xs = Rand(401, 6, 3);
        var sums = Rows(xs).Select(r => r.Sum()).ToList();
        int expected = sums.FindIndex(s => s > threshold);
        Agree(expected, LoopSuiteMore.FirstIndexAboveEager(xs, threshold), LoopSuiteMore.FirstIndexAboveCompiled(xs, threshold));
    }

    [Fact]
    public void PreDecrementReverse()
    {
        var xs = Rand(402, 5, 3);
        var r = Rows(xs);
        var acc = new float[3];
        for (int i = 4; i >= 0; i--) { int k = i; acc = acc.Select((e, j) => e * 0.5f + r[k][j] * k).ToArray(); }
        Agree(Vec(acc), LoopSuiteMore.PreDecrementReverseEager(xs), LoopSuiteMore.PreDecrementReverseCompiled(xs));
    }

    [Theory]
    [InlineData(7, 1, 21)]   // 0 + 1 + … + 6
    [InlineData(7, 3, 9)]    // 0 + 3 + 6
    [InlineData(-1, 2, 0)]
    public void ParameterStep(int n, int step, int added)
    {
        var x = Rand(403, 3);
        Agree(Vec(Map(V(x), e => e + added)), LoopSuiteMore.ParameterStepEager(x, n, step), LoopSuiteMore.ParameterStepCompiled(x, n, step));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(40)]
    public void ForeverWithBreaks(int n)
    {
        var x = Rand(404, 3);
        var v = V(x);
        int i = 0;
        while (i < n)
        {
            v = Map(v, e => e * 1.2f + 0.3f);
            if (v.Max() > 5f) break;
            i += 1;
        }
        Agree((Vec(v), i), LoopSuiteMore.ForeverWithBreaksEager(x, n), LoopSuiteMore.ForeverWithBreaksCompiled(x, n));
    }

    [Fact]
    public void ForeachElements()
    {
        var xs = Rand(405, 3, 4);
        float acc = 0f;
        foreach (var e in V(xs)) acc = acc * 0.5f + e;   // row-major: the rows in order, each row's elements in order
        Agree(Tensor.Scalar(acc), LoopSuiteMore.ForeachElementsEager(xs), LoopSuiteMore.ForeachElementsCompiled(xs));
    }

    [Theory]
    [InlineData(-5f)]
    [InlineData(3f)]
    [InlineData(1e6f)]
    public void HelperCondition(float limit)
    {
        var x = Rand(406, 3);
        var v = V(x);
        for (int i = 0; v.Sum() < limit && i < 10; i++) v = Map(v, e => e * 1.5f + 0.25f);
        Agree(Vec(v), LoopSuiteMore.HelperConditionEager(x, Tensor.Scalar(limit)), LoopSuiteMore.HelperConditionCompiled(x, Tensor.Scalar(limit)));
    }

    [Theory]
    [InlineData(-1, 0)]   // no trip either loop
    [InlineData(1, 1)]    // count 2: one trip of the second loop, count -1
    [InlineData(4, 3)]    // count 8: three trips, count -1
    public void TwoLoopsInARow(int n, int secondTrips)
    {
        var x = Rand(407, 3);
        int first = Math.Max(n, 0);
        var v = Map(V(x), e => (e + first) * MathF.Pow(0.75f, secondTrips));
        Agree((Vec(v), 2 * first - 3 * secondTrips), LoopSuiteMore.TwoLoopsInARowEager(x, n), LoopSuiteMore.TwoLoopsInARowCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void WhereInLoop(int n)
    {
        var x = Rand(408, 5);
        var v = V(x);
        for (int i = 0; i < n; i++) v = Map(v, e => e > 0f ? e - 0.5f : e * -2f);
        Agree(Vec(v), LoopSuiteMore.WhereInLoopEager(x, n), LoopSuiteMore.WhereInLoopCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void SwitchOrPatterns(int n)
    {
        var x = Rand(409, 3);
        var v = V(x);
        for (int i = 0; i < n; i++)
        {
            int phase = i % 5;
            if (phase == 2) continue;
            v = Map(v, e => (phase < 2 ? e + 1f : e * 0.5f) - 0.1f);
        }
        Agree(Vec(v), LoopSuiteMore.SwitchOrPatternsEager(x, n), LoopSuiteMore.SwitchOrPatternsCompiled(x, n));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public void BranchesAfterLoop(int n, bool square)
    {
        var x = Rand(410, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) v = Map(v, e => e * 0.9f + 0.1f);
        Agree(Vec(Map(v, e => square ? e * e : e - 1f)), LoopSuiteMore.BranchesAfterLoopEager(x, n, square), LoopSuiteMore.BranchesAfterLoopCompiled(x, n, square));
    }

    [Theory]
    [InlineData(-2f)]
    [InlineData(0.6f)]
    [InlineData(2f)]
    public void AnyRowAbove(float threshold)
    {
        var xs = Rand(411, 4, 3);
        bool expected = Rows(xs).Any(r => r.Max() > threshold);
        Agree(expected, LoopSuiteMore.AnyRowAboveEager(xs, threshold), LoopSuiteMore.AnyRowAboveCompiled(xs, threshold));
    }

    [Theory]
    [InlineData(-7, 3, -6, 3)]   // worked by hand: C#'s / and % truncate toward zero (-7 / 2 = -3, -6 % 4 = -2)
    [InlineData(45, 2, 6, 4)]
    [InlineData(5, 0, 5, 0)]
    public void IntArithmetic(int a, int n, int expectedA, int expectedB) =>
        Agree((expectedA, expectedB), LoopSuiteMore.IntArithmeticEager(a, n), LoopSuiteMore.IntArithmeticCompiled(a, n));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void RangeReversed(int rows)
    {
        var xs = Rand(rows + 412, rows, 3);
        var r = Rows(xs);
        var acc = new float[3];
        for (int i = rows - 1; i >= 0; i--) { int k = i; acc = acc.Select((e, j) => e * 0.5f + r[k][j]).ToArray(); }
        Agree(Vec(acc), LoopSuiteMore.RangeReversedEager(xs), LoopSuiteMore.RangeReversedCompiled(xs));
        Assert.Equal(1, LoopSuiteMore.RangeReversedLower(Rand(0, 5, 3)).WhileCount); // rolled, not unrolled over the C# sequence
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(4, true)]
    [InlineData(0, false)]
    public void TernaryCondition(int n, bool byData)
    {
        var x = Rand(413, 3);
        var v = V(x);
        for (int i = 0; byData ? v.Sum() < 6f && i < 20 : i < n; i++) v = Map(v, e => e + 0.5f);
        Agree(Vec(v), LoopSuiteMore.TernaryConditionEager(x, n, byData), LoopSuiteMore.TernaryConditionCompiled(x, n, byData));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void LastPositiveRow(int rows)
    {
        var xs = Rand(rows + 414, rows, 3) - 0.3f;
        var sums = Rows(xs).Select(r => r.Sum()).ToList();
        int expected = sums.FindLastIndex(s => s > 0f);
        Agree(expected, LoopSuiteMore.LastPositiveRowEager(xs), LoopSuiteMore.LastPositiveRowCompiled(xs));
        var none = Tensor.Zeros(DType.F32, 4, 3) - 1f;
        Agree(-1, LoopSuiteMore.LastPositiveRowEager(none), LoopSuiteMore.LastPositiveRowCompiled(none));
    }
}
