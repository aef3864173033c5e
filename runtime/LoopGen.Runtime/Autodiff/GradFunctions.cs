using LoopGen.Autodiff;

namespace LoopGen;

/// <summary>The gradient of a scalar loss with respect to its first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
public sealed class GradFunction<TParams>
{
    private readonly GradCore _core;

    internal GradFunction(string name, Func<TParams, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!), GradMode.Grad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>The gradient, with the structure, dtypes and shapes of <paramref name="parameters"/>.</returns>
    public TParams Invoke(TParams parameters) => (TParams)_core.Invoke([parameters])!;

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters) => _core.Lower([parameters]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters) => _core.Lower([parameters]).Residuals;
}

/// <summary>The gradient of a scalar loss with respect to its first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class GradFunction<TParams, T2>
{
    private readonly GradCore _core;

    internal GradFunction(string name, Func<TParams, T2, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!), GradMode.Grad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The gradient, with the structure, dtypes and shapes of <paramref name="parameters"/>.</returns>
    public TParams Invoke(TParams parameters, T2 arg2) => (TParams)_core.Invoke([parameters, arg2])!;

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2) => _core.Lower([parameters, arg2]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2) => _core.Lower([parameters, arg2]).Residuals;
}

/// <summary>The gradient of a scalar loss with respect to its first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class GradFunction<TParams, T2, T3>
{
    private readonly GradCore _core;

    internal GradFunction(string name, Func<TParams, T2, T3, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.Grad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The gradient, with the structure, dtypes and shapes of <paramref name="parameters"/>.</returns>
    public TParams Invoke(TParams parameters, T2 arg2, T3 arg3) => (TParams)_core.Invoke([parameters, arg2, arg3])!;

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, T3 arg3) => _core.Lower([parameters, arg2, arg3]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, T3 arg3) => _core.Lower([parameters, arg2, arg3]).Residuals;
}

/// <summary>The gradient of a scalar loss with respect to its first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T4">Argument 4: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class GradFunction<TParams, T2, T3, T4>
{
    private readonly GradCore _core;

    internal GradFunction(string name, Func<TParams, T2, T3, T4, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!), GradMode.Grad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The gradient, with the structure, dtypes and shapes of <paramref name="parameters"/>.</returns>
    public TParams Invoke(TParams parameters, T2 arg2, T3 arg3, T4 arg4) => (TParams)_core.Invoke([parameters, arg2, arg3, arg4])!;

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([parameters, arg2, arg3, arg4]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([parameters, arg2, arg3, arg4]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
public sealed class ValueAndGradFunction<TParams>
{
    private readonly GradCore _core;

    internal ValueAndGradFunction(string name, Func<TParams, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!), GradMode.ValueAndGrad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>The loss and the gradient (the structure of <paramref name="parameters"/>).</returns>
    public (Tensor Value, TParams Grad) Invoke(TParams parameters)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters])!;
        return ((Tensor)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters) => _core.Lower([parameters]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters) => _core.Lower([parameters]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class ValueAndGradFunction<TParams, T2>
{
    private readonly GradCore _core;

    internal ValueAndGradFunction(string name, Func<TParams, T2, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!), GradMode.ValueAndGrad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The loss and the gradient (the structure of <paramref name="parameters"/>).</returns>
    public (Tensor Value, TParams Grad) Invoke(TParams parameters, T2 arg2)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, arg2])!;
        return ((Tensor)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2) => _core.Lower([parameters, arg2]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2) => _core.Lower([parameters, arg2]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class ValueAndGradFunction<TParams, T2, T3>
{
    private readonly GradCore _core;

    internal ValueAndGradFunction(string name, Func<TParams, T2, T3, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.ValueAndGrad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The loss and the gradient (the structure of <paramref name="parameters"/>).</returns>
    public (Tensor Value, TParams Grad) Invoke(TParams parameters, T2 arg2, T3 arg3)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, arg2, arg3])!;
        return ((Tensor)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, T3 arg3) => _core.Lower([parameters, arg2, arg3]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, T3 arg3) => _core.Lower([parameters, arg2, arg3]).Residuals;
}

/// <summary>A scalar loss and its gradient with respect to the first argument, compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T4">Argument 4: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
public sealed class ValueAndGradFunction<TParams, T2, T3, T4>
{
    private readonly GradCore _core;

    internal ValueAndGradFunction(string name, Func<TParams, T2, T3, T4, Tensor> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!, (T3)a[2]!, (T4)a[3]!), GradMode.ValueAndGrad, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The loss and the gradient (the structure of <paramref name="parameters"/>).</returns>
    public (Tensor Value, TParams Grad) Invoke(TParams parameters, T2 arg2, T3 arg3, T4 arg4)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, arg2, arg3, arg4])!;
        return ((Tensor)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([parameters, arg2, arg3, arg4]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="arg4">Argument 4.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, T3 arg3, T4 arg4) => _core.Lower([parameters, arg2, arg3, arg4]).Residuals;
}

/// <summary>A function's outputs and its vector-Jacobian product (cotangent in, gradient of the first argument out), compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class VjpFunction<TParams, TResult>
{
    private readonly GradCore _core;

    internal VjpFunction(string name, Func<TParams, TResult> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!), GradMode.Vjp, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The outputs and the gradient of (outputs · cotangent) with respect to <paramref name="parameters"/>.</returns>
    public (TResult Value, TParams Grad) Invoke(TParams parameters, TResult cotangent)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, cotangent])!;
        return ((TResult)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, TResult cotangent) => _core.Lower([parameters, cotangent]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, TResult cotangent) => _core.Lower([parameters, cotangent]).Residuals;
}

