using LoopGen.Compilation;

namespace LoopGen;

/// <summary>A function of 1 argument compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1) => (TResult)_core.Invoke([arg1])!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1) => _core.Lower([arg1]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, TResult>(CompiledFunction<T1, TResult> f) => f.Invoke;
}

/// <summary>A function of 2 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2) => (TResult)_core.Invoke([arg1, arg2])!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2) => _core.Lower([arg1, arg2]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, TResult>(CompiledFunction<T1, T2, TResult> f) => f.Invoke;
}

/// <summary>A function of 3 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3) => (TResult)_core.Invoke([arg1, arg2, arg3])!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3) => _core.Lower([arg1, arg2, arg3]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, TResult>(CompiledFunction<T1, T2, T3, TResult> f) => f.Invoke;
}

/// <summary>A function of 4 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, T4, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, T4, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4])!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([arg1, arg2, arg3, arg4]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, T4, TResult>(CompiledFunction<T1, T2, T3, T4, TResult> f) => f.Invoke;
}
