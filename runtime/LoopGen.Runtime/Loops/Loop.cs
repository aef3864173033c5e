using System.Runtime.CompilerServices;
using LoopGen.Loops;
using LoopGen.Tracing;

namespace LoopGen;

/// <summary>
/// Rolled loops over tensors, as JAX's <c>lax.fori_loop</c> / <c>while_loop</c> / <c>scan</c>: the body is traced
/// once into one <c>stablehlo.while</c>, so the compiled graph stays one body long whatever the trip count.
/// Carries are a <see cref="Tensor"/>, a <c>Tensor[]</c> or a value tuple of them; each keeps its dtype and shape
/// across iterations (else <see cref="LoopCarryException"/>). Tensors the body reads from outside are passed into the
/// loop as invariant operands. Outside a compiled function a loop is traced, compiled and run on the spot.
/// </summary>
public static partial class Loop
{
    // ---- Fori with static bounds: a trip count known at trace time (scan semantics) ----------------------

    /// <summary>
    /// <c>for (i = lower; i &lt; upper; i++) init = body(i, init)</c> with bounds known at trace time; <c>upper &lt;= lower</c>
    /// runs zero iterations. <paramref name="body"/> receives <c>i</c> as a 0-d s32 tensor.
    /// </summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carry) → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="unroll">Body copies per rolled iteration (remainder iterations follow the loop); a value at least
    /// the trip count unrolls the loop completely.</param>
    /// <param name="names">Carry names for messages (the generator passes the variables' names).</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor Fori(int lower, int upper, Func<Tensor, Tensor, Tensor> body, Tensor init, int unroll = 1, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForiStatic(lower, upper, body, init, unroll, names, file, line);

    /// <summary>As <see cref="Fori(int, int, Func{Tensor, Tensor, Tensor}, Tensor, int, string[], string, int)"/>, with a value tuple of carries.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="unroll">Body copies per rolled iteration.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T Fori<T>(int lower, int upper, Func<Tensor, T, T> body, T init, int unroll = 1, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => ForiStatic(lower, upper, body, init, unroll, names, file, line);

    /// <summary>As <see cref="Fori(int, int, Func{Tensor, Tensor, Tensor}, Tensor, int, string[], string, int)"/>, with an array of carries.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries (same length).</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="unroll">Body copies per rolled iteration.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] Fori(int lower, int upper, Func<Tensor, Tensor[], Tensor[]> body, Tensor[] init, int unroll = 1, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForiStatic(lower, upper, body, init, unroll, names, file, line);

    private static T ForiStatic<T>(int lower, int upper, Func<Tensor, T, T> body, T init, int unroll, string[]? names, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (unroll < 1) throw new ArgumentOutOfRangeException(nameof(unroll), unroll, "unroll must be at least 1");
        var info = Info("Loop.Fori", init, names, file, line);
        var flatInit = Tree.Tensors(init, "init", "loop carry");
        long trip = Math.Max(0L, (long)upper - lower);

        Tensor[] Iterate(Tensor i, Tensor[] carries)
        {
            var next = Tree.Tensors(body(i, (T)Tree.Rebuild(init, carries)!), "init", "loop carry");
            info.CheckCarries(carries, next);
            return next;
        }

        if (unroll >= trip && trip > 0)
        {
            // Completely unrolled: the body is traced once per index, with the index as a constant.
            var carries = flatInit;
            for (long k = 0; k < trip; k++) carries = Iterate(LoopLowering.Index(lower + k, DType.S32), carries);
            return (T)Tree.Rebuild(init, carries)!;
        }

        long rolledTrips = trip / unroll;
        int mainEnd = checked((int)(lower + rolledTrips * unroll));
        var start = LoopLowering.Index(lower, DType.S32);
        var result = LoopLowering.While(
            info,
            [start, .. flatInit],
            hiddenCarries: 1,
            cond: c => LoopLowering.Less(c[0], LoopLowering.Index(mainEnd, DType.S32)),
            body: c =>
            {
                var i = c[0];
                var carries = c[1..];
                for (int r = 0; r < unroll; r++)
                {
                    carries = Iterate(i, carries);
                    i = LoopLowering.Add(i, LoopLowering.Index(1, DType.S32));
                }
                return new LoopLowering.Step([i, .. carries]);
            }).Carries[1..];

        // Remainder iterations when unroll does not divide the trip count, unrolled after the rolled loop.
        for (long k = mainEnd; k < upper; k++) result = Iterate(LoopLowering.Index(k, DType.S32), result);
        return (T)Tree.Rebuild(init, result)!;
    }

