using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>Extra parentheses change nothing in C#, so the analysis looks through them: <c>(i) &lt; n</c> is <c>i &lt; n</c>.</summary>
internal static class Parens
{
    /// <summary>The expression inside any number of parentheses.</summary>
    public static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }

    /// <summary>The outermost parenthesized expression around <paramref name="node"/> (the node itself when there is none).</summary>
    public static SyntaxNode Outermost(SyntaxNode node)
    {
        while (node.Parent is ParenthesizedExpressionSyntax p) node = p;
        return node;
    }
}
