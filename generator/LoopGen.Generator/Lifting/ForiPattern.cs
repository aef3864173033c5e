using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A counted <c>for</c>: counters declared in the loop, each moved by a constant step and not written in the body,
/// and a condition comparing the primary counter with a bound that the loop does not change. Then counter k of
/// iteration t is <c>init_k + t * step_k</c> and the trip count is computed once from the bounds.
/// </summary>
internal sealed class ForiPattern
{
    private ForiPattern(List<Counter> counters, Counter primary, ExpressionSyntax bound, SyntaxKind comparison)
    {
        Counters = counters;
        Primary = primary;
        Bound = bound;
        Comparison = comparison;
    }

    /// <summary>One counter: its symbol, initial value and step.</summary>
    internal sealed record Counter(ILocalSymbol Symbol, ExpressionSyntax Init, long Step);

    public List<Counter> Counters { get; }

    /// <summary>The counter the condition tests.</summary>
    public Counter Primary { get; }

    /// <summary>The other side of the condition.</summary>
    public ExpressionSyntax Bound { get; }

    /// <summary>The comparison with the counter on the left: <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> or <c>!=</c>.</summary>
    public SyntaxKind Comparison { get; }

    /// <summary>True for the everyday form <c>for (i = a; i &lt; b; i++)</c> with one counter: lifted as <c>Fori(a, b)</c> with i itself as the index.</summary>
    public bool IsSimple => Counters.Count == 1 && Primary.Step == 1 && Comparison is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression;

    /// <summary>Recognises the counted form, or returns null (the loop is then lifted as a while loop).</summary>
    public static ForiPattern? Match(ForStatementSyntax loop, SemanticModel model, ISet<ISymbol> writtenInBody)
    {
        if (loop.Declaration is null || loop.Initializers.Count > 0 || loop.Condition is null) return null;
        var inits = new Dictionary<ILocalSymbol, ExpressionSyntax>(SymbolEqualityComparer.Default);
        foreach (var v in loop.Declaration.Variables)
        {
            if (v.Initializer is null || model.GetDeclaredSymbol(v) is not ILocalSymbol local) return null;
            if (local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)) return null;
            if (writtenInBody.Contains(local)) return null;
            inits[local] = v.Initializer.Value;
        }

        var steps = new Dictionary<ILocalSymbol, long>(SymbolEqualityComparer.Default);
        foreach (var inc in loop.Incrementors)
        {
            if (!TryStep(inc, model, out var symbol, out var step) || !inits.ContainsKey(symbol!) || steps.ContainsKey(symbol!)) return null;
            steps[symbol!] = step;
        }
        if (steps.Count != inits.Count) return null;

        if (Parens.Strip(loop.Condition) is not BinaryExpressionSyntax cmp) return null;
        var kind = cmp.Kind();
        if (kind is not (SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.NotEqualsExpression)) return null;
        ExpressionSyntax bound;
        ILocalSymbol? primary;
        if ((primary = CounterOf(cmp.Left, model, inits)) is not null)
        {
            bound = cmp.Right;
        }
        else if ((primary = CounterOf(cmp.Right, model, inits)) is not null)
        {
            bound = cmp.Left;
            kind = Flip(kind);
        }
        else
        {
            return null;
        }

        // The bound must not move while the loop runs.
        foreach (var id in bound.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            var s = model.GetSymbolInfo(id).Symbol;
            if (s is not null && (writtenInBody.Contains(s) || s is ILocalSymbol l && inits.ContainsKey(l))) return null;
        }

        long primaryStep = steps[primary];
        bool up = primaryStep > 0;
        if (kind == SyntaxKind.NotEqualsExpression ? false : up != kind is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression) return null;

        var counters = inits.Select(kv => new Counter(kv.Key, kv.Value, steps[kv.Key])).ToList();
        return new ForiPattern(counters, counters.First(c => SymbolEqualityComparer.Default.Equals(c.Symbol, primary)), bound, kind);
    }

    private static ILocalSymbol? CounterOf(ExpressionSyntax e, SemanticModel model, Dictionary<ILocalSymbol, ExpressionSyntax> counters) =>
        Parens.Strip(e) is IdentifierNameSyntax id && model.GetSymbolInfo(id).Symbol is ILocalSymbol l && counters.ContainsKey(l) ? l : null;

    private static SyntaxKind Flip(SyntaxKind k) => k switch
    {
        SyntaxKind.LessThanExpression => SyntaxKind.GreaterThanExpression,
        SyntaxKind.LessThanOrEqualExpression => SyntaxKind.GreaterThanOrEqualExpression,
        SyntaxKind.GreaterThanExpression => SyntaxKind.LessThanExpression,
        SyntaxKind.GreaterThanOrEqualExpression => SyntaxKind.LessThanOrEqualExpression,
        _ => k,
    };

    /// <summary><c>i++</c>, <c>++i</c>, <c>i--</c>, <c>--i</c>, <c>i += k</c>, <c>i -= k</c>, <c>i = i + k</c> with a constant k ≠ 0.</summary>
    private static bool TryStep(ExpressionSyntax inc, SemanticModel model, out ILocalSymbol? symbol, out long step)
    {
        symbol = null;
        step = 0;
        ExpressionSyntax? target = null;
        switch (Parens.Strip(inc))
        {
            case PostfixUnaryExpressionSyntax p:
                target = p.Operand;
                step = p.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1;
                break;
            case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression):
                target = p.Operand;
                step = p.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1;
                break;
            case AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.AddAssignmentExpression) || a.IsKind(SyntaxKind.SubtractAssignmentExpression):
                if (!Constant(a.Right, model, out step)) return false;
                if (a.IsKind(SyntaxKind.SubtractAssignmentExpression)) step = -step;
                target = a.Left;
                break;
            case AssignmentExpressionSyntax a when a.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && Parens.Strip(a.Right) is BinaryExpressionSyntax b && (b.IsKind(SyntaxKind.AddExpression) || b.IsKind(SyntaxKind.SubtractExpression))
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(Parens.Strip(a.Left)).Symbol, model.GetSymbolInfo(Parens.Strip(b.Left)).Symbol):
                if (!Constant(b.Right, model, out step)) return false;
                if (b.IsKind(SyntaxKind.SubtractExpression)) step = -step;
                target = a.Left;
                break;
        }
        target = target is null ? null : Parens.Strip(target);
        symbol = target is IdentifierNameSyntax ? model.GetSymbolInfo(target).Symbol as ILocalSymbol : null;
        return symbol is not null && step != 0;
    }

    private static bool Constant(ExpressionSyntax e, SemanticModel model, out long value)
    {
        value = 0;
        var c = model.GetConstantValue(e);
        if (!c.HasValue || c.Value is not (int or long)) return false;
        value = System.Convert.ToInt64(c.Value, System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
