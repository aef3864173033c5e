using System.Runtime.CompilerServices;

namespace LoopGen;

// The tuple loop forms with the carries spread over the lambda's parameters: a twin's lambda takes (i, a, b) rather than
// (i, (a, b)) and so does not unpack a tuple at the top of every body. Unpacking is a deconstruction the compiler binds,
// checks and lowers once per lambda; over a project's twins that is a visible share of the generated code's compile
// time. The loop itself still carries one value tuple: each form wraps the body and hands the elements over.
// Two to four carries; a twin with more calls the one-tuple forms in Lifted.Loops.cs.
public static partial class Lifted
{
    /// <summary><see cref="ForiTuple{T}(int, int, Func{Tensor, T, T}, T, string[], string, int)"/> with 2 carries spread over the body's parameters, static bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carry 1, carry 2) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2) ForiTuple<T1, T2>(int lower, int upper, Func<Tensor, T1, T2, (T1, T2)> body, (T1, T2) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2), init, 1, names, file, line);

    /// <summary><see cref="ForiTuple{T}(Tensor, Tensor, Func{Tensor, T, T}, T, string[], string, int)"/> with 2 carries spread over the body's parameters, traced bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carry 1, carry 2) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2) ForiTuple<T1, T2>(Tensor lower, Tensor upper, Func<Tensor, T1, T2, (T1, T2)> body, (T1, T2) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2), init, names, file, line);

    /// <summary><see cref="WhileTuple{T}(Func{T, Tensor}, Func{T, T}, T, string[], string, int)"/> with 2 carries spread over the lambdas' parameters.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <param name="cond">(carry 1, carry 2) → 0-d pred.</param>
    /// <param name="body">(carry 1, carry 2) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2) WhileTuple<T1, T2>(Func<T1, T2, Tensor> cond, Func<T1, T2, (T1, T2)> body, (T1, T2) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.While<(T1, T2)>(c => cond(c.Item1, c.Item2), c => body(c.Item1, c.Item2), init, names, file, line);

    /// <summary><see cref="ForiTuple{T}(int, int, Func{Tensor, T, T}, T, string[], string, int)"/> with 3 carries spread over the body's parameters, static bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carry 1, …, carry 3) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3) ForiTuple<T1, T2, T3>(int lower, int upper, Func<Tensor, T1, T2, T3, (T1, T2, T3)> body, (T1, T2, T3) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2, T3)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2, c.Item3), init, 1, names, file, line);

    /// <summary><see cref="ForiTuple{T}(Tensor, Tensor, Func{Tensor, T, T}, T, string[], string, int)"/> with 3 carries spread over the body's parameters, traced bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carry 1, …, carry 3) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3) ForiTuple<T1, T2, T3>(Tensor lower, Tensor upper, Func<Tensor, T1, T2, T3, (T1, T2, T3)> body, (T1, T2, T3) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2, T3)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2, c.Item3), init, names, file, line);

    /// <summary><see cref="WhileTuple{T}(Func{T, Tensor}, Func{T, T}, T, string[], string, int)"/> with 3 carries spread over the lambdas' parameters.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <param name="cond">(carry 1, …, carry 3) → 0-d pred.</param>
    /// <param name="body">(carry 1, …, carry 3) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3) WhileTuple<T1, T2, T3>(Func<T1, T2, T3, Tensor> cond, Func<T1, T2, T3, (T1, T2, T3)> body, (T1, T2, T3) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.While<(T1, T2, T3)>(c => cond(c.Item1, c.Item2, c.Item3), c => body(c.Item1, c.Item2, c.Item3), init, names, file, line);

    /// <summary><see cref="ForiTuple{T}(int, int, Func{Tensor, T, T}, T, string[], string, int)"/> with 4 carries spread over the body's parameters, static bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <typeparam name="T4">The type of carry 4.</typeparam>
    /// <param name="lower">First index (inclusive).</param>
    /// <param name="upper">Last index (exclusive).</param>
    /// <param name="body">(i, carry 1, …, carry 4) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3, T4) ForiTuple<T1, T2, T3, T4>(int lower, int upper, Func<Tensor, T1, T2, T3, T4, (T1, T2, T3, T4)> body, (T1, T2, T3, T4) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2, T3, T4)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2, c.Item3, c.Item4), init, 1, names, file, line);

    /// <summary><see cref="ForiTuple{T}(Tensor, Tensor, Func{Tensor, T, T}, T, string[], string, int)"/> with 4 carries spread over the body's parameters, traced bounds.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <typeparam name="T4">The type of carry 4.</typeparam>
    /// <param name="lower">First index (inclusive), a 0-d integer tensor.</param>
    /// <param name="upper">Last index (exclusive), a 0-d integer tensor.</param>
    /// <param name="body">(i, carry 1, …, carry 4) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3, T4) ForiTuple<T1, T2, T3, T4>(Tensor lower, Tensor upper, Func<Tensor, T1, T2, T3, T4, (T1, T2, T3, T4)> body, (T1, T2, T3, T4) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.Fori<(T1, T2, T3, T4)>(lower, upper, (i, c) => body(i, c.Item1, c.Item2, c.Item3, c.Item4), init, names, file, line);

    /// <summary><see cref="WhileTuple{T}(Func{T, Tensor}, Func{T, T}, T, string[], string, int)"/> with 4 carries spread over the lambdas' parameters.</summary>
    /// <typeparam name="T1">The type of carry 1.</typeparam>
    /// <typeparam name="T2">The type of carry 2.</typeparam>
    /// <typeparam name="T3">The type of carry 3.</typeparam>
    /// <typeparam name="T4">The type of carry 4.</typeparam>
    /// <param name="cond">(carry 1, …, carry 4) → 0-d pred.</param>
    /// <param name="body">(carry 1, …, carry 4) → the new carries.</param>
    /// <param name="init">The initial carries.</param>
    /// <param name="names">Carry names for messages, or null.</param>
    /// <param name="file">Caller file, filled in by the compiler.</param>
    /// <param name="line">Caller line, filled in by the compiler.</param>
    public static (T1, T2, T3, T4) WhileTuple<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Tensor> cond, Func<T1, T2, T3, T4, (T1, T2, T3, T4)> body, (T1, T2, T3, T4) init, string[]? names,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
        => Loop.While<(T1, T2, T3, T4)>(c => cond(c.Item1, c.Item2, c.Item3, c.Item4), c => body(c.Item1, c.Item2, c.Item3, c.Item4), init, names, file, line);
}
