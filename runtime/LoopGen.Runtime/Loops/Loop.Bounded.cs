using System.Runtime.CompilerServices;
using LoopGen.Autodiff;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

public static partial class Loop
{
    /// <summary>
    /// As <see cref="While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, string[], string, int)"/>, with a bound on the
    /// trip count that makes the loop differentiable in reverse mode: the gradient stores up to
    /// <paramref name="maxTrips"/> carries, runs its backward loop from the actual trip count, and fails if a run needs
    /// more iterations than the bound. The forward loop itself is unchanged.
    /// </summary>
    /// <param name="cond">carry → 0-d pred.</param>
    /// <param name="body">carry → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="maxTrips">The most iterations any run takes (non-negative).</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor While(Func<Tensor, Tensor> cond, Func<Tensor, Tensor> body, Tensor init, int maxTrips, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Bounded(maxTrips, () => WhileCore(cond, body, init, names, file, line));

    /// <summary>As <see cref="While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, int, string[], string, int)"/>, with a value tuple of carries.</summary>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="maxTrips">The most iterations any run takes (non-negative).</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T While<T>(Func<T, Tensor> cond, Func<T, T> body, T init, int maxTrips, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => Bounded(maxTrips, () => WhileCore(cond, body, init, names, file, line));

    /// <summary>As <see cref="While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, int, string[], string, int)"/>, with an array of carries.</summary>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="maxTrips">The most iterations any run takes (non-negative).</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] While(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] init, int maxTrips, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Bounded(maxTrips, () => WhileCore(cond, body, init, names, file, line));

    private static T Bounded<T>(int maxTrips, Func<T> loop)
    {
        if (maxTrips < 0) throw new ArgumentOutOfRangeException(nameof(maxTrips), maxTrips, "a trip-count bound cannot be negative");
        var result = loop();
        // In a trace, the loop just emitted is the last op of the current block: remember its bound for the gradient.
        if (TraceScope.Current is { } scope && scope.Block.Operations.Count > 0 && scope.Block.Operations[^1] is { Name: Ops.While } op)
        {
            LoopRegistry.SetBound(op, maxTrips);
        }
        return result;
    }
}
