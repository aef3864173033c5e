using System.Runtime.CompilerServices;

namespace LoopGen.Compilation;

/// <summary>
/// The compiled method whose inlined call produced a traced tensor. A compiled method called inside another trace
/// (Jit.Grad, Jit.Compile, a compiled caller) is traced inline, so its results are traced tensors; its entry then
/// reads a C# number result back (<c>Item&lt;int&gt;()</c>), which a trace cannot do. This table lets that error name
/// the method. Only results of inlined calls are recorded, and weakly: nothing is kept once the tensor is gone.
/// </summary>
internal static class InlinedResults
{
    private static readonly ConditionalWeakTable<Tensor, string> Methods = new();

    /// <summary>Records <paramref name="method"/> for each traced tensor of <paramref name="result"/> not recorded yet; returns the result.</summary>
    public static object? Mark(object? result, string method)
    {
        switch (result)
        {
            case Tensor t when t.IsTraced:
                Methods.TryAdd(t, method);
                break;
            case Tensor[] array:
                foreach (var t in array) Mark(t, method);
                break;
            case ITuple tuple:
                for (int i = 0; i < tuple.Length; i++) Mark(tuple[i], method);
                break;
        }
        return result;
    }

    /// <summary>The compiled method whose inlined call returned <paramref name="tensor"/>, or null.</summary>
    public static string? MethodOf(Tensor tensor) => Methods.TryGetValue(tensor, out var m) ? m : null;
}
