using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A carry keeps its shape and dtype across iterations (a <c>stablehlo.while</c> has one type per carried value).
/// These checks report what the syntax shows for certain: a carry concatenated, stacked or padded onto itself, given
/// a dimension, or reshaped by the counter (its shape changes every iteration), and a carry cast to a dtype other than
/// the one its declaration gives it. Anything less certain is left to the run-time check, which names both types:
/// a false report here would refuse a loop that runs.
/// </summary>
internal static class CarryChecks
{
    public static void Check(LiftContext ctx, SyntaxNode body)
    {
        foreach (var a in LoopAnalysis.Walk(body).OfType<AssignmentExpressionSyntax>())
        {
            if (!a.IsKind(SyntaxKind.SimpleAssignmentExpression) || a.Left is not IdentifierNameSyntax) continue;
            if (LoopAnalysis.EnclosingLoop(a, body) is not { } loop || !ctx.Loops.TryGetValue(loop, out var plan)) continue;
            if (ctx.SymbolOf(a.Left) is not { } carry || !plan.Carries.Contains(carry, SymbolEqualityComparer.Default)) continue;
            if (!ctx.IsTensor(LoopAnalysis.TypeOf(carry))) continue;
            ctx.CancellationToken.ThrowIfCancellationRequested();
            if (ShapeChange(ctx, plan, carry, a.Right) is { } how)
            {
                ctx.Problem(LiftCodes.CarryShape, a,
                    $"'{carry.Name}' changes shape every iteration ({how}); a carry keeps one shape across iterations. "
                    + $"Collect the pieces in a List<Tensor> with Add in the loop and Concat or Stack them after it (linear, where growing '{carry.Name}' is quadratic)");
            }
            else if (DTypeChange(ctx, plan, carry, a) is { } change)
            {
                ctx.Problem(LiftCodes.CarryDType, a,
                    $"'{carry.Name}' starts as {change.From} (line {change.Line}) but is assigned a {change.To} tensor here; a carry keeps one dtype across iterations. "
                    + $"Declare '{carry.Name}' as {change.To} before the loop, or cast the new value back to {change.From}");
            }
        }
    }

    /// <summary>How <paramref name="value"/> changes the carry's shape, or null when the syntax does not show that it does.</summary>
    private static string? ShapeChange(LiftContext ctx, LoopPlan plan, ISymbol carry, ExpressionSyntax value)
    {
        value = Strip(value);
        if (value is not InvocationExpressionSyntax inv || ctx.SymbolOf(inv) is not IMethodSymbol m || !ctx.IsTensor(m.ContainingType)) return null;
        var args = inv.ArgumentList.Arguments;
        var receiver = inv.Expression is MemberAccessExpressionSyntax ma && !m.IsStatic ? Strip(ma.Expression) : null;
        bool onCarry = receiver is not null && Is(ctx, receiver, carry);
        switch (m.Name)
        {
            case "Concat" or "Stack" when m.IsStatic && args.Count > 0 && Pieces(args[0].Expression).Any(p => Is(ctx, p, carry)):
                return m.Name == "Concat" ? $"it is concatenated onto itself: it grows along the axis every iteration" : "it is stacked with other values: its rank grows every iteration";
            case "Pad" when onCarry && args.Count >= 2 && !(AllZero(args[0].Expression) && AllZero(args[1].Expression)):
                return "it is padded every iteration: it grows by the padding each time";
            case "ExpandDims" when onCarry:
                return "it gains a dimension every iteration";
            case "Reshape" or "BroadcastTo" when args.Any(arg => ReadsCounter(ctx, plan, arg.Expression)):
                return $"it is given a shape that depends on the loop's counter in '{inv}'";
            default:
                return null;
        }
    }

    /// <summary>The elements of a collection expression or array creation; the expression itself otherwise.</summary>
    private static IEnumerable<ExpressionSyntax> Pieces(ExpressionSyntax list) => Strip(list) switch
    {
        CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(e => Strip(e.Expression)),
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.Select(Strip),
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions.Select(Strip),
        _ => Enumerable.Empty<ExpressionSyntax>(),
    };

    /// <summary>True for <c>0</c>, <c>[0, 0]</c>, <c>new[] { 0 }</c>: a padding of nothing.</summary>
    private static bool AllZero(ExpressionSyntax e)
    {
        var pieces = Pieces(e).ToList();
        if (pieces.Count == 0) pieces.Add(Strip(e));
        return pieces.All(p => p is LiteralExpressionSyntax { Token.Value: 0 });
    }

