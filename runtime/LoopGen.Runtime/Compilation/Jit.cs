namespace LoopGen;

/// <summary>
/// Compiles C# functions over tensors, like JAX's <c>jax.jit</c>: the first call with a signature traces the
/// function into one StableHLO module (loops written with <see cref="Loop"/> stay rolled), compiles it on the
/// current backend and caches it; later calls with the same signature run the cached executable. Tensor arguments
/// are dynamic (their dtype and shape are the key); primitive arguments are static (their value is the key).
/// </summary>
public static partial class Jit
{
    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<TResult> Compile<TResult>(Func<TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, TResult> Compile<T1, TResult>(Func<T1, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, TResult> Compile<T1, T2, TResult>(Func<T1, T2, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, TResult> Compile<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T4">Argument 4: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, T4, TResult> Compile<T1, T2, T3, T4, TResult>(Func<T1, T2, T3, T4, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T4">Argument 4: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T5">Argument 5: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, T4, T5, TResult> Compile<T1, T2, T3, T4, T5, TResult>(Func<T1, T2, T3, T4, T5, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T4">Argument 4: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T5">Argument 5: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T6">Argument 6: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, T4, T5, T6, TResult> Compile<T1, T2, T3, T4, T5, T6, TResult>(Func<T1, T2, T3, T4, T5, T6, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T4">Argument 4: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T5">Argument 5: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T6">Argument 6: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T7">Argument 7: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, T4, T5, T6, T7, TResult> Compile<T1, T2, T3, T4, T5, T6, T7, TResult>(Func<T1, T2, T3, T4, T5, T6, T7, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }

    /// <summary>Compiles <paramref name="fn"/>: traced once per signature (tensor dtypes/shapes and static values), cached, run on the current backend.</summary>
    /// <typeparam name="T1">Argument 1: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T2">Argument 2: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T3">Argument 3: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T4">Argument 4: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T5">Argument 5: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T6">Argument 6: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T7">Argument 7: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="T8">Argument 8: see <see cref="CompiledFunction{T1, TResult}"/>.</typeparam>
    /// <typeparam name="TResult">A Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function; it must use tensor operations only on its tensors (no reading values).</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The compiled function.</returns>
    public static CompiledFunction<T1, T2, T3, T4, T5, T6, T7, T8, TResult> Compile<T1, T2, T3, T4, T5, T6, T7, T8, TResult>(Func<T1, T2, T3, T4, T5, T6, T7, T8, TResult> fn, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn);
    }
    private static string NameOf(Delegate fn)
    {
        // Lambdas compile to names like "<Main>b__0_0"; keep the readable part.
        var name = fn.Method.Name;
        int open = name.IndexOf('<', StringComparison.Ordinal), close = name.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open + 1 ? name[(open + 1)..close] + "_lambda" : name;
    }
}
