using System.Diagnostics;
using LoopGen.Samples.Catalog;

namespace LoopGen.Samples.Bench;

/// <summary>
/// The rolled-vs-unrolled measurement: for each trip count, the sample's rolled module (the generator's lifted
/// loop) and its unrolled twin (the plain loop traced as written) are traced, compiled and run. The one copy of
/// this loop in the repository (<c>tests/LoopGen.Benchmarks</c> keeps only the per-call overhead).
/// </summary>
/// <param name="repetitions">Timed repetitions of trace + compile per point; the median is reported.</param>
internal sealed class BenchRunner(int repetitions)
{
    /// <summary>The trip counts 10, 100, … up to <paramref name="max"/>.</summary>
    public static IReadOnlyList<int> TripCounts(int max)
    {
        var ns = new List<int>();
        for (long n = 10; n <= max; n *= 10) ns.Add((int)n);
        return ns;
    }

    /// <summary>Measures <paramref name="sample"/> at trip count <paramref name="n"/>, both modes; <paramref name="onStep"/> is told before each mode.</summary>
    public BenchPair Measure(Sample sample, int n, Action<string>? onStep = null)
    {
        var unrolled = sample.Unrolled ?? throw new ArgumentException($"'{sample.Name}' has no unrolled twin to compare with", nameof(sample));
        onStep?.Invoke("rolled");
        var (rolled, rolledResult) = Measure("rolled", n, sample.Lower, sample.Compiled);
        onStep?.Invoke("unrolled");
        var (control, controlResult) = Measure("unrolled", n, unrolled.Lower, unrolled.Compiled);
        return new BenchPair(n, rolled, control, Agreement.Agree(controlResult, rolledResult));
    }

    private (BenchPoint Point, Tensor Result) Measure(string mode, int n, Func<int, Lowered> lower, Func<int, Tensor> invoke)
    {
        var trace = new List<double>();
        var compile = new List<double>();
        Lowered lowered = null!;
        for (int rep = 0; rep < repetitions; rep++)
        {
            lowered = lower(n);
            trace.Add(lowered.TraceTime.TotalMilliseconds);
            compile.Add(lowered.Compile().TotalMilliseconds);
        }
        // Memory apart from the timings: the sampler thread takes a core the timed runs should have.
        var (_, heap) = HeapProbe.Measure(() => lower(n).Compile());
        invoke(n);   // fills the compile cache
        var clock = Stopwatch.StartNew();
        var result = invoke(n);
        var run = clock.Elapsed.TotalMilliseconds;
        var point = new BenchPoint(n, mode, lowered.OpCount, lowered.WhileCount, lowered.TextBytes, Median(trace), Median(compile), run, heap);
        return (point, result);
    }

    private static double Median(List<double> xs)
    {
        var sorted = xs.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
