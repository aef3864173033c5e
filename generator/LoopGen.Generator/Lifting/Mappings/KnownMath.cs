using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Lifting.Mappings;

/// <summary>
/// <c>System.Math</c> / <c>System.MathF</c> functions with a tensor equivalent: on a number the compiled code computes
/// (a 0-d tensor there), <c>Math.Min(m + 1, 3)</c> becomes <c>Lifted.As&lt;int&gt;(Tensor.Minimum(m + 1, 3))</c> — the
/// C# result type kept, so <c>Math.Sign(x) / 2</c> still divides ints.
/// </summary>
internal static class KnownMath
{
    private static readonly Dictionary<(string Name, int Arity), string> Map = new()
    {
        [("Min", 2)] = "Minimum",
        [("Max", 2)] = "Maximum",
        [("Clamp", 3)] = "Clamp",
        [("Abs", 1)] = "Abs",
        [("Sign", 1)] = "Sign",
        [("Sqrt", 1)] = "Sqrt",
        [("Exp", 1)] = "Exp",
        [("Log", 1)] = "Log",
        [("Tanh", 1)] = "Tanh",
        [("Sin", 1)] = "Sin",
        [("Cos", 1)] = "Cos",
        [("Floor", 1)] = "Floor",
        [("Ceiling", 1)] = "Ceil",
    };

    /// <summary>The <c>Tensor</c> method standing for <paramref name="method"/>, or null.</summary>
    public static string? TensorMethod(IMethodSymbol? method)
    {
        if (method is null || !method.IsStatic) return null;
        var type = method.ContainingType?.ToDisplayString();
        if (type is not ("System.Math" or "System.MathF")) return null;
        return Map.TryGetValue((method.Name, method.Parameters.Length), out var name) ? name : null;
    }
}