    // ---- Fori with traced bounds: a trip count known only at run time (while semantics) -------------------

    /// <summary>
    /// <c>for (i = lower; i &lt; upper; i++) init = body(i, init)</c> with bounds that are 0-d integer tensors (traced or
    /// concrete): the trip count is read at run time. <paramref name="body"/> receives <c>i</c> in the bounds' dtype.
    /// </summary>
    /// <param name="lower">First index (inclusive), a 0-d s32 or s64 tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d s32 or s64 tensor.</param>
    /// <param name="body">(i, carry) → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor Fori(Tensor lower, Tensor upper, Func<Tensor, Tensor, Tensor> body, Tensor init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForiTraced(lower, upper, body, init, names, file, line);

    /// <summary>As <see cref="Fori(Tensor, Tensor, Func{Tensor, Tensor, Tensor}, Tensor, string[], string, int)"/>, with a value tuple of carries.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T Fori<T>(Tensor lower, Tensor upper, Func<Tensor, T, T> body, T init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => ForiTraced(lower, upper, body, init, names, file, line);

    /// <summary>As <see cref="Fori(Tensor, Tensor, Func{Tensor, Tensor, Tensor}, Tensor, string[], string, int)"/>, with an array of carries.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] Fori(Tensor lower, Tensor upper, Func<Tensor, Tensor[], Tensor[]> body, Tensor[] init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => ForiTraced(lower, upper, body, init, names, file, line);

    private static T ForiTraced<T>(Tensor lower, Tensor upper, Func<Tensor, T, T> body, T init, string[]? names, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        ArgumentNullException.ThrowIfNull(body);
        var info = Info("Loop.Fori", init, names, file, line);
        var dtype = BoundDType(info, lower, upper);
        var flatInit = Tree.Tensors(init, "init", "loop carry");
        var result = LoopLowering.While(
            info,
            [LoopLowering.Convert(lower, dtype), .. flatInit],
            hiddenCarries: 1,
            cond: c => LoopLowering.Less(c[0], LoopLowering.Convert(upper, dtype)),
            body: c =>
            {
                var next = Tree.Tensors(body(c[0], (T)Tree.Rebuild(init, c[1..])!), "init", "loop carry");
                return new LoopLowering.Step([LoopLowering.Add(c[0], LoopLowering.Index(1, dtype)), .. next]);
            });
        return (T)Tree.Rebuild(init, result.Carries[1..])!;
    }

    private static DType BoundDType(LoopInfo info, Tensor lower, Tensor upper)
    {
        foreach (var (name, t) in new[] { ("lower", lower), ("upper", upper) })
        {
            if (t.Rank != 0 || !t.DType.IsInteger())
            {
                throw new ArgumentException($"{info.Where}: the {name} bound must be a 0-d s32 or s64 tensor; it is {t.Type}", name);
            }
        }
        return DTypes.Promote(lower.DType, lower.IsWeak, upper.DType, upper.IsWeak).DType;
    }

    // ---- While -----------------------------------------------------------------------------------------

    /// <summary><c>while (cond(init)) init = body(init)</c>; <paramref name="cond"/> returns a 0-d pred tensor.</summary>
    /// <param name="cond">carry → 0-d pred.</param>
    /// <param name="body">carry → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor While(Func<Tensor, Tensor> cond, Func<Tensor, Tensor> body, Tensor init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => WhileCore(cond, body, init, names, file, line);

    /// <summary>As <see cref="While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, string[], string, int)"/>, with a value tuple of carries.</summary>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T While<T>(Func<T, Tensor> cond, Func<T, T> body, T init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => WhileCore(cond, body, init, names, file, line);

    /// <summary>As <see cref="While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, string[], string, int)"/>, with an array of carries.</summary>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] While(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] init, string[]? names = null,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => WhileCore(cond, body, init, names, file, line);

    private static T WhileCore<T>(Func<T, Tensor> cond, Func<T, T> body, T init, string[]? names, string file, int line)
    {
        ArgumentNullException.ThrowIfNull(cond);
        ArgumentNullException.ThrowIfNull(body);
        var info = Info("Loop.While", init, names, file, line);
        var result = LoopLowering.While(
            info,
            Tree.Tensors(init, "init", "loop carry"),
            hiddenCarries: 0,
            cond: c => cond((T)Tree.Rebuild(init, c)!),
            body: c => new LoopLowering.Step(Tree.Tensors(body((T)Tree.Rebuild(init, c)!), "init", "loop carry")));
        return (T)Tree.Rebuild(init, result.Carries)!;
    }

    // ---- Scan ------------------------------------------------------------------------------------------

