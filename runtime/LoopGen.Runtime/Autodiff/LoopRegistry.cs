using System.Runtime.CompilerServices;
using LoopGen.Ir;
using LoopGen.Loops;
using LoopGen.Tracing;

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

    // A bound stated by Loop.MaxTrips, waiting for the next while emitted in the same scope (nested loops are emitted
    // in their body's scope, so they do not take it).
    [ThreadStatic]
    private static (TraceScope Scope, int MaxTrips)? t_pending;

    /// <summary>Records where the while op <paramref name="op"/> was traced from (and a pending <see cref="Loop.MaxTrips"/> bound).</summary>
    public static void Record(Operation op, LoopInfo info)
    {
        var entry = s_entries.GetOrCreateValue(op);
        entry.Info = info;
        if (t_pending is { } pending && ReferenceEquals(pending.Scope, TraceScope.Current))
        {
            entry.MaxTrips ??= pending.MaxTrips;
            t_pending = null;
        }
    }

    /// <summary>The next while emitted in <paramref name="scope"/> gets <paramref name="maxTrips"/> as its bound.</summary>
    public static void BoundNextLoop(TraceScope scope, int maxTrips) => t_pending = (scope, maxTrips);

    /// <summary>Records the user's bound on the trip count of <paramref name="op"/>.</summary>
    public static void SetBound(Operation op, int maxTrips) => s_entries.GetOrCreateValue(op).MaxTrips = maxTrips;

    public static LoopInfo? Info(Operation op) => s_entries.TryGetValue(op, out var e) ? e.Info : null;

    public static int? Bound(Operation op) => s_entries.TryGetValue(op, out var e) ? e.MaxTrips : null;

    /// <summary>"Loop.While at Model.cs:12", or a plain description for a loop traced from elsewhere.</summary>
    public static string Where(Operation op) => Info(op)?.Where ?? "a stablehlo.while (no source location recorded)";
}
