using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// The translated loops (<see cref="TranslatedLoops"/>) against references written here on plain floats and ints, not
/// with the kernels' code: the compiled and the eager call must both give them. Gradients through the lifted loops
/// against central finite differences of the eager method, in f64.
/// </summary>
public sealed class TranslatedLoopTests
{
    private static float[] Values(Tensor t) => t.ToArray<float>();

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    private static Tensor Vec(float[] v) => Tensor.From(v, v.Length);

    private static void Agree(object reference, object eager, object compiled)
    {
        Results.AssertClose(reference, eager, "eager");
        Results.AssertClose(reference, compiled, "compiled");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(4)]
    public void WhileNamedTupleState(int limit)
    {
        var x = Results.Random(new Random(limit + 40), 3);
        var v = Values(x);
        int i = 0;
        for (; i < limit; i++) { int k = i; v = Map(v, e => e + k * 0.5f); }
        Agree((Vec(v), i), TranslatedLoops.WhileNamedTupleStateEager(x, limit), TranslatedLoops.WhileNamedTupleStateCompiled(x, limit));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void NestedPreIncrement(int n)
    {
        var x = Results.Random(new Random(n + 41), 3);
        var v = Values(x);
        int outer = 1;
        for (; outer < n; outer++)
        {
            for (int j = 1; j <= outer; j++) { int k = j; v = Map(v, e => e + 0.25f * k); }
            v = Map(v, e => e * 0.5f);
        }
        Agree((Vec(v), Math.Max(n, 1)), TranslatedLoops.NestedPreIncrementEager(x, n), TranslatedLoops.NestedPreIncrementCompiled(x, n));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(3f)]
    [InlineData(40f)]
    public void WhileClosureWidening(float limit)
    {
        var x = Results.Random(new Random(42), 3);
        var v = Values(x);
        long total = 0;
        int count = 0;
        while (v.Sum() < 3 * limit && total < 20)
        {
            total += count + 1;
            count++;
            v = Map(v, e => e + 0.5f);
        }
        var l = Tensor.Full(limit, DType.F32, 3);
        Agree((Vec(v), total), TranslatedLoops.WhileClosureWideningEager(x, l), TranslatedLoops.WhileClosureWideningCompiled(x, l));
    }

    [Fact]
    public void ForiDictState()
    {
        var xs = Results.Random(new Random(43), 4, 3);
        var rows = Enumerable.Range(0, 4).Select(i => Values(xs[i])).ToArray();
        var sum = new float[3];
        float scale = 1f;
        foreach (var row in rows)
        {
            for (int j = 0; j < 3; j++) sum[j] += row[j] * scale;
            scale *= 0.5f;
        }
        Agree((Vec(sum), 4), TranslatedLoops.ForiDictStateEager(xs), TranslatedLoops.ForiDictStateCompiled(xs));
    }

    [Theory]
    [InlineData(-2, 3)]
    [InlineData(4, 1)]
    [InlineData(0, 6)]
    public void ForiOnlyCounts(int lo, int hi)
    {
        var x = Results.Random(new Random(44), 3);
        int count = 2 * Math.Max(0, hi - lo);
        Agree((Vec(Map(Values(x), e => e + count)), count), TranslatedLoops.ForiOnlyCountsEager(x, lo, hi), TranslatedLoops.ForiOnlyCountsCompiled(x, lo, hi));
    }

    [Fact]
    public void CumProd()
    {
        var xs = Results.Random(new Random(45), 5, 3);
        var acc = new float[] { 1, 1, 1 };
        var expected = new List<float>();
        for (int i = 0; i < 5; i++)
        {
            var row = Values(xs[i]);
            for (int j = 0; j < 3; j++) acc[j] *= row[j];
            expected.AddRange(acc);
        }
        Agree(Tensor.From(expected.ToArray(), 5, 3), TranslatedLoops.CumProdEager(xs), TranslatedLoops.CumProdCompiled(xs));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(1)]
    [InlineData(5)]
    public void DoCountDown(int left)
    {
        var x = Results.Random(new Random(46), 3);
        int trips = Math.Max(left, 1);
        var v = Values(x);
        for (int k = 0; k < trips; k++) v = Map(v, e => e * 0.75f + 1f);
        Agree((Vec(v), left - trips), TranslatedLoops.DoCountDownEager(x, left), TranslatedLoops.DoCountDownCompiled(x, left));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    public void WhileNestedIntTuple(int n)
    {
        var x = Results.Random(new Random(47), 3);
        var v = Values(x);
        int a = 0, b = n;
        while (a < b)
        {
            a++;
            b--;
            int k = a;
            v = Map(v, e => e * 2f - k);
        }
        Agree((Vec(v), a, b), TranslatedLoops.WhileNestedIntTupleEager(x, n), TranslatedLoops.WhileNestedIntTupleCompiled(x, n));
    }

    [Fact]
    public void ScanCarryAndOutputs()
    {
        var c = Results.Random(new Random(48), 3);
        var xs = Results.Random(new Random(49), 4, 3);
        var carry = Values(c);
        var ys = new List<float>();
        for (int i = 0; i < 4; i++)
        {
            var row = Values(xs[i]);
            var next = carry.Zip(row, (p, q) => p + q).ToArray();
            ys.AddRange(next.Zip(carry, (p, q) => p * q));
            carry = next;
        }
        Agree((Vec(carry), Tensor.From(ys.ToArray(), 4, 3)), TranslatedLoops.ScanCarryAndOutputsEager(c, xs), TranslatedLoops.ScanCarryAndOutputsCompiled(c, xs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ReverseRunningSum(int rows)
    {
        var xs = Results.Random(new Random(rows + 50), rows, 3);
        var acc = new float[3];
        for (int i = rows - 1; i >= 0; i--)
        {
            var row = Values(xs[i]);
            for (int j = 0; j < 3; j++) acc[j] = acc[j] * 0.5f + row[j];
        }
        Agree(Vec(acc), TranslatedLoops.ReverseRunningSumEager(xs), TranslatedLoops.ReverseRunningSumCompiled(xs));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(3)]
    public void WhileSubtraction(int iterations)
    {
        var x = Results.Random(new Random(51), 3);
        Agree(Vec(Map(Values(x), e => e - Math.Max(iterations, 0))), TranslatedLoops.WhileSubtractionEager(x, iterations), TranslatedLoops.WhileSubtractionCompiled(x, iterations));
    }

    [Theory]
    [InlineData(-1, 4)]
    [InlineData(3, 3)]
    public void ForiAddCounter(int lower, int upper)
    {
        var x = Results.Random(new Random(52), 3);
        float added = 0;
        for (int i = lower; i < upper; i++) added += i / 2f;
        Agree(Vec(Map(Values(x), e => e + added)), TranslatedLoops.ForiAddCounterEager(x, lower, upper), TranslatedLoops.ForiAddCounterCompiled(x, lower, upper));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void PrefixColumns(int n)
    {
        // onnx-diagnostic's expectation for arange(10) and 4 iterations: 0, 0 1, 0 1 2, 0 1 2 3 as one column.
        var x = Tensor.From(Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), 8);
        var expected = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(0, i + 1)).Select(i => (float)i).ToArray();
        Agree(Tensor.From(expected, expected.Length, 1), TranslatedLoops.PrefixColumnsEager(x, n), TranslatedLoops.PrefixColumnsCompiled(x, n));
    }

    [Fact]
    public void PrefixColumns_of_a_one_element_x()
    {
        // The fuzzer's case: x[..(i + 1)] of an x of shape [1] is bounded with bound 1, and ExpandDims(1) adds a second
        // unit axis beside it; the traced loop threw "reshape would read its padding" where eager gives [[x0]].
        var x = Tensor.From(new[] { 2.5f }, 1);
        Agree(Tensor.From(new[] { 2.5f }, 1, 1), TranslatedLoops.PrefixColumnsEager(x, 1), TranslatedLoops.PrefixColumnsCompiled(x, 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void PrefixesAndSuffixes(int n)
    {
        var x = Results.Random(new Random(53), 8);
        var v = Values(x);
        var heads = Enumerable.Range(0, n).SelectMany(i => v.Take(i + 1)).ToArray();
        var tails = Enumerable.Range(0, n).SelectMany(i => v.Skip(i + 1).Select(e => e * 2f)).ToArray();
        Agree((Vec(heads), Vec(tails)), TranslatedLoops.PrefixesAndSuffixesEager(x, n), TranslatedLoops.PrefixesAndSuffixesCompiled(x, n));
    }

    [Theory]
    [InlineData(1, 2f)]
    [InlineData(5, 0.75f)]
    public void DecayingScan(int steps, float scale)
    {
        // It builds at all because config.Steps stays static: a loop that collects needs a static trip count (LG0013).
        var x = Results.Random(new Random(steps + 54), 8);
        var v = Values(x).Take(steps).ToArray();
        var rows = new List<float>();
        for (int i = 0; i < steps; i++)
        {
            int k = i;
            float s = scale;
            rows.AddRange(v.Select(e => e * s + k));
            scale *= 0.5f;
        }
        var cfg = (steps, scale * MathF.Pow(2f, steps)); // the scale the loop above started from
        Agree(Tensor.From(rows.ToArray(), steps, steps), TranslatedLoops.DecayingScanEager(x, cfg), TranslatedLoops.DecayingScanCompiled(x, cfg));
    }

    // ---- Gradients (JAX testScanGrad, testForiLoopGrad-like; a while loop whose condition steps its counter) ----

    [Fact]
    public void Grad_of_a_scan_over_rows_for_the_weight_and_the_rows()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (w, xs) = (Gradients.RandomF64(r, 3), Gradients.RandomF64(r, 5, 3));
        var (dw, dxs) = Jit.Grad((Tensor a, Tensor b) => TranslatedLoops.ScanLoss(a, b), argnums: [0, 1]).Invoke(w, xs);
        Gradients.Matches(Gradients.FiniteDifferences(p => TranslatedLoops.ScanLossEager(p, xs).Item<double>(), w), dw!, seed);
        Gradients.Matches(Gradients.FiniteDifferences(p => TranslatedLoops.ScanLossEager(w, p).Item<double>(), xs), dxs!, seed);
    }

    [Fact]
    public void Grad_of_a_counted_loop_indexing_its_coefficients()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (x, c) = (Gradients.RandomF64(r, 3), Gradients.RandomF64(r, 4));
        var (dx, dc) = Jit.Grad((Tensor a, Tensor b) => TranslatedLoops.ForiPolynomialLoss(a, b), argnums: [0, 1]).Invoke(x, c);
        Gradients.Matches(Gradients.FiniteDifferences(p => TranslatedLoops.ForiPolynomialLossEager(p, c).Item<double>(), x), dx!, seed);
        Gradients.Matches(Gradients.FiniteDifferences(p => TranslatedLoops.ForiPolynomialLossEager(x, p).Item<double>(), c), dc!, seed);
    }

    [Fact]
    public void Grad_of_a_while_loop_whose_condition_steps_its_counter()
    {
        int seed = Environment.TickCount;
        var x = Gradients.RandomF64(new Random(seed), 3);
        var g = Jit.Grad((Tensor p) => ConditionSteps.PreIncrementScaled(p, 6).Sum(), new GradOptions { MaxTrips = 10 }).Invoke(x);
        Gradients.Matches(Gradients.FiniteDifferences(p => ConditionSteps.PreIncrementScaledEager(p, 6).Sum().Item<double>(), x), g, seed);
        Results.AssertClose(ConditionSteps.PreIncrementScaledEager(x, 6), ConditionSteps.PreIncrementScaledCompiled(x, 6));
    }
}
