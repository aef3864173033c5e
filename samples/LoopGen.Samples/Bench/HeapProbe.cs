namespace LoopGen.Samples.Bench;

/// <summary>How much managed memory a piece of work allocated, and how high the managed heap went while it ran.</summary>
/// <param name="AllocatedBytes">Bytes allocated during the work (<see cref="GC.GetTotalAllocatedBytes"/>, precise): the churn, garbage included.</param>
/// <param name="PeakHeapBytes">
/// The highest managed heap size seen during the work, above the heap after a full collection before it: the
/// larger of <see cref="GC.GetTotalMemory"/> sampled every millisecond on another thread and the heap size just
/// before the last collection that ran during the work (<see cref="GCMemoryInfo"/>). A lower bound on the true
/// peak (a spike shorter than a sample between two collections can be missed), garbage not yet collected included.
/// </param>
internal readonly record struct HeapUse(long AllocatedBytes, long PeakHeapBytes);

/// <summary>Measures <see cref="HeapUse"/> around a piece of work.</summary>
internal static class HeapProbe
{
    /// <summary>Runs <paramref name="work"/> once and measures it. Timings taken in the same call are perturbed by the sampler: take them apart.</summary>
    public static (T Result, HeapUse Use) Measure<T>(Func<T> work)
    {
        // Start from a collected heap so the baseline is what is live, not what happens to be uncollected.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = GC.GetTotalMemory(forceFullCollection: false);
        long gcIndexBefore = GC.GetGCMemoryInfo(GCKind.Any).Index;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        long sampledPeak = baseline;
        using var stop = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            while (!stop.IsSet)
            {
                sampledPeak = Math.Max(sampledPeak, GC.GetTotalMemory(forceFullCollection: false));
                stop.Wait(1);
            }
        }) { IsBackground = true, Name = "heap sampler" };
        sampler.Start();
        T result;
        try
        {
            result = work();
        }
        finally
        {
            stop.Set();
            sampler.Join();   // also publishes sampledPeak to this thread
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long peak = Math.Max(sampledPeak, GC.GetTotalMemory(forceFullCollection: false));
        var lastGc = GC.GetGCMemoryInfo(GCKind.Any);
        if (lastGc.Index > gcIndexBefore)
        {
            // The heap just before a collection is a point on the curve the sampler may have missed.
            long before = 0;
            foreach (var generation in lastGc.GenerationInfo) before += generation.SizeBeforeBytes;
            peak = Math.Max(peak, before);
        }
        return (result, new HeapUse(allocated, Math.Max(0, peak - baseline)));
    }
}
