using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// <c>xs[i..(i + k)]</c> on a tensor, with a start the compiled code computes (a loop counter) and a constant length:
/// a window of <c>k</c> rows at a traced start, <c>TensorIndex.Window(i, k)</c>, checked on the interpreter like the
/// C# range it stands for.
/// </summary>
internal static class TracedWindow
{
    /// <summary>The window's start and length, or null when <paramref name="range"/> is not one.</summary>
    public static (ExpressionSyntax Start, int Length)? Match(LiftContext ctx, RangeExpressionSyntax range)
    {
        if (range.LeftOperand is not { } start || range.RightOperand is not { } endSyntax) return null;
        if (range.Parent is not ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax access } }) return null;
        if (!ctx.IsTensor(ctx.TypeOf(access.Expression)) || !TracedTypes.IsTraced(ctx, start)) return null;
        var first = Parens.Strip(start);
        var end = Parens.Strip(endSyntax);
        if (end is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.AddExpression))
        {
            if (SyntaxFactory.AreEquivalent(Parens.Strip(b.Left), first) && Length(ctx, b.Right) is { } k) return (start, k);
            if (SyntaxFactory.AreEquivalent(Parens.Strip(b.Right), first) && Length(ctx, b.Left) is { } k2) return (start, k2);
        }
        return null;
    }

    private static int? Length(LiftContext ctx, ExpressionSyntax e) =>
        ctx.Model.GetConstantValue(e) is { HasValue: true, Value: int k } && k >= 0 ? k : null;
}
