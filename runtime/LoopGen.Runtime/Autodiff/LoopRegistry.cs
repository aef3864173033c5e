using System.Runtime.CompilerServices;
using LoopGen.Ir;
using LoopGen.Loops;

namespace LoopGen.Autodiff;

/// <summary>
/// What the IR does not print but the gradient needs about a traced <c>stablehlo.while</c>: where the loop is in the
/// user's code and the bound on its trip count, when the user gave one. Kept beside the op (weakly, so modules that
/// are dropped take their entries with them), never in the printed module.
/// </summary>
internal static class LoopRegistry
{
    private sealed class Entry
    {
        public LoopInfo? Info;
        public int? MaxTrips;
    }

    private static readonly ConditionalWeakTable<Operation, Entry> s_entries = [];

    /// <summary>Records where the while op <paramref name="op"/> was traced from.</summary>
    public static void Record(Operation op, LoopInfo info) => s_entries.GetOrCreateValue(op).Info = info;

    /// <summary>Records the user's bound on the trip count of <paramref name="op"/>.</summary>
    public static void SetBound(Operation op, int maxTrips) => s_entries.GetOrCreateValue(op).MaxTrips = maxTrips;

    public static LoopInfo? Info(Operation op) => s_entries.TryGetValue(op, out var e) ? e.Info : null;

    public static int? Bound(Operation op) => s_entries.TryGetValue(op, out var e) ? e.MaxTrips : null;

    /// <summary>"Loop.While at Model.cs:12", or a plain description for a loop traced from elsewhere.</summary>
    public static string Where(Operation op) => Info(op)?.Where ?? "a stablehlo.while (no source location recorded)";
}
