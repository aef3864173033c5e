namespace LoopGen;

public static partial class Jit
{
    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// Traced once per signature, differentiated as a transform of the module (rolled loops stay rolled), compiled and cached.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradsFunction<T1, T2> Grad<T1, T2>(Func<T1, T2, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.value_and_grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradsFunction<T1, T2> ValueAndGrad<T1, T2>(Func<T1, T2, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// <paramref name="fn"/>'s outputs and its vector-Jacobian product with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.vjp</c> over several primals): the cotangent is the last argument of <c>Invoke</c>; one gradient per
    /// argument comes back, in argument order, default (null) for the others.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static VjpsFunction<T1, T2, TResult> Vjp<T1, T2, TResult>(Func<T1, T2, TResult> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// Traced once per signature, differentiated as a transform of the module (rolled loops stay rolled), compiled and cached.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T3">Argument 3: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradsFunction<T1, T2, T3> Grad<T1, T2, T3>(Func<T1, T2, T3, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.value_and_grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T3">Argument 3: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradsFunction<T1, T2, T3> ValueAndGrad<T1, T2, T3>(Func<T1, T2, T3, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// <paramref name="fn"/>'s outputs and its vector-Jacobian product with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.vjp</c> over several primals): the cotangent is the last argument of <c>Invoke</c>; one gradient per
    /// argument comes back, in argument order, default (null) for the others.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T3">Argument 3: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="TResult">The outputs: a Tensor, Tensor[] or value tuple of them.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static VjpsFunction<T1, T2, T3, TResult> Vjp<T1, T2, T3, TResult>(Func<T1, T2, T3, TResult> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// The gradient of <paramref name="fn"/>, a scalar loss, with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// Traced once per signature, differentiated as a transform of the module (rolled loops stay rolled), compiled and cached.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T3">Argument 3: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T4">Argument 4: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static GradsFunction<T1, T2, T3, T4> Grad<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

    /// <summary>
    /// <paramref name="fn"/>, a scalar loss, and its gradient with respect to the arguments <paramref name="argnums"/>
    /// (JAX's <c>jax.value_and_grad(f, argnums=…)</c>): one gradient per argument, in argument order, default (null) for the others.
    /// </summary>
    /// <typeparam name="T1">Argument 1: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T2">Argument 2: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T3">Argument 3: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <typeparam name="T4">Argument 4: differentiable (a Tensor, Tensor[] or value tuple of them) when its index is in <paramref name="argnums"/>; otherwise data.</typeparam>
    /// <param name="fn">The function, written with tensor operations, <see cref="Loop"/> or <c>[Compile]</c> methods.</param>
    /// <param name="argnums">The 0-based indices of the arguments to differentiate (JAX's <c>argnums</c>), in any order; each must hold only float tensors.</param>
    /// <param name="options">How loops are differentiated (checkpointing, trip-count bound); null for the defaults.</param>
    /// <param name="name">The module's name; by default the method's name.</param>
    /// <returns>The gradient function.</returns>
    public static ValueAndGradsFunction<T1, T2, T3, T4> ValueAndGrad<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Tensor> fn, int[] argnums, GradOptions? options = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(fn);
        return new(name ?? NameOf(fn), fn, argnums, options);
    }

}
