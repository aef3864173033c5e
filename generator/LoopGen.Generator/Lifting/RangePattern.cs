using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// <c>foreach (var i in Enumerable.Range(start, count))</c> over ints: a counted loop, lifted like
/// <c>for (int i = start; i &lt; start + count; i++)</c> rather than unrolled at trace time; with <c>.Reverse()</c>
/// after it (a reverse scan), the same trip count visiting start + count - 1 down to start.
/// </summary>
internal sealed class RangePattern
{
    private RangePattern(ILocalSymbol variable, ExpressionSyntax start, ExpressionSyntax count, bool reversed)
    {
        Variable = variable;
        Start = start;
        Count = count;
        Reversed = reversed;
    }

    /// <summary>The loop variable.</summary>
    public ILocalSymbol Variable { get; }

    public ExpressionSyntax Start { get; }

    public ExpressionSyntax Count { get; }

    /// <summary><c>Enumerable.Range(start, count).Reverse()</c>: the k-th iteration visits start + count - 1 - k.</summary>
    public bool Reversed { get; }

    public static RangePattern? Match(ForEachStatementSyntax loop, SemanticModel model)
    {
        var source = Parens.Strip(loop.Expression);
        bool reversed = false;
        if (source is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Reverse" } reverse } outer
            && model.GetSymbolInfo(outer).Symbol is IMethodSymbol { Name: "Reverse" } r && r.ContainingType?.ToDisplayString() == "System.Linq.Enumerable")
        {
            source = Parens.Strip(reverse.Expression);
            reversed = true;
        }
        if (source is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } inv) return null;
        if (model.GetSymbolInfo(inv).Symbol is not IMethodSymbol { Name: "Range", IsStatic: true } m
            || m.ContainingType?.ToDisplayString() != "System.Linq.Enumerable") return null;
        if (model.GetDeclaredSymbol(loop) is not ILocalSymbol variable || variable.Type.SpecialType != SpecialType.System_Int32) return null;
        var args = inv.ArgumentList.Arguments;
        if (args[0].NameColon is not null || args[1].NameColon is not null) return null;
        return new RangePattern(variable, args[0].Expression, args[1].Expression, reversed);
    }
}
