using System.Diagnostics;
using System.Runtime.InteropServices;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on the loaded shared machine
/// it leaves out the time the thread waited for a core. Elsewhere, wall-clock time.
/// </summary>
internal static class CpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // no unsafe code in this project; the signature needs no marshalling
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    private static readonly bool s_cpu = OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out _) == 0;

    /// <summary>Thread CPU time (or wall-clock where not available), in microseconds.</summary>
    public static double NowUs() =>
        s_cpu && ClockGetTime(ClockThreadCpuTimeId, out var t) == 0
            ? (t.Seconds * 1e6) + (t.Nanoseconds / 1e3)
            : Stopwatch.GetTimestamp() * 1e6 / Stopwatch.Frequency;
}
