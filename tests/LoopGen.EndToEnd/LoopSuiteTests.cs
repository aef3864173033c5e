using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// The loops of <see cref="LoopSuite"/> against references written here on plain float arrays (not with the kernels'
/// code): the compiled and the eager call must both give them. Gradients through the lifted loops against central
/// finite differences of the eager method, in f64. (<see cref="EndToEndTests"/> runs them on random inputs and counts
/// their <c>stablehlo.while</c> ops through <see cref="LoopSuiteCases"/>.)
/// </summary>
public sealed class LoopSuiteTests
{
    private static float[] V(Tensor t) => t.ToArray<float>();

    private static Tensor Vec(float[] v) => Tensor.From(v, v.Length);

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    private static float[] Zip(float[] a, float[] b, Func<float, float, float> f) => a.Zip(b, f).ToArray();

    private static float[][] Rows(Tensor xs) => Enumerable.Range(0, xs.Shape[0]).Select(i => V(xs[i])).ToArray();

    private static Tensor Matrix(IReadOnlyList<float[]> rows) => Tensor.From(rows.SelectMany(r => r).ToArray(), rows.Count, rows[0].Length);

    private static void Agree(object reference, object eager, object compiled)
    {
        Results.AssertClose(reference, eager, "eager");
        Results.AssertClose(reference, compiled, "compiled");
    }

    private static Tensor Rand(int seed, params int[] shape) => Results.Random(new Random(seed), shape);

