using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// A seam for the tests that prove the generator never throws: nothing in the pipeline fails on purpose, so a test
/// sets <see cref="BeforeLift"/> (per async flow, so parallel tests do not see it) to throw inside the transform; and
/// <see cref="OnAnalyze"/> counts the lifting analyses, so a test can prove the generator and the analyzers share one.
/// </summary>
internal static class GeneratorTestHooks
{
    /// <summary>Called with the method's name just before lifting; null outside tests.</summary>
    public static readonly AsyncLocal<Action<string>?> BeforeLift = new();

    /// <summary>Called with the method's name each time its lifting analysis really runs (not when it is shared); null outside tests.</summary>
    public static readonly AsyncLocal<Action<string>?> OnAnalyze = new();

    /// <summary>Milliseconds spent per phase of the pipeline, summed, when a benchmark sets it; null outside benchmarks.</summary>
    public static readonly AsyncLocal<ConcurrentDictionary<string, double>?> Timings = new();

    /// <summary>Megabytes allocated per phase (by the thread running it), summed, when a benchmark sets it; null outside benchmarks.</summary>
    public static readonly AsyncLocal<ConcurrentDictionary<string, double>?> Allocations = new();

    /// <summary>This thread's allocated bytes (netstandard2.0 has no GC.GetAllocatedBytesForCurrentThread, the benchmark passes it in).</summary>
    public static readonly AsyncLocal<Func<long>?> AllocatedBytes = new();

    /// <summary>A mark to pass to <see cref="Stop"/>; default (and no clock read) when nothing is timed.</summary>
    public static Mark Start() => Timings.Value is null ? default : new Mark(Stopwatch.GetTimestamp(), AllocatedBytes.Value?.Invoke() ?? 0);

    /// <summary>Adds the time (and allocations) since <paramref name="start"/> to <paramref name="phase"/>.</summary>
    public static void Stop(string phase, Mark start)
    {
        if (Timings.Value is not { } timings || start.Ticks == 0) return;
        double ms = (Stopwatch.GetTimestamp() - start.Ticks) * 1000.0 / Stopwatch.Frequency;
        timings.AddOrUpdate(phase, ms, (_, total) => total + ms);
        if (Allocations.Value is not { } allocations || AllocatedBytes.Value is not { } bytes) return;
        double mb = (bytes() - start.Bytes) / 1048576.0;
        allocations.AddOrUpdate(phase, mb, (_, total) => total + mb);
    }

    /// <summary>Where a timed phase started: the clock and this thread's allocated bytes.</summary>
    public readonly record struct Mark(long Ticks, long Bytes);
}
