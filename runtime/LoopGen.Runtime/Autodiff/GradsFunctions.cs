using LoopGen.Autodiff;

namespace LoopGen;

/// <summary>The gradient of a scalar loss with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class GradsFunction<T1, T2>
{
    private readonly GradCore _core;

    internal GradsFunction(string name, Func<T1, T2, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!), GradMode.Grad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>One entry per argument in argument order: the gradient (with the argument's structure, dtypes and shapes) where the argument's index is in argnums, default (null) elsewhere.</returns>
    public (T1? D1, T2? D2) Invoke(T1 arg1, T2 arg2)
    {
        var g = (object?[])_core.Invoke([arg1, arg2])!;
        return ((T1?)g[0], (T2?)g[1]);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2) => _core.Lower([arg1, arg2]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2) => _core.Lower([arg1, arg2]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class ValueAndGradsFunction<T1, T2>
{
    private readonly GradCore _core;

    internal ValueAndGradsFunction(string name, Func<T1, T2, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!), GradMode.ValueAndGrad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the loss and its gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The loss, and per argument its gradient where the index is in argnums (default elsewhere).</returns>
    public (Tensor Value, (T1? D1, T2? D2) Grads) Invoke(T1 arg1, T2 arg2)
    {
        var (value, grads) = ((object?, object?))_core.Invoke([arg1, arg2])!;
        var g = (object?[])grads!;
        return ((Tensor)value!, ((T1?)g[0], (T2?)g[1]));
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2) => _core.Lower([arg1, arg2]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2) => _core.Lower([arg1, arg2]).Residuals;
}

/// <summary>A function's outputs and its vector-Jacobian product with respect to the arguments chosen by argnums (cotangent in, one gradient per argument out), compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class VjpsFunction<T1, T2, TResult>
{
    private readonly GradCore _core;

    internal VjpsFunction(string name, Func<T1, T2, TResult> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!), GradMode.Vjp, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the outputs and the VJP (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The outputs, and per argument the gradient of (outputs · cotangent) where the index is in argnums (default elsewhere).</returns>
    public (TResult Value, (T1? D1, T2? D2) Grads) Invoke(T1 arg1, T2 arg2, TResult cotangent)
    {
        var (value, grads) = ((object?, object?))_core.Invoke([arg1, arg2, cotangent])!;
        var g = (object?[])grads!;
        return ((TResult)value!, ((T1?)g[0], (T2?)g[1]));
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, TResult cotangent) => _core.Lower([arg1, arg2, cotangent]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, TResult cotangent) => _core.Lower([arg1, arg2, cotangent]).Residuals;
}

/// <summary>The gradient of a scalar loss with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class GradsFunction<T1, T2, T3>
{
    private readonly GradCore _core;

    internal GradsFunction(string name, Func<T1, T2, T3, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.Grad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>One entry per argument in argument order: the gradient (with the argument's structure, dtypes and shapes) where the argument's index is in argnums, default (null) elsewhere.</returns>
    public (T1? D1, T2? D2, T3? D3) Invoke(T1 arg1, T2 arg2, T3 arg3)
    {
        var g = (object?[])_core.Invoke([arg1, arg2, arg3])!;
        return ((T1?)g[0], (T2?)g[1], (T3?)g[2]);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3) => _core.Lower([arg1, arg2, arg3]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, T3 arg3) => _core.Lower([arg1, arg2, arg3]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class ValueAndGradsFunction<T1, T2, T3>
{
    private readonly GradCore _core;

    internal ValueAndGradsFunction(string name, Func<T1, T2, T3, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.ValueAndGrad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the loss and its gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The loss, and per argument its gradient where the index is in argnums (default elsewhere).</returns>
    public (Tensor Value, (T1? D1, T2? D2, T3? D3) Grads) Invoke(T1 arg1, T2 arg2, T3 arg3)
    {
        var (value, grads) = ((object?, object?))_core.Invoke([arg1, arg2, arg3])!;
        var g = (object?[])grads!;
        return ((Tensor)value!, ((T1?)g[0], (T2?)g[1], (T3?)g[2]));
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3) => _core.Lower([arg1, arg2, arg3]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, T3 arg3) => _core.Lower([arg1, arg2, arg3]).Residuals;
}

/// <summary>A function's outputs and its vector-Jacobian product with respect to the arguments chosen by argnums (cotangent in, one gradient per argument out), compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class VjpsFunction<T1, T2, T3, TResult>
{
    private readonly GradCore _core;

    internal VjpsFunction(string name, Func<T1, T2, T3, TResult> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.Vjp, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the outputs and the VJP (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The outputs, and per argument the gradient of (outputs · cotangent) where the index is in argnums (default elsewhere).</returns>
    public (TResult Value, (T1? D1, T2? D2, T3? D3) Grads) Invoke(T1 arg1, T2 arg2, T3 arg3, TResult cotangent)
    {
        var (value, grads) = ((object?, object?))_core.Invoke([arg1, arg2, arg3, cotangent])!;
        var g = (object?[])grads!;
        return ((TResult)value!, ((T1?)g[0], (T2?)g[1], (T3?)g[2]));
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, TResult cotangent) => _core.Lower([arg1, arg2, arg3, cotangent]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, T3 arg3, TResult cotangent) => _core.Lower([arg1, arg2, arg3, cotangent]).Residuals;
}

/// <summary>The gradient of a scalar loss with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class GradsFunction<T1, T2, T3, T4>
{
    private readonly GradCore _core;

    internal GradsFunction(string name, Func<T1, T2, T3, T4, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!), GradMode.Grad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>One entry per argument in argument order: the gradient (with the argument's structure, dtypes and shapes) where the argument's index is in argnums, default (null) elsewhere.</returns>
    public (T1? D1, T2? D2, T3? D3, T4? D4) Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4)
    {
        var g = (object?[])_core.Invoke([arg1, arg2, arg3, arg4])!;
        return ((T1?)g[0], (T2?)g[1], (T3?)g[2], (T4?)g[3]);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([arg1, arg2, arg3, arg4]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([arg1, arg2, arg3, arg4]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the arguments chosen by argnums, per argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="T1">Argument 1: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T2">Argument 2: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T3">Argument 3: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
/// <typeparam name="T4">Argument 4: a Tensor, Tensor[] or value tuple of them when its index is in argnums; otherwise data (a Tensor, a static C# primitive, or a tuple / array of these).</typeparam>
public sealed class ValueAndGradsFunction<T1, T2, T3, T4>
{
    private readonly GradCore _core;

    internal ValueAndGradsFunction(string name, Func<T1, T2, T3, T4, Tensor> fn, IReadOnlyList<int> argnums, GradOptions? options) =>
        _core = new GradCore(name, a => fn((T1)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!), GradMode.ValueAndGrad, options, argnums, ArgNums.NamesOf(fn));

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the loss and its gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The loss, and per argument its gradient where the index is in argnums (default elsewhere).</returns>
    public (Tensor Value, (T1? D1, T2? D2, T3? D3, T4? D4) Grads) Invoke(T1 arg1, T2 arg2, T3 arg3, T4 arg4)
    {
        var (value, grads) = ((object?, object?))_core.Invoke([arg1, arg2, arg3, arg4])!;
        var g = (object?[])grads!;
        return ((Tensor)value!, ((T1?)g[0], (T2?)g[1], (T3?)g[2], (T4?)g[3]));
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([arg1, arg2, arg3, arg4]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="arg1">Argument 1.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(T1 arg1, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([arg1, arg2, arg3, arg4]).Residuals;
}
