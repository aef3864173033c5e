using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A method returning <c>List&lt;Tensor&gt;</c> lifts when each of its returns is <c>return list;</c> of a list a loop
/// collects, after that loop: the twin returns the loop's stacked output and the entry turns its rows back into a list
/// (<see cref="Parsing.ListReturns"/>). Any other return of a list has no stacked output behind it.
/// </summary>
internal static class ListReturnChecks
{
    public static void Check(LiftContext ctx, SyntaxNode body)
    {
        if (ctx.Method.ExpressionBody is { } arrow)
        {
            ctx.Problem(LiftCodes.CollectedOutput, arrow.Expression, Message(arrow.Expression));
            return;
        }
        foreach (var r in LoopAnalysis.Walk(body).OfType<ReturnStatementSyntax>())
        {
            if (r.Expression is not { } e || Returned(ctx, e) is not { } list) { ctx.Problem(LiftCodes.CollectedOutput, r, Message(r.Expression)); continue; }
            if (!LoopsOf(ctx, list).All(l => r.SpanStart > l.Span.End))
            {
                ctx.Problem(LiftCodes.CollectedOutput, r, $"'{list.List.Name}' is returned inside the loop that collects it; return it after the loop");
            }
            else if (LoopsOf(ctx, list).Any(l => ctx.Sizes.ConcatLoops.Contains(l)))
            {
                ctx.Problem(LiftCodes.CollectedOutput, r, $"'{list.List.Name}' collects pieces whose sizes depend on the data, which the compiled loop joins as it goes; return Tensor.Concat({list.List.Name}, axis)");
            }
        }
    }

    /// <summary>Whether <paramref name="id"/> (a collected list) is what a return after all its loops returns.</summary>
    public static bool IsReturnedAfter(LiftContext ctx, IdentifierNameSyntax id, IReadOnlyList<StatementSyntax> loops) =>
        Parsing.ListReturns.IsTensorList((ctx.DeclaredOf(ctx.Method) as IMethodSymbol)?.ReturnType)
        && Parens.Outermost(id).Parent is ReturnStatementSyntax
        && loops.All(l => id.SpanStart > l.Span.End);

    private static CollectedList? Returned(LiftContext ctx, ExpressionSyntax e) =>
        Parens.Strip(e) is IdentifierNameSyntax id && ctx.SymbolOf(id) is { } s && ctx.Collected.TryGetValue(s, out var list) ? list : null;

    private static IEnumerable<StatementSyntax> LoopsOf(LiftContext ctx, CollectedList list) =>
        ctx.Collected.Values.Concat(ctx.MoreCollected).Where(c => SymbolEqualityComparer.Default.Equals(c.List, list.List)).Select(c => c.Loop);

    private static string Message(ExpressionSyntax? e) =>
        $"a method returning List<Tensor> compiles when it returns the list a loop fills with Add, after that loop (return list;); '{e?.ToString() ?? "return"}' is not such a list";
}