    /// <summary>Whether <paramref name="e"/> reads a counter of the loop (or a value the loop carries): its value differs per iteration.</summary>
    private static bool ReadsCounter(LiftContext ctx, LoopPlan plan, ExpressionSyntax e)
    {
        var counters = new HashSet<ISymbol>(plan.Carries.Where(c => LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(c))), SymbolEqualityComparer.Default);
        if (plan.Fori is { } fori) counters.UnionWith(fori.Counters.Select(c => (ISymbol)c.Symbol));
        return e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => ctx.SymbolOf(id) is { } s && counters.Contains(s));
    }

    private sealed record DTypeChangeInfo(string From, string To, int Line);

    /// <summary>
    /// <c>carry = ….Cast(DType.X)</c> (or <c>Cast&lt;T&gt;()</c>) when the carry's declaration gives it another dtype
    /// (<c>Tensor.Zeros(DType.Y, …)</c>, <c>Ones</c>, <c>Full</c>, a <c>Cast</c>), nothing else writes it before the loop,
    /// and nothing writes it after this assignment in the loop (which could cast it back).
    /// </summary>
    private static DTypeChangeInfo? DTypeChange(LiftContext ctx, LoopPlan plan, ISymbol carry, AssignmentExpressionSyntax assignment)
    {
        if (CastTo(ctx, Strip(assignment.Right)) is not { } to) return null;
        if (carry is not ILocalSymbol local) return null;
        var declarator = local.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ctx.CancellationToken)).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        if (declarator?.Initializer is not { } init || DeclaredDType(ctx, Strip(init.Value)) is not { } from || from == to) return null;
        var loop = plan.Statement;
        foreach (var other in ctx.Method.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (other == assignment || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(other.Left), carry)) continue;
            bool beforeLoop = other.SpanStart > declarator.SpanStart && other.SpanStart < loop.SpanStart;
            bool laterInLoop = loop.Span.Contains(other.Span) && other.SpanStart > assignment.SpanStart;
            if (beforeLoop || laterInLoop) return null;
        }
        return new DTypeChangeInfo(from, to, ctx.LineOf(declarator.SpanStart));
    }

    /// <summary>The dtype a <c>Cast</c> call converts to, by name (<c>F64</c>), or null.</summary>
    private static string? CastTo(LiftContext ctx, ExpressionSyntax e)
    {
        if (e is not InvocationExpressionSyntax inv || ctx.SymbolOf(inv) is not IMethodSymbol { Name: "Cast" } m || !ctx.IsTensor(m.ContainingType)) return null;
        if (m.TypeArguments.Length == 1) return DTypeOf(m.TypeArguments[0]);
        return inv.ArgumentList.Arguments.Count == 1 ? DTypeConstant(ctx, inv.ArgumentList.Arguments[0].Expression) : null;
    }

    /// <summary>The dtype a creating expression gives its result: a <c>DType.X</c> argument of Zeros/Ones/Full, or their <c>&lt;T&gt;</c> forms, or a Cast.</summary>
    private static string? DeclaredDType(LiftContext ctx, ExpressionSyntax e)
    {
        if (CastTo(ctx, e) is { } cast) return cast;
        if (e is not InvocationExpressionSyntax inv || ctx.SymbolOf(inv) is not IMethodSymbol { IsStatic: true } m || !ctx.IsTensor(m.ContainingType)) return null;
        if (m.Name is not ("Zeros" or "Ones" or "Full")) return null;
        if (m.TypeArguments.Length == 1) return DTypeOf(m.TypeArguments[0]);
        var dtypes = inv.ArgumentList.Arguments.Select(a => DTypeConstant(ctx, a.Expression)).Where(d => d is not null).ToList();
        return dtypes.Count == 1 ? dtypes[0] : null;
    }

    private static string? DTypeConstant(LiftContext ctx, ExpressionSyntax e) =>
        ctx.SymbolOf(e) is IFieldSymbol { ContainingType: { Name: "DType", TypeKind: TypeKind.Enum } type } f
        && type.ContainingNamespace?.ToDisplayString() == "LoopGen" ? f.Name : null;

    /// <summary>The dtype of a C# element type, as <c>DTypes.Of&lt;T&gt;</c> maps it.</summary>
    private static string? DTypeOf(ITypeSymbol t) => t.SpecialType switch
    {
        SpecialType.System_Boolean => "Pred",
        SpecialType.System_Int32 => "S32",
        SpecialType.System_Int64 => "S64",
        SpecialType.System_Single => "F32",
        SpecialType.System_Double => "F64",
        _ => null,
    };

    private static bool Is(LiftContext ctx, ExpressionSyntax e, ISymbol symbol) =>
        e is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(e), symbol);

    private static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }
}
