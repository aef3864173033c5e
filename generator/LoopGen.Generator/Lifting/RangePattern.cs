using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// <c>foreach (var i in Enumerable.Range(start, count))</c> over ints: a counted loop, lifted like
/// <c>for (int i = start; i &lt; start + count; i++)</c> rather than unrolled at trace time.
/// </summary>
internal sealed class RangePattern
{
    private RangePattern(ILocalSymbol variable, ExpressionSyntax start, ExpressionSyntax count)
    {
        Variable = variable;
        Start = start;
        Count = count;
    }

    /// <summary>The loop variable.</summary>
    public ILocalSymbol Variable { get; }

    public ExpressionSyntax Start { get; }

    public ExpressionSyntax Count { get; }

    public static RangePattern? Match(ForEachStatementSyntax loop, SemanticModel model)
    {
        if (Parens.Strip(loop.Expression) is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } inv) return null;
        if (model.GetSymbolInfo(inv).Symbol is not IMethodSymbol { Name: "Range", IsStatic: true } m
            || m.ContainingType?.ToDisplayString() != "System.Linq.Enumerable") return null;
        if (model.GetDeclaredSymbol(loop) is not ILocalSymbol variable || variable.Type.SpecialType != SpecialType.System_Int32) return null;
        var args = inv.ArgumentList.Arguments;
        if (args[0].NameColon is not null || args[1].NameColon is not null) return null;
        return new RangePattern(variable, args[0].Expression, args[1].Expression);
    }
}
