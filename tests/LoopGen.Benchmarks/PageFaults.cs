using System.Globalization;

namespace LoopGen.Benchmarks;

/// <summary>
/// Minor page faults of this process so far (Linux: field 10 of <c>/proc/self/stat</c>): how many fresh pages a call
/// touched. A new output array whose memory the GC gave back to the OS faults once per 4 KB page when it is written.
/// </summary>
internal static class PageFaults
{
    /// <summary>Whether <see cref="Now"/> can read the counter.</summary>
    public static bool Available { get; } = File.Exists("/proc/self/stat");

    /// <summary>The process's minor page faults so far (0 where unavailable).</summary>
    public static long Now()
    {
        if (!Available) return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture); // field 10 overall: minflt
    }
}
