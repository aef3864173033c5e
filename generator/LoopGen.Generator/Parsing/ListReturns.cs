using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// A <c>[Compile]</c> method returning <c>List&lt;Tensor&gt;</c>, the list a loop collects (a scan's per-step outputs,
/// kept as a list): the twin returns the loop's stacked output, <c>[n, …row]</c>, and the entry hands back its rows as a
/// new list, so the caller gets what the plain method gives (the same count, the same elements; none for zero trips).
/// </summary>
internal static class ListReturns
{
    /// <summary>How the entry turns the twin's stacked output into the list (null: a hoisted list no loop filled, an empty list as eagerly).</summary>
    public const string Conversion = "global::LoopGen.Lifted.Rows(__r)";

    /// <summary>Whether <paramref name="type"/> is <c>System.Collections.Generic.List&lt;LoopGen.Tensor&gt;</c>.</summary>
    public static bool IsTensorList(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "List", Arity: 1 } list
        && list.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
        && TypeSupport.IsTensor(list.TypeArguments[0]);
}