    /// <summary>
    /// Scans <paramref name="body"/> over the leading axis of <paramref name="xs"/>: for each row x,
    /// <c>(carry, y) = body(carry, x)</c>; returns the final carry and the ys stacked along a new leading axis
    /// (preallocated and filled row by row). With <paramref name="reverse"/>, rows are visited last to first and
    /// ys keep the rows' order. The trip count is the (static) leading dimension of xs.
    /// </summary>
    /// <typeparam name="TCarry">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <typeparam name="TX">A Tensor, Tensor[] or value tuple of them, all with one leading dimension.</typeparam>
    /// <typeparam name="TY">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="body">(carry, x) → (new carry, y).</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="xs">The sequence(s) to scan.</param>
    /// <param name="reverse">Visit rows last to first.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (TCarry Carry, TY Ys) Scan<TCarry, TX, TY>(Func<TCarry, TX, (TCarry, TY)> body, TCarry init, TX xs, bool reverse = false,
        string[]? names = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        var info = Info("Loop.Scan", init, names, file, line);
        var flatXs = Tree.Tensors(xs, "xs", "scan input");
        if (flatXs.Length == 0) throw new ArgumentException($"{info.Where}: xs has no tensors; use the overload that takes a length", nameof(xs));
        int length = -1;
        foreach (var x in flatXs)
        {
            if (x.Rank == 0) throw new ArgumentException($"{info.Where}: every scan input needs a leading axis to scan over; one is {x.Type}", nameof(xs));
            if (length >= 0 && x.Shape[0] != length)
            {
                throw new ArgumentException($"{info.Where}: scan inputs disagree on their length: {length} and {x.Shape[0]} ({x.Type})", nameof(xs));
            }
            length = x.Shape[0];
        }
        return ScanCore(info, (c, pos) => body(c, (TX)Tree.Rebuild(xs, flatXs.Select(x => LoopLowering.ReadRow(x, pos)).ToArray())!), init, length, reverse);
    }

    /// <summary>
    /// Scans <paramref name="body"/> <paramref name="length"/> times with no input sequence: the body's second
    /// argument is the iteration's index (0-d s32; <c>length-1</c> down to 0 when <paramref name="reverse"/>).
    /// </summary>
    /// <typeparam name="TCarry">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <typeparam name="TY">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="body">(carry, index) → (new carry, y).</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="length">The trip count (static).</param>
    /// <param name="reverse">Count down instead of up.</param>
    /// <param name="names">Carry names for messages.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (TCarry Carry, TY Ys) Scan<TCarry, TY>(Func<TCarry, Tensor, (TCarry, TY)> body, TCarry init, int length, bool reverse = false,
        string[]? names = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), length, "a scan length cannot be negative");
        return ScanCore(Info("Loop.Scan", init, names, file, line), body, init, length, reverse);
    }

    private static (TCarry, TY) ScanCore<TCarry, TY>(LoopInfo info, Func<TCarry, Tensor, (TCarry, TY)> body, TCarry init, int length, bool reverse)
    {
        var flatInit = Tree.Tensors(init, "init", "loop carry");
        object? yTemplate = null;
        var result = LoopLowering.While(
            info,
            [LoopLowering.Index(0, DType.S32), .. flatInit],
            hiddenCarries: 1,
            cond: c => LoopLowering.Less(c[0], LoopLowering.Index(length, DType.S32)),
            body: c =>
            {
                var i = c[0];
                var position = reverse ? LoopLowering.Subtract(LoopLowering.Index(length - 1, DType.S32), i) : i;
                var (carry, y) = body((TCarry)Tree.Rebuild(init, c[1..])!, position);
                yTemplate = y;
                return new LoopLowering.Step(
                    [LoopLowering.Add(i, LoopLowering.Index(1, DType.S32)), .. Tree.Tensors(carry, "init", "loop carry")],
                    Tree.Tensors(y, "y", "scan output"),
                    position);
            },
            stackLength: length);
        return ((TCarry)Tree.Rebuild(init, result.Carries[1..])!, (TY)Tree.Rebuild(yTemplate, result.Stacked)!);
    }

    private static LoopInfo Info<T>(string kind, T init, string[]? names, string file, int line)
    {
        var paths = Tree.Flatten(init, "init", allowStatic: false, "loop carry").Select(l => l.Path).ToArray();
        if (names is not null && names.Length != paths.Length)
        {
            throw new ArgumentException($"{kind}: {names.Length} carry names given for {paths.Length} carries", nameof(names));
        }
        return new LoopInfo(kind, file, line, names ?? paths);
    }
}
