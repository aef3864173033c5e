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

    /// <summary>A timestamp to pass to <see cref="Stop"/>; 0 (and no clock read) when nothing is timed.</summary>
    public static long Start() => Timings.Value is null ? 0 : Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="phase"/>.</summary>
    public static void Stop(string phase, long start)
    {
        if (Timings.Value is not { } timings || start == 0) return;
        double ms = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        timings.AddOrUpdate(phase, ms, (_, total) => total + ms);
    }
}
