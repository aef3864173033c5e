using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A collected list declared before an <c>if</c> on a static value, filled by a loop in a branch (or one per branch):
/// <c>var ys = new List&lt;Tensor&gt;(); if (reverse) { for … ys.Add(y); } else { for … ys.Add(y); }</c>. The stacked
/// output is declared where the list is, each loop's scan assigns it, and stacking a list no loop filled fails as
/// <c>Tensor.Stack</c> of an empty list does.
/// </summary>
internal static class HoistedCollections
{
    /// <summary>The declaration is in the loop's block, or in a block around ifs (and their blocks) holding the loop.</summary>
    public static bool DeclaredAround(LocalDeclarationStatementSyntax declaration, StatementSyntax loop)
    {
        if (declaration.Parent == loop.Parent) return true;
        if (declaration.SpanStart > loop.SpanStart) return false;
        for (SyntaxNode? n = loop.Parent; n is not null; n = n.Parent)
        {
            if (n is BlockSyntax && n == declaration.Parent) return true;
            if (n is not (BlockSyntax or IfStatementSyntax or ElseClauseSyntax)) return false;
        }
        return false;
    }

    /// <summary>One loop in an if's statement, the other in its else: never both run.</summary>
    private static bool Exclusive(StatementSyntax a, StatementSyntax b) =>
        a.Ancestors().OfType<IfStatementSyntax>().Any(i => i.Else is { } e
            && (i.Statement.Span.Contains(a.Span) && e.Span.Contains(b.Span) || e.Span.Contains(a.Span) && i.Statement.Span.Contains(b.Span)));

    /// <summary>Declared outside the loop's own block.</summary>
    public static bool IsHoisted(CollectedList list) => list.Declaration.Parent != list.Loop.Parent;

    /// <summary>Why a hoisted list cannot be collected (an if between it and its loop is on a traced value), or null.</summary>
    public static string? WhyNot(LiftContext ctx, CollectedList list)
    {
        foreach (var other in ctx.Collected.Values.Concat(ctx.MoreCollected))
        {
            // Two loops filling one list must be in the two branches of an if: one after the other would append rows.
            if (other != list && SymbolEqualityComparer.Default.Equals(other.List, list.List) && !Exclusive(list.Loop, other.Loop))
            {
                return $"the list '{list.List.Name}' is also filled by the loop at line {ctx.LineOf(other.Loop.SpanStart)}; collect each loop's outputs in a list of its own (or fill one list in the two branches of an if)";
            }
        }
        if (!IsHoisted(list)) return null;
        for (SyntaxNode? n = list.Loop.Parent; n is not null && n != list.Declaration.Parent; n = n.Parent)
        {
            if (n is IfStatementSyntax i && ctx.Conds.ContainsKey(i))
            {
                return $"the list '{list.List.Name}' is filled under an if on a traced condition (line {ctx.LineOf(i.SpanStart)}); collect outside it, or make the condition a C# value";
            }
        }
        return null;
    }
}
