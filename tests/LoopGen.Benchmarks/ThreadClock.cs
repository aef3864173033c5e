using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoopGen.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so a timing on a loaded,
/// shared machine leaves out the time the thread waited for a core. Elsewhere it falls back to wall-clock time.
/// </summary>
internal static class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport rather than LibraryImport: the project does not allow unsafe code, and this signature needs no marshalling.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    /// <summary>Whether <see cref="NowMs"/> measures thread CPU time (else wall-clock time).</summary>
    public static bool IsCpuTime { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The thread's CPU time so far, in milliseconds (or a wall-clock reading when <see cref="IsCpuTime"/> is false).</summary>
    public static double NowMs()
    {
        if (IsCpuTime && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0) return (t.Seconds * 1e3) + (t.Nanoseconds / 1e6);
        return Stopwatch.GetTimestamp() * 1e3 / Stopwatch.Frequency;
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
