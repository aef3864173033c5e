using LoopGen.Compilation;

namespace LoopGen.Autodiff;

/// <summary>Checks for the <c>argnums</c> of a gradient (which arguments are differentiated).</summary>
internal static class ArgNums
{
    /// <summary>The argument indices, sorted; an empty, repeated or out-of-range index is an <see cref="ArgumentException"/>.</summary>
    public static int[] Check(string name, IReadOnlyList<int> argnums, int arity)
    {
        ArgumentNullException.ThrowIfNull(argnums);
        if (argnums.Count == 0) throw new ArgumentException($"{name}: argnums is empty; give the indices of the arguments to differentiate", nameof(argnums));
        foreach (int a in argnums)
        {
            if (a < 0 || a >= arity)
            {
                throw new ArgumentException($"{name}: argnums contains {a}, but the function has {arity} arguments (indices 0 to {arity - 1})", nameof(argnums));
            }
        }
        var sorted = argnums.Order().ToArray();
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1]) throw new ArgumentException($"{name}: argnums contains {sorted[i]} twice", nameof(argnums));
        }
        return sorted;
    }

    /// <summary>A leaf of a differentiated argument must be a float tensor; anything else is an error naming the argument.</summary>
    public static void CheckLeaf(string name, int argnum, string? parameter, string root, string path, Tensor? tensor, object? value)
    {
        string which = parameter is null ? $"argument {argnum}" : $"argument {argnum} ('{parameter}')";
        string part = path == root ? "it" : $"its element {path}";
        if (tensor is null)
        {
            throw new GradientException(
                $"{name}: {which} is in argnums, but {part} is a static {value?.GetType().Name ?? "null"} value, which has no gradient; "
                + "pass it as a float tensor to differentiate it, or leave it out of argnums");
        }
        if (!tensor.DType.IsFloat())
        {
            throw new GradientException(
                $"{name}: {which} is in argnums, but {part} is a {tensor.Type} tensor; only float tensors (f16, f32, f64) have gradients. "
                + "Convert it (x.Cast(DType.F64)) or leave it out of argnums");
        }
    }

    /// <summary>The parameter names of <paramref name="fn"/>'s method, for messages.</summary>
    public static string?[] NamesOf(Delegate fn) => [.. fn.Method.GetParameters().Select(p => p.Name)];
}
