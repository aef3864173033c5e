using LoopGen.Autodiff;
using LoopGen.Tracing;

namespace LoopGen;

public static partial class Loop
{
    /// <summary>
    /// States a bound on the trip count of the next loop at this level of a <c>[Compile]</c> method (a <c>while</c>, or
    /// a <c>for</c> with <c>break</c>), for reverse-mode gradients: the gradient stores up to <paramref name="maxTrips"/>
    /// iterations of that loop, as <c>Loop.While(…, maxTrips:)</c> does for a hand-written loop, and fails clearly if a
    /// run needs more. Put it as a statement just before the loop. It overrides <see cref="GradOptions.MaxTrips"/> for
    /// that loop; loops with a static trip count ignore it. Outside a trace (the plain method) it does nothing.
    /// </summary>
    /// <param name="maxTrips">The most iterations any run of the next loop takes (non-negative).</param>
    public static void MaxTrips(int maxTrips)
    {
        if (maxTrips < 0) throw new ArgumentOutOfRangeException(nameof(maxTrips), maxTrips, "a trip-count bound cannot be negative");
        if (TraceScope.Current is { } scope) LoopRegistry.BoundNextLoop(scope, maxTrips);
    }
}