/// <summary>A function's outputs and its vector-Jacobian product (cotangent in, gradient of the first argument out), compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class VjpFunction<TParams, T2, TResult>
{
    private readonly GradCore _core;

    internal VjpFunction(string name, Func<TParams, T2, TResult> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!), GradMode.Vjp, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The outputs and the gradient of (outputs · cotangent) with respect to <paramref name="parameters"/>.</returns>
    public (TResult Value, TParams Grad) Invoke(TParams parameters, T2 arg2, TResult cotangent)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, arg2, cotangent])!;
        return ((TResult)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, TResult cotangent) => _core.Lower([parameters, arg2, cotangent]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, TResult cotangent) => _core.Lower([parameters, arg2, cotangent]).Residuals;
}

/// <summary>A function's outputs and its vector-Jacobian product (cotangent in, gradient of the first argument out), compiled per signature; see <see cref="Jit"/>.</summary>
/// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
/// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
/// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
public sealed class VjpFunction<TParams, T2, T3, TResult>
{
    private readonly GradCore _core;

    internal VjpFunction(string name, Func<TParams, T2, T3, TResult> fn, GradOptions? options) =>
        _core = new GradCore(name, a => fn((TParams)a[0]!, (T2)a[1]!, (T3)a[2]!), GradMode.Vjp, options);

    /// <summary>The name used for the module and in messages.</summary>
    public string Name => _core.Name;

    /// <summary>Number of signatures compiled so far.</summary>
    public int CacheCount => _core.CacheCount;

    internal int TraceCount => _core.TraceCount;

    /// <summary>Runs the gradient (tracing, differentiating and compiling on the first call with this signature). Inside another trace it is emitted inline.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The outputs and the gradient of (outputs · cotangent) with respect to <paramref name="parameters"/>.</returns>
    public (TResult Value, TParams Grad) Invoke(TParams parameters, T2 arg2, T3 arg3, TResult cotangent)
    {
        var (value, grad) = ((object?, object?))_core.Invoke([parameters, arg2, arg3, cotangent])!;
        return ((TResult)value!, (TParams)grad!);
    }

    /// <summary>Traces and differentiates for these arguments' signature without compiling or running: the gradient module.</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>The lowered gradient module and its statistics.</returns>
    public Lowered Lower(TParams parameters, T2 arg2, T3 arg3, TResult cotangent) => _core.Lower([parameters, arg2, arg3, cotangent]).Lowered;

    /// <summary>The residual buffers the gradient module allocates for its loops, per loop (as <see cref="Lower"/> traces it).</summary>
    /// <param name="parameters">The differentiated argument.</param>
    /// <param name="arg2">Argument 2.</param>
    /// <param name="arg3">Argument 3.</param>
    /// <param name="cotangent">One cotangent per output, with the outputs' structure, dtypes and shapes.</param>
    /// <returns>One entry per differentiated loop.</returns>
    public IReadOnlyList<ResidualStats> Residuals(TParams parameters, T2 arg2, T3 arg3, TResult cotangent) => _core.Lower([parameters, arg2, arg3, cotangent]).Residuals;
}
