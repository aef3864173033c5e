using System.Runtime.CompilerServices;

namespace LoopGen;

// The loop forms a generated twin calls. Each forwards to the Loop method of that shape, unchanged; they exist to be
// cheap to compile: one name per carry shape (a Tensor, a value tuple, a Tensor[]), no optional or named arguments but
// the caller's location. Against Loop's overloads, the compiler binds a twin's lambda for every candidate delegate
// type, and a nested lambda once per binding of the lambda around it; here each lambda meets one delegate type. Only
// Fori* keeps two overloads, on its bounds (ints: a trip count known when tracing; 0-d tensors: read at run time), as
// Loop.Fori has: the C# types of the bounds pick the semantics, and both share one delegate type, so a lambda is
// still bound once.
public static partial class Lifted
{
    /// <summary><see cref="Loop.Fori(int, int, Func{Tensor, Tensor, Tensor}, Tensor, int, string[], string, int)"/> for a generated twin: one Tensor carry, static bounds.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carry) → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor ForiOne(int lower, int upper, Func<Tensor, Tensor, Tensor> body, Tensor init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori(lower, upper, body, init, 1, names, file, line);

    /// <summary><see cref="Loop.Fori(Tensor, Tensor, Func{Tensor, Tensor, Tensor}, Tensor, string[], string, int)"/> for a generated twin: one Tensor carry, traced bounds.</summary>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carry) → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor ForiOne(Tensor lower, Tensor upper, Func<Tensor, Tensor, Tensor> body, Tensor init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori(lower, upper, body, init, names, file, line);

    /// <summary><see cref="Loop.Fori{T}(int, int, Func{Tensor, T, T}, T, int, string[], string, int)"/> for a generated twin: a value tuple of carries, static bounds.</summary>
    /// <typeparam name="T">The value tuple of carries.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T ForiTuple<T>(int lower, int upper, Func<Tensor, T, T> body, T init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => Loop.Fori<T>(lower, upper, body, init, 1, names, file, line);

    /// <summary><see cref="Loop.Fori{T}(Tensor, Tensor, Func{Tensor, T, T}, T, string[], string, int)"/> for a generated twin: a value tuple of carries, traced bounds.</summary>
    /// <typeparam name="T">The value tuple of carries.</typeparam>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T ForiTuple<T>(Tensor lower, Tensor upper, Func<Tensor, T, T> body, T init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => Loop.Fori<T>(lower, upper, body, init, names, file, line);

    /// <summary><see cref="Loop.Fori(int, int, Func{Tensor, Tensor[], Tensor[]}, Tensor[], int, string[], string, int)"/> for a generated twin: an array of carries (empty for a loop that carries nothing), static bounds.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] ForiArray(int lower, int upper, Func<Tensor, Tensor[], Tensor[]> body, Tensor[] init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori(lower, upper, body, init, 1, names, file, line);

    /// <summary><see cref="Loop.Fori(Tensor, Tensor, Func{Tensor, Tensor[], Tensor[]}, Tensor[], string[], string, int)"/> for a generated twin: an array of carries, traced bounds.</summary>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carries) → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] ForiArray(Tensor lower, Tensor upper, Func<Tensor, Tensor[], Tensor[]> body, Tensor[] init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori(lower, upper, body, init, names, file, line);

    /// <summary><see cref="Loop.While(Func{Tensor, Tensor}, Func{Tensor, Tensor}, Tensor, string[], string, int)"/> for a generated twin: one Tensor carry.</summary>
    /// <param name="cond">carry → 0-d pred.</param>
    /// <param name="body">carry → new carry.</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor WhileOne(Func<Tensor, Tensor> cond, Func<Tensor, Tensor> body, Tensor init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.While(cond, body, init, names, file, line);

    /// <summary><see cref="Loop.While{T}(Func{T, Tensor}, Func{T, T}, T, string[], string, int)"/> for a generated twin: a value tuple of carries.</summary>
    /// <typeparam name="T">The value tuple of carries.</typeparam>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T WhileTuple<T>(Func<T, Tensor> cond, Func<T, T> body, T init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        where T : struct, ITuple
        => Loop.While<T>(cond, body, init, names, file, line);

