namespace LoopGen;

public static partial class Jit
{
    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to its first argument (JAX's <c>jax.grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradFunction<TParams> Grad<TParams>(Func<TParams, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to its first argument (JAX's <c>jax.grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradFunction<TParams, T2> Grad<TParams, T2>(Func<TParams, T2, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to its first argument (JAX's <c>jax.grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradFunction<TParams, T2, T3> Grad<TParams, T2, T3>(Func<TParams, T2, T3, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to its first argument (JAX's <c>jax.grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T4">Argument 4: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradFunction<TParams, T2, T3, T4> Grad<TParams, T2, T3, T4>(Func<TParams, T2, T3, T4, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to its first argument (JAX's <c>jax.value_and_grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradFunction<TParams> ValueAndGrad<TParams>(Func<TParams, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to its first argument (JAX's <c>jax.value_and_grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradFunction<TParams, T2> ValueAndGrad<TParams, T2>(Func<TParams, T2, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to its first argument (JAX's <c>jax.value_and_grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradFunction<TParams, T2, T3> ValueAndGrad<TParams, T2, T3>(Func<TParams, T2, T3, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to its first argument (JAX's <c>jax.value_and_grad</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T4">Argument 4: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradFunction<TParams, T2, T3, T4> ValueAndGrad<TParams, T2, T3, T4>(Func<TParams, T2, T3, T4, Tensor> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>'s outputs and their vector-Jacobian product with respect to its first argument (JAX's <c>jax.vjp</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static VjpFunction<TParams, TResult> Vjp<TParams, TResult>(Func<TParams, TResult> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>'s outputs and their vector-Jacobian product with respect to its first argument (JAX's <c>jax.vjp</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static VjpFunction<TParams, T2, TResult> Vjp<TParams, T2, TResult>(Func<TParams, T2, TResult> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }

    /// <summary>
    /// <paramref name="fn"/>'s outputs and their vector-Jacobian product with respect to its first argument (JAX's <c>jax.vjp</c>): traced once per signature into StableHLO, differentiated as a transform of that module (rolled loops
    /// stay rolled), compiled and cached. Put every trainable tensor in the first argument (a tuple or array of tensors).
    /// </summary>
    /// <typeparam name="TParams">The differentiated argument: a Tensor, Tensor[] or value tuple of them (the trainable parameters).</typeparam>
    /// <typeparam name="T2">Argument 2: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="T3">Argument 3: data (a Tensor, a static C# primitive, or a value tuple / Tensor[] of these); no gradient.</typeparam>
    /// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static VjpFunction<TParams, T2, T3, TResult> Vjp<TParams, T2, T3, TResult>(Func<TParams, T2, T3, TResult> fn, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, options);
    }
}
