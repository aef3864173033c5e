using LoopGen.Compilation;

namespace LoopGen;

/// <summary>A function of 0 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<TResult> fn) =>
        _core = new CompiledCore(name, _ => fn(), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke() => (TResult)_core.Invoke([])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(CancellationToken cancellationToken) => (TResult)_core.Invoke([], cancellationToken)!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower() => _core.Lower([]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<TResult>(CompiledFunction<TResult> f) => f.Invoke;
}

/// <summary>A function of 1 argument compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1) => (TResult)_core.Invoke([arg1])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1], cancellationToken)!;

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
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2) => (TResult)_core.Invoke([arg1, arg2])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2], cancellationToken)!;

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
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3) => (TResult)_core.Invoke([arg1, arg2, arg3])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3], cancellationToken)!;

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
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4], cancellationToken)!;

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

/// <summary>A function of 5 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T5">Argument 5: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, T4, T5, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, T4, T5, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5], cancellationToken)!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) => _core.Lower([arg1, arg2, arg3, arg4, arg5]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, T4, T5, TResult>(CompiledFunction<T1, T2, T3, T4, T5, TResult> f) => f.Invoke;
}

/// <summary>A function of 6 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T5">Argument 5: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T6">Argument 6: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, T4, T5, T6, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, T4, T5, T6, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6], cancellationToken)!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6) => _core.Lower([arg1, arg2, arg3, arg4, arg5, arg6]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, T4, T5, T6, TResult>(CompiledFunction<T1, T2, T3, T4, T5, T6, TResult> f) => f.Invoke;
}

/// <summary>A function of 7 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T5">Argument 5: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T6">Argument 6: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T7">Argument 7: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, T4, T5, T6, T7, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, T4, T5, T6, T7, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!, (T7)a[6]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6, arg7])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6, arg7], cancellationToken)!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) => _core.Lower([arg1, arg2, arg3, arg4, arg5, arg6, arg7]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, T4, T5, T6, T7, TResult>(CompiledFunction<T1, T2, T3, T4, T5, T6, T7, TResult> f) => f.Invoke;
}

/// <summary>A function of 8 arguments compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T5">Argument 5: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T6">Argument 6: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T7">Argument 7: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="T8">Argument 8: a Tensor (dynamic), a C# primitive, string or enum (static: part of the cache key), or a value tuple / Tensor[] of these.</typeparam>
/// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class CompiledFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult>
{
    private readonly CompiledCore _core;

    internal CompiledFunction(string name, Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> fn) =>
        _core = new CompiledCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!, (T5)a[4]!, (T6)a[5]!, (T7)a[6]!, (T8)a[7]!), CompiledCore.ParameterNames(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>The most signatures this function keeps compiled (least recently used evicted first); by default <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int CacheCapacity
    {
        get => _core.Capacity;
        set => _core.Capacity = value;
    }

    /// <summary>This function's cache: entries, capacity, traces, compiles, hits and evictions so far.</summary>
    public JitCacheStats CacheStats => _core.Stats;

    /// <summary>Drops every compiled signature of this function (the next call of each traces and compiles again).</summary>
    public void ClearCache() => _core.Clear();

    /// <summary>Runs the compiled function (tracing and compiling on the first call with this signature). Inside another trace it is traced inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <param name="arg8">Argument 8.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8])!;

    /// <summary>Runs the compiled function as <c>Invoke</c> does, cancellable: on the interpreter the token is checked between loop iterations, on PJRT before the call is dispatched.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <param name="arg8">Argument 8.</param>
    /// <param name="cancellationToken">Cancels the call; it then ends with <see cref="OperationCanceledException"/> and the function stays usable.</param>
    /// <returns>The results, concrete tensors on the current backend.</returns>
    public TResult Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, CancellationToken cancellationToken) => (TResult)_core.Invoke([arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8], cancellationToken)!;

    /// <summary>Traces for these arguments' signature without compiling or running; see <see cref="Lowered"/>.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <param name="arg5">Argument 5.</param>
    /// <param name="arg6">Argument 6.</param>
    /// <param name="arg7">Argument 7.</param>
    /// <param name="arg8">Argument 8.</param>
    /// <returns>The lowered module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8) => _core.Lower([arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8]);

    /// <summary>The compiled function as a delegate.</summary>
    /// <param name="f">The compiled function.</param>
    public static implicit operator Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(CompiledFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult> f) => f.Invoke;
}