    /// <summary><see cref="Loop.While(Func{Tensor[], Tensor}, Func{Tensor[], Tensor[]}, Tensor[], string[], string, int)"/> for a generated twin: an array of carries.</summary>
    /// <param name="cond">carries → 0-d pred.</param>
    /// <param name="body">carries → new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] WhileArray(Func<Tensor[], Tensor> cond, Func<Tensor[], Tensor[]> body, Tensor[] init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.While(cond, body, init, names, file, line);

    /// <summary><see cref="Loop.Scan{TCarry, TY}(Func{TCarry, Tensor, ValueTuple{TCarry, TY}}, TCarry, int, bool, string[], string, int)"/> for a generated twin: a loop that collects one row per iteration.</summary>
    /// <typeparam name="TCarry">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <typeparam name="TY">A Tensor or value tuple of them.</typeparam>
    /// <param name="body">(carry, index) → (new carry, y).</param>
    /// <param name="init">The initial carry.</param>
    /// <param name="length">The trip count (static).</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (TCarry Carry, TY Ys) Scan<TCarry, TY>(Func<TCarry, Tensor, (TCarry, TY)> body, TCarry init, int length, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Scan<TCarry, TY>(body, init, length, false, names, file, line);

    /// <summary><see cref="Loop.Cond{TIn, TOut}(Tensor, TIn, Func{TIn, TOut}, Func{TIn, TOut}, string, int)"/> for a generated twin: a traced if, or one test of a traced switch.</summary>
    /// <typeparam name="TIn">The state handed to both branches.</typeparam>
    /// <typeparam name="TOut">The branches' result.</typeparam>
    /// <param name="pred">The condition, a 0-d pred tensor.</param>
    /// <param name="state">The state both branches start from.</param>
    /// <param name="whenTrue">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="whenFalse">The branch taken when <paramref name="pred"/> is false.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static TOut Cond<TIn, TOut>(Tensor pred, TIn state, Func<TIn, TOut> whenTrue, Func<TIn, TOut> whenFalse,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Cond<TIn, TOut>(pred, state, whenTrue, whenFalse, file, line);

    /// <summary>
    /// <see cref="Loop.Cond{TIn, TOut}(Tensor, TIn, Func{TIn, TOut}, Func{TIn, TOut}, string, int)"/> whose false branch
    /// hands the state back unchanged, for a generated twin: the statements after a <c>break</c> or <c>continue</c>, run
    /// only while no exit flag is set.
    /// </summary>
    /// <typeparam name="T">The state, which is also the result.</typeparam>
    /// <param name="pred">The condition, a 0-d pred tensor.</param>
    /// <param name="state">The state both branches start from.</param>
    /// <param name="whenTrue">The branch taken when <paramref name="pred"/> is true.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static T When<T>(Tensor pred, T state, Func<T, T> whenTrue,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Cond<T, T>(pred, state, whenTrue, static s => s, file, line);

    /// <summary><see cref="Loop.ForConcat(int, int, Func{Tensor, Tensor[]}, int[], string[], string, int)"/> for a generated twin: pieces of data-dependent size collected by a loop without carries.</summary>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">i → the pieces of this iteration, one per output.</param>
    /// <param name="axes">Per output, the axis its pieces are concatenated on.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static Tensor[] ForConcat(int lower, int upper, Func<Tensor, Tensor[]> body, int[] axes,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.ForConcat(lower, upper, body, axes, null, file, line);

    /// <summary><see cref="Loop.ForConcat{T}(int, int, Func{Tensor, T, ValueTuple{T, Tensor[]}}, T, int[], string[], string, int)"/> for a generated twin: pieces of data-dependent size collected by a loop with carries.</summary>
    /// <typeparam name="T">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carries) → (new carries, pieces).</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="axes">Per output, its concatenation axis.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T Carry, Tensor[] Outputs) ForConcatCarried<T>(int lower, int upper, Func<Tensor, T, (T, Tensor[])> body, T init, int[] axes, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.ForConcat<T>(lower, upper, body, init, axes, names, file, line);
}
