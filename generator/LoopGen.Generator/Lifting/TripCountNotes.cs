using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Notes on trip counts, for the analyzers (the generator lifts these loops as they are): which lifted loops run with
/// while semantics because their trip count is known only at run time, and which static parameters only set trip
/// counts (every new value of one traces and compiles again).
/// </summary>
internal static class TripCountNotes
{
    public static void Add(LiftContext ctx, IMethodSymbol symbol, SyntaxNode body)
    {
        foreach (var plan in ctx.Loops.Values.OrderBy(p => p.Statement.SpanStart))
        {
            if (Dynamic(ctx, plan) is { } why) ctx.Note(LiftCodes.DynamicTripCount, why.At, $"the trip count of this loop is only known at run time ({why.Reason}): it runs with while semantics, so it has no reverse-mode gradient and cannot collect outputs");
        }
        foreach (var p in symbol.Parameters)
        {
            if (OnlySetsTripCounts(ctx, p, body) is { } at)
            {
                ctx.Note(LiftCodes.RecompilesPerValue, at,
                    $"'{p.Name}' only sets trip counts, and as a static parameter every new value traces and compiles the method again; mark it [Dynamic] to compile once for all values (while semantics)");
            }
        }
    }

    private sealed record Why(SyntaxNode At, string Reason);

    private static Why? Dynamic(LiftContext ctx, LoopPlan plan)
    {
        switch (plan.Kind)
        {
            case LoopKind.While:
                return new Why(((WhileStatementSyntax)plan.Statement).Condition, "a while loop");
            case LoopKind.DoWhile:
                return new Why(((DoStatementSyntax)plan.Statement).Condition, "a do loop");
            case LoopKind.ForAsWhile:
                var f = (ForStatementSyntax)plan.Statement;
                if (plan.Fori is not null && plan.BreakFlag is not null)
                {
                    var exit = FirstExit(ctx, plan);
                    return new Why(exit, $"'{exit.GetFirstToken().Text}' at line {ctx.LineOf(exit.SpanStart)} may end it early");
                }
                return new Why((SyntaxNode?)f.Condition ?? f, "its counter is not moved by a constant step in the for header, or its bound changes in the loop");
            case LoopKind.ForeachAsWhile:
                var broke = FirstExit(ctx, plan);
                return new Why(broke, $"'{broke.GetFirstToken().Text}' at line {ctx.LineOf(broke.SpanStart)} may end it early");
            case LoopKind.Fori:
                var fori = plan.Fori!;
                foreach (var e in fori.Counters.Select(c => c.Init).Append(fori.Bound))
                {
                    if (DynamicPart(ctx, e) is { } reason) return new Why(e, reason);
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Why a bound is dynamic: it is a tensor, a [Dynamic] parameter, or a number the compiled code computes; null when static.</summary>
    private static string? DynamicPart(LiftContext ctx, ExpressionSyntax e)
    {
        if (ctx.IsTensor(ctx.TypeOf(e))) return $"'{e}' is a tensor";
        foreach (var id in e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (!ctx.MayBeTraced(id) || ctx.SymbolOf(id) is not { } s || !ctx.Traced.Contains(s) || StaticTupleFields.IsStaticRead(ctx, id)) continue;
            return s is IParameterSymbol ? $"'{s.Name}' is [Dynamic]" : $"'{s.Name}' is computed by the compiled code (a counter or carry of a loop)";
        }
        return null;
    }

    /// <summary>
    /// Where to note a static int/long parameter read only in the bounds of counted loops that collect nothing (a
    /// [Dynamic] bound would not break them); null otherwise.
    /// </summary>
    private static SyntaxNode? OnlySetsTripCounts(LiftContext ctx, IParameterSymbol p, SyntaxNode body)
    {
        if (p.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64) || ctx.Traced.Contains(p)) return null;
        var bounds = new List<ExpressionSyntax>();
        foreach (var plan in ctx.Loops.Values)
        {
            if (plan.Kind != LoopKind.Fori || plan.Outputs.Count > 0) continue;
            bounds.Add(plan.Fori!.Bound);
            bounds.AddRange(plan.Fori.Counters.Select(c => c.Init));
        }
        int uses = 0;
        foreach (var id in body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            // A reference to the parameter has its name: other names need no binding.
            if (id.Identifier.ValueText != p.Name || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(id), p)) continue;
            if (!bounds.Any(b => b.Span.Contains(id.Span))) return null;
            uses++;
        }
        return uses > 0 && p.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ctx.CancellationToken) is ParameterSyntax ps ? ps : null;
    }

    /// <summary>The first break of the loop, or the first return leaving it (an early return also ends it).</summary>
    private static StatementSyntax FirstExit(LiftContext ctx, LoopPlan plan) =>
        ctx.Exits.Where(e => e.Value == plan && e.Key is BreakStatementSyntax).Select(e => e.Key)
            .Concat(ctx.Returns.Where(r => r.Value.Contains(plan)).Select(r => (StatementSyntax)r.Key))
            .OrderBy(e => e.SpanStart).First();
}
