using System.Runtime.CompilerServices;
using LoopGen.Loops;
using LoopGen.Tracing;

namespace LoopGen;

public static partial class Loop
{
    // ---- ForConcat: per-iteration pieces of data-dependent size, concatenated (onnx-diagnostic's simple_loop_for) ----

    /// <summary>
    /// <c>for (i = lower; i &lt; upper; i++)</c> collecting pieces: output k is piece k of every iteration concatenated
    /// along <c>axes[k]</c> (onnx-diagnostic's <c>simple_loop_for(n_iter, body, args, concatenation_dims)</c>). Pieces may
    /// have a size along their axis that depends on the data (<see cref="Tensor.SliceDynamic"/>). Eagerly it is a plain
    /// loop and one <see cref="Tensor.Concat"/> per output. In a trace it is one rolled <c>stablehlo.while</c>: each output
    /// is a carried buffer preallocated to trips × the piece's bound along the axis, each piece written once at a
    /// running offset with <c>dynamic_update_slice</c> (linear; never a growing concatenation); the result is bounded
    /// along the axis, its valid length the final offset, and a compiled call hands it back with exactly the eager
    /// shape (docs/bounded-sizes.md). With zero trips every output is empty along its axis, its other sizes those the
    /// body gives (the body is traced, not run, to learn them). <paramref name="body"/> receives <c>i</c> as a 0-d s32 tensor.
    /// </summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive); <c>upper &lt;= lower</c> runs zero iterations.</param>
    /// <param name="body">i → the pieces of this iteration, one per output.</param>
    /// <param name="axes">Per output, the axis its pieces are concatenated on (negative counts from the end).</param>
    /// <param name="names">Names of the outputs for messages (the generator passes the collected variables' names).</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] ForConcat(int lower, int upper, Func<Tensor, Tensor[]> body, int[] axes, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ForConcatCore(Static(lower), Static(upper), null, (i, _) => ([], body(i)), [], axes, names, file, line).Outputs;
    }

    /// <summary>
    /// As <see cref="ForConcat(int, int, Func{Tensor, Tensor[]}, int[], string[], string, int)"/>, with bounds that are
    /// 0-d integer tensors. Constants (and concrete tensors outside a trace) give a trip count known at trace time; a
    /// traced bound needs <paramref name="maxTrips"/> (the buffers' size): at most that many iterations run, and every
    /// output is bounded along its axis.
    /// </summary>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">i → the pieces of this iteration.</param>
    /// <param name="axes">Per output, its concatenation axis.</param>
    /// <param name="names">Names of the outputs for messages.</param>
    /// <param name="maxTrips">The most iterations a traced trip count may take (non-negative).</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] ForConcat(Tensor lower, Tensor upper, Func<Tensor, Tensor[]> body, int[] axes, string[]? names = null, int? maxTrips = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        return ForConcatCore(lower, upper, maxTrips, (i, _) => ([], body(i)), [], axes, names, file, line).Outputs;
    }

    /// <summary>
    /// As <see cref="ForConcat(int, int, Func{Tensor, Tensor[]}, int[], string[], string, int)"/>, with carries: the body
    /// returns the new carries (a Tensor, Tensor[] or value tuple of them, each keeping its type, as in <c>Loop.Fori</c>)
    /// and the pieces.
    /// </summary>
    /// <typeparam name="T">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → (new carries, pieces).</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="axes">Per output, its concatenation axis.</param>
    /// <param name="names">Names of the carries, optionally followed by the outputs', for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T Carry, Tensor[] Outputs) ForConcat<T>(int lower, int upper, Func<Tensor, T, (T, Tensor[])> body, T init, int[] axes, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForConcatCarried(Static(lower), Static(upper), null, body, init, axes, names, file, line);

    /// <summary>
    /// As <see cref="ForConcat{T}(int, int, Func{Tensor, T, ValueTuple{T, Tensor[]}}, T, int[], string[], string, int)"/>, with
    /// 0-d integer tensor bounds (see <see cref="ForConcat(Tensor, Tensor, Func{Tensor, Tensor[]}, int[], string[], int?, string, int)"/>).
    /// </summary>
    /// <typeparam name="T">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carries) → (new carries, pieces).</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="axes">Per output, its concatenation axis.</param>
    /// <param name="names">Names of the carries, optionally followed by the outputs', for messages.</param>
    /// <param name="maxTrips">The most iterations a traced trip count may take.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T Carry, Tensor[] Outputs) ForConcat<T>(Tensor lower, Tensor upper, Func<Tensor, T, (T, Tensor[])> body, T init, int[] axes,
        string[]? names = null, int? maxTrips = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForConcatCarried(lower, upper, maxTrips, body, init, axes, names, file, line);

    private static (T Carry, Tensor[] Outputs) ForConcatCarried<T>(Tensor lower, Tensor upper, int? maxTrips, Func<Tensor, T, (T, Tensor[])> body, T init,
        int[] axes, string[]? names, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(body);
        var flatInit = Tree.Tensors(init, "init", "loop carry");
        var (carries, outputs) = ForConcatCore(lower, upper, maxTrips, (i, c) =>
        {
            var (next, pieces) = body(i, (T)Tree.Rebuild(init, c)!);
            return (Tree.Tensors(next, "init", "loop carry"), pieces);
        }, flatInit, axes, names, file, line);
        return ((T)Tree.Rebuild(init, carries)!, outputs);
    }

    private static Tensor Static(int bound) => LoopLowering.Index(bound, DType.S32);

    private static (Tensor[] Carries, Tensor[] Outputs) ForConcatCore(Tensor lower, Tensor upper, int? maxTrips,
        Func<Tensor, Tensor[], (Tensor[] Carries, Tensor[] Pieces)> body, Tensor[] init, int[] axes, string[]? names, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(axes);
        if (maxTrips is < 0) throw new ArgumentOutOfRangeException(nameof(maxTrips), maxTrips, "a trip-count bound cannot be negative");
        var carryNames = Tree.Flatten(init, "init", allowStatic: false, "loop carry").Select(l => l.Path).ToArray();
        var outputNames = axes.Select((_, k) => $"output{k}").ToArray();
        if (names is not null)
        {
            if (init.Length == 0 && names.Length == axes.Length) outputNames = names;
            else if (names.Length == init.Length) carryNames = names;
            else if (names.Length == init.Length + axes.Length) (carryNames, outputNames) = (names[..init.Length], names[init.Length..]);
            else throw new ArgumentException($"Loop.ForConcat: {names.Length} names given for {init.Length} carries and {axes.Length} outputs", nameof(names));
        }
        var info = new LoopInfo("Loop.ForConcat", file, line, carryNames);
        var plan = new ForConcatPlan(info, axes, outputNames, body);
        return TraceScope.Current is null ? plan.RunEager(lower, upper, maxTrips, init) : plan.Trace(lower, upper, maxTrips, init);
    }
}