    // ---- JAX ----

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(4)]
    public void WhileManyArgs(int n)
    {
        var (a, b) = (Rand(n + 100, 3), Rand(n + 200, 3));
        var (va, vb) = (V(a), V(b));
        float scale = 1f;
        for (int i = 0; i < n; i++)
        {
            float s = scale;
            va = Zip(va, vb, (p, q) => p + q * s);
            vb = Map(vb, q => q * 0.5f);
            scale *= 2f;
        }
        Agree((Vec(va), Vec(vb), scale), LoopSuite.WhileManyArgsEager(a, b, n), LoopSuite.WhileManyArgsCompiled(a, b, n));
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void NestedDynamicUpdate(int rows, int cols)
    {
        var m = Rand(rows * 7 + cols, 4, 5);
        var v = V(m);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) v[i * 5 + j] = v[i * 5 + j] * 2f + (i * 10 + j);
        }
        Agree(Tensor.From(v, 4, 5), LoopSuite.NestedDynamicUpdateEager(m, rows, cols), LoopSuite.NestedDynamicUpdateCompiled(m, rows, cols));
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(true, 0)]
    [InlineData(true, 4)]
    public void FlagCondition(bool go, int limit)
    {
        var x = Rand(limit + 300, 3);
        int trips = go ? Math.Max(1, limit) : 0;
        var v = V(x);
        for (int k = 0; k < trips; k++) v = Map(v, e => e * 0.5f + 1f);
        Agree((Vec(v), trips), LoopSuite.FlagConditionEager(x, go, limit), LoopSuite.FlagConditionCompiled(x, go, limit));
    }

    [Theory]
    [InlineData(-3L, 6L)]
    [InlineData(5L, 2L)]
    [InlineData(0L, 1L)]
    public void ForiLongBounds(long lower, long upper)
    {
        var x = Rand(301, 3);
        float added = 0;
        for (long i = lower; i < upper; i += 2) added += i * 0.5f;
        Agree(Vec(Map(V(x), e => e + added)), LoopSuite.ForiLongBoundsEager(x, lower, upper), LoopSuite.ForiLongBoundsCompiled(x, lower, upper));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void UnusedCarries(int n)
    {
        var x = Rand(302, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => e * 0.9f + k); }
        Agree(Vec(v), LoopSuite.UnusedCarriesEager(x, n), LoopSuite.UnusedCarriesCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void ConstantAfterFirst(int n)
    {
        var (x, c) = (Rand(303, 3), Rand(304, 3));
        var expected = n == 0 ? V(x) : Zip(V(x), V(c), (p, q) => p + q + 2f * (n - 1));
        Agree(Vec(expected), LoopSuite.ConstantAfterFirstEager(x, c, n), LoopSuite.ConstantAfterFirstCompiled(x, c, n));
    }

    [Fact]
    public void ScanTwoSequences()
    {
        var (a, b, c) = (Rand(305, 4, 3), Rand(306, 4, 3), Rand(307, 3));
        var (ra, rb) = (Rows(a), Rows(b));
        var carry = V(c);
        var sums = new float[4];
        for (int t = 0; t < 4; t++)
        {
            var (p, q) = (ra[t], rb[t]);
            carry = carry.Select((e, j) => e * p[j] + q[j]).ToArray();
            sums[t] = carry.Sum();
        }
        Agree((Vec(carry), Vec(sums)), LoopSuite.ScanTwoSequencesEager(a, b, c), LoopSuite.ScanTwoSequencesCompiled(a, b, c));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ScanReverseCollect(int rows)
    {
        var xs = Rand(rows + 308, rows, 3);
        var r = Rows(xs);
        var ys = new float[rows][];
        var c = new float[3];
        for (int t = rows - 1; t >= 0; t--)
        {
            var row = r[t];
            c = c.Select((e, j) => e * 0.5f + row[j]).ToArray();
            ys[t] = c;
        }
        Agree(Matrix(ys), LoopSuite.ScanReverseCollectEager(xs), LoopSuite.ScanReverseCollectCompiled(xs));
    }

    [Fact]
    public void CondOnRowInScan()
    {
        var xs = Rand(309, 6, 3);
        var acc = new float[3];
        var ys = new List<float[]>();
        foreach (var row in Rows(xs))
        {
            acc = row.Sum() > 0f ? Zip(acc, row, (p, q) => p + q) : Zip(acc, row, (p, q) => p - q * 0.5f);
            ys.Add(acc);
        }
        Agree(Matrix(ys), LoopSuite.CondOnRowInScanEager(xs), LoopSuite.CondOnRowInScanCompiled(xs));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(30)]
    public void WhileCounterAndData(int n)
    {
        var x = Rand(310, 3);
        var v = V(x);
        int i = 0;
        while (i < n && v.Sum() < 10f)
        {
            v = Map(v, e => e * 1.5f + 0.5f);
            i++;
        }
        Agree((Vec(v), i), LoopSuite.WhileCounterAndDataEager(x, n), LoopSuite.WhileCounterAndDataCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    public void NestedContinueBreak(int n)
    {
        var x = Rand(311, 3);
        float[] v = V(x);
        for (int i = 0; i < n; i++)
        {
            if (i % 3 == 2) continue;
            for (int j = 0; j < Math.Min(i, 3); j++) { int k = i + j; v = Map(v, e => e + 0.1f * k); }
            v = Map(v, e => e * 0.9f);
        }
        Agree(Vec(v), LoopSuite.NestedContinueBreakEager(x, n), LoopSuite.NestedContinueBreakCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void ForiHelperBody(int n)
    {
        var x = Rand(312, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => e * 0.5f + k); }
        Agree(Vec(v), LoopSuite.ForiHelperBodyEager(x, n), LoopSuite.ForiHelperBodyCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void ForiHelperTupleBody(int n)
    {
        var (a, b) = (Rand(313, 3), Rand(314, 3));
        var (p, q) = (V(a), V(b));
        for (int i = 0; i < n; i++)
        {
            int k = i;
            (p, q) = (Map(q, e => e * 0.5f), Zip(p, q, (s, t) => s + t * k));
        }
        Agree(Vec(Zip(p, q, (s, t) => s + t)), LoopSuite.ForiHelperTupleBodyEager(a, b, n), LoopSuite.ForiHelperTupleBodyCompiled(a, b, n));
    }

    [Fact]
    public void CumulativeReducers()
    {
        var xs = Rand(315, 5, 3);
        var r = Rows(xs);
        var (s, hi, lo) = (new float[3], r[0], r[0]);
        var (sums, maxes, mins) = (new List<float[]>(), new List<float[]>(), new List<float[]>());
        foreach (var row in r)
        {
            (s, hi, lo) = (Zip(s, row, (p, q) => p + q), Zip(hi, row, Math.Max), Zip(lo, row, Math.Min));
            sums.Add(s);
            maxes.Add(hi);
            mins.Add(lo);
        }
        Agree((Matrix(sums), Matrix(maxes), Matrix(mins)), LoopSuite.CumulativeReducersEager(xs), LoopSuite.CumulativeReducersCompiled(xs));
    }

    // ---- PyTorch ----

    [Fact]
    public void ScanTwoOutputs()
    {
        var (init, xs) = (Rand(316, 3), Rand(317, 4, 3));
        var c = V(init);
        var (ys, norms) = (new List<float[]>(), new float[4]);
        var r = Rows(xs);
        for (int t = 0; t < 4; t++)
        {
            c = Zip(c, r[t], (p, q) => p * q + 1f);
            ys.Add(Map(c, e => e * 2f));
            norms[t] = c.Sum(e => e * e);
        }
        Agree((Vec(c), Matrix(ys), Vec(norms)), LoopSuite.ScanTwoOutputsEager(init, xs), LoopSuite.ScanTwoOutputsCompiled(init, xs));
    }

    [Fact]
    public void ScanNestedCarry()
    {
        var xs = Rand(318, 5, 3);
        var (a, b, c) = (new float[3], new float[] { 1, 1, 1 }, new float[3]);
        foreach (var row in Rows(xs))
        {
            a = Zip(a, row, (p, q) => p + q);
            b = Zip(b, row, (p, q) => p * 0.5f + q);
            var ab = Zip(a, b, (p, q) => p * q);
            c = Zip(c, ab, (p, q) => p + q);
        }
        Agree(Vec(Zip(c, a, (p, q) => p - q)), LoopSuite.ScanNestedCarryEager(xs), LoopSuite.ScanNestedCarryCompiled(xs));
    }

    [Fact]
    public void CountPositiveRows()
    {
        var xs = Rand(319, 7, 3);
        var total = new float[3];
        int count = 0;
        foreach (var row in Rows(xs).Where(row => row.Sum() > 0f))
        {
            count++;
            total = Zip(total, row, (p, q) => p + q);
        }
        Assert.InRange(count, 1, 6); // the inputs take both branches
        Agree((Vec(total), count), LoopSuite.CountPositiveRowsEager(xs), LoopSuite.CountPositiveRowsCompiled(xs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void ArgMaxRow(int rows)
    {
        var xs = Rand(rows + 320, rows, 3);
        var sums = Rows(xs).Select(r => r.Sum()).ToArray();
        int best = Array.IndexOf(sums, sums.Max());
        Agree((best, Tensor.Scalar(sums[best])), LoopSuite.ArgMaxRowEager(xs), LoopSuite.ArgMaxRowCompiled(xs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void BreakBothLoops(int n)
    {
        var x = Rand(321, 3);
        var v = V(x);
        bool done = false;
        for (int i = 0; i < n && !done; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (v.Sum() > 5f) { done = true; break; }
                int k = j + 1;
                v = Map(v, e => e + 0.5f * k);
            }
            if (!done) v = Map(v, e => e * 1.1f);
        }
        Agree((Vec(v), done), LoopSuite.BreakBothLoopsEager(x, n), LoopSuite.BreakBothLoopsCompiled(x, n));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(9)]
    public void WhileFloatCondition(int n)
    {
        var x = Rand(322, 3);
        int trips = Math.Clamp(n, 0, 4); // 1, 0.5, 0.25, 0.125 pass the test; 0.0625 does not
        var v = V(x);
        float scale = 1f;
        for (int k = 0; k < trips; k++) { float s = scale; v = Map(v, e => e + s); scale *= 0.5f; }
        Agree((Vec(v), scale), LoopSuite.WhileFloatConditionEager(x, n), LoopSuite.WhileFloatConditionCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void TernaryOnCarry(int n)
    {
        var x = Rand(323, 3) + 1f;
        var v = V(x);
        for (int i = 0; i < n; i++) v = v.Sum() > 0f ? Map(v, e => e * 0.5f - 1f) : Map(v, e => e + 1.5f);
        Agree(Vec(v), LoopSuite.TernaryOnCarryEager(x, n), LoopSuite.TernaryOnCarryCompiled(x, n));
    }

    // ---- PyTorch/XLA ----

    [Theory]
    [InlineData(-2, 3)]
    [InlineData(4, 1)]
    public void ForiTensorBounds(int lower, int upper)
    {
        var x = Rand(324, 3);
        var (lo, hi) = (Tensor.Scalar(lower), Tensor.Scalar(upper));
        Agree(Vec(Map(V(x), e => e + Math.Max(0, upper - lower))), LoopSuite.ForiTensorBoundsEager(lo, hi, x), LoopSuite.ForiTensorBoundsCompiled(lo, hi, x));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, -1)]
    [InlineData(2, 3)]
    public void SubtractionNested(int outer, int inner)
    {
        var x = Rand(325, 3);
        var v = V(x);
        for (int o = 0; o < outer; o++) v = Map(v, e => (e - Math.Max(inner, 0)) * 0.5f);
        Agree(Vec(v), LoopSuite.SubtractionNestedEager(x, outer, inner), LoopSuite.SubtractionNestedCompiled(x, outer, inner));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void AlternatingLinear(int n)
    {
        var (x, w1, w2) = (Rand(326, 2, 3), Rand(327, 3, 3), Rand(328, 3, 3));
        var (m, a, b) = (V(x), V(w1), V(w2));
        for (int i = 0; i < n; i++)
        {
            var w = i % 2 == 0 ? a : b;
            var next = new float[6];
            for (int r = 0; r < 2; r++)
            {
                for (int c = 0; c < 3; c++) next[r * 3 + c] = MathF.Tanh(Enumerable.Range(0, 3).Sum(k => m[r * 3 + k] * w[k * 3 + c]));
            }
            m = next;
        }
        Agree(Tensor.From(m, 2, 3), LoopSuite.AlternatingLinearEager(x, w1, w2, n), LoopSuite.AlternatingLinearCompiled(x, w1, w2, n));
    }

    // ---- C# forms ----

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RangeInRows(int k)
    {
        var xs = Rand(329, 4, 3);
        var acc = new float[3];
        foreach (var row in Rows(xs))
        {
            float weight = k * (k - 1) / 2f; // 0 + 1 + … + (k - 1)
            acc = Zip(acc, row, (p, q) => (p + q * weight) * 0.5f);
        }
        Agree(Vec(acc), LoopSuite.RangeInRowsEager(xs, k), LoopSuite.RangeInRowsCompiled(xs, k));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(20)]
    public void DoContinueBreak(int n)
    {
        var x = Rand(330, 3);
        var v = V(x);
        int i = 0;
        while (true)
        {
            i++;
            if (i % 2 != 0)
            {
                v = Map(v, e => e * 1.25f + 0.5f);
                if (v.Max() > 8f) break;
            }
            if (i >= n) break;
        }
        Agree((Vec(v), i), LoopSuite.DoContinueBreakEager(x, n), LoopSuite.DoContinueBreakCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void SwitchExpressionInWhile(int n)
    {
        var x = Rand(331, 3);
        var v = V(x);
        for (int i = 0; i < n; i++)
        {
            int phase = i % 4;
            v = Map(v, e => phase == 0 ? e + 1f : phase == 1 ? e * 0.5f : phase == 2 ? e - 0.25f : MathF.Abs(e));
        }
        Agree(Vec(v), LoopSuite.SwitchExpressionInWhileEager(x, n), LoopSuite.SwitchExpressionInWhileCompiled(x, n));
    }

    // ---- Gradients through the lifted loops ----

    [Fact]
    public void Grad_of_a_static_fori_for_the_carry_and_the_weight()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (x, w) = (Gradients.RandomF64(r, 3), Gradients.RandomF64(r, 3));
        var (dx, dw) = Jit.Grad((Tensor a, Tensor b) => LoopSuite.ForiSinLoss(a, b), argnums: [0, 1]).Invoke(x, w);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.ForiSinLossEager(p, w).Item<double>(), x), dx!, seed);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.ForiSinLossEager(x, p).Item<double>(), w), dw!, seed);
        // The value itself, against the loop written out on doubles.
        var (vx, vw) = (x.ToArray<double>(), w.ToArray<double>());
        for (int i = 0; i < 3; i++) vx = vx.Select((e, j) => Math.Sin(e * vw[j]) + 0.25 * i).ToArray();
        Assert.Equal(vx.Sum(), LoopSuite.ForiSinLossCompiled(x, w).Item<double>(), 12);
    }

    [Fact]
    public void Grad_of_a_scan_with_a_tuple_carry()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (xs, a) = (Gradients.RandomF64(r, 4, 3), Gradients.RandomF64(r, 3));
        var (dxs, da) = Jit.Grad((Tensor p, Tensor q) => LoopSuite.ScanTupleLoss(p, q), argnums: [0, 1]).Invoke(xs, a);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.ScanTupleLossEager(p, a).Item<double>(), xs), dxs!, seed);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.ScanTupleLossEager(xs, p).Item<double>(), a), da!, seed);
    }

    [Fact]
    public void Grad_of_a_while_with_a_dynamic_trip_count()
    {
        int seed = Environment.TickCount;
        var x = Gradients.RandomF64(new Random(seed), 3) * 0.5;
        var g = Jit.Grad((Tensor p) => LoopSuite.WhileDecayLoss(p, 4), new GradOptions { MaxTrips = 8 }).Invoke(x);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.WhileDecayLossEager(p, 4).Item<double>(), x), g, seed);
    }

    [Fact]
    public void Grad_through_a_traced_if_in_a_scan()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (xs, w) = (Gradients.RandomF64(r, 5, 3), Gradients.RandomF64(r, 3));
        var g = Jit.Grad((Tensor p) => LoopSuite.CondInScanLoss(xs, p)).Invoke(w);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuite.CondInScanLossEager(xs, p).Item<double>(), w), g, seed);
    }

    [Fact]
    public void A_method_returning_an_int_inside_Jit_Grad_fails_naming_the_method()
    {
        // torch while_loop test_while_loop_autograd returns the counter with the tensor; read back as a C# int it cannot
        // come out of a trace: the error names the compiled method and says what to call instead.
        var x = Gradients.RandomF64(new Random(7), 3) * 4.0;
        var e = Assert.Throws<InvalidOperationException>(() => Jit.Grad((Tensor p) => LoopSuiteGrad.LossAndSteps(p, 6).Loss).Invoke(x));
        Assert.StartsWith("LoopSuiteGrad.LossAndSteps: cannot ", e.Message, StringComparison.Ordinal);
        Assert.Contains("called inside a trace (Jit.Grad", e.Message, StringComparison.Ordinal);
        Assert.Contains("returns only Tensors", e.Message, StringComparison.Ordinal);

        // Outside a trace the int comes back; the Tensor form differentiates, and both agree with the plain method.
        var (loss, steps) = LoopSuiteGrad.LossAndStepsCompiled(x, 6);
        var (eagerLoss, eagerSteps) = LoopSuiteGrad.LossAndStepsEager(x, 6);
        Assert.Equal(eagerSteps, steps);
        Results.AssertClose(eagerLoss, loss);
        var v = x.ToArray<double>();
        int k = 0;
        for (; k < 6 && v.Sum(e => e * e) > 0.5; k++) v = v.Select(e => e * 0.5).ToArray();
        Assert.Equal(k, steps);
        Assert.Equal(k, LoopSuiteGrad.LossAndStepsAsTensorCompiled(x, 6).Steps.Item<int>());
        var g = Jit.Grad((Tensor p) => LoopSuiteGrad.LossAndStepsAsTensor(p, 6).Loss, new GradOptions { MaxTrips = 8 }).Invoke(x);
        Gradients.Matches(Gradients.FiniteDifferences(p => LoopSuiteGrad.LossAndStepsEager(p, 6).Loss.Item<double>(), x), g, 7);
    }
}
