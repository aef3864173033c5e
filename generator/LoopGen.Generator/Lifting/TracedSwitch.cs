using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A <c>switch</c> on a number the compiled code computes (or with a guard that reads one): <c>(i % 3) switch { 0 => a,
/// 1 or 2 when g => b, &lt; 0 => c, _ => d }</c> becomes nested <c>Tensor.Where</c>s, tested in order like the arms; a
/// <c>switch</c> statement a chain of <c>Loop.Cond</c>s. Only what a select or cond can express lifts: constant and
/// relational patterns joined by <c>or</c> / <c>and</c>, a <c>when</c> guard folded into the arm's test, a final discard
/// arm (or, for a result assigned to a variable that already holds a value, that value as the default), sections ending
/// in <c>break;</c> or in a <c>continue;</c> of a lifted loop. <see cref="Reason(LiftContext, SwitchExpressionSyntax)"/>
/// and its statement twin are the one table of what lifts and of what LG0016 says.
/// </summary>
internal static class TracedSwitch
{
    public static bool Supported(LiftContext ctx, SwitchExpressionSyntax sw) => Reason(ctx, sw) is null;

    /// <summary>A <c>switch</c> statement a chain of <c>Loop.Cond</c>s can express (see <see cref="Reason(LiftContext, SwitchStatementSyntax)"/>).</summary>
    public static bool Supported(LiftContext ctx, SwitchStatementSyntax sw) => Reason(ctx, sw) is null;

    /// <summary>Whether the compiled code decides the switch: its value reads a traced number, or one of its guards a traced number or a tensor.</summary>
    public static bool IsTraced(LiftContext ctx, SwitchExpressionSyntax sw) =>
        TracedTypes.IsTraced(ctx, sw.GoverningExpression) || sw.Arms.Any(a => a.WhenClause is { } w && TracedTypes.IsTracedCondition(ctx, w.Condition));

    /// <inheritdoc cref="IsTraced(LiftContext, SwitchExpressionSyntax)"/>
    public static bool IsTraced(LiftContext ctx, SwitchStatementSyntax sw) =>
        TracedTypes.IsTraced(ctx, sw.Expression)
        || sw.Sections.SelectMany(s => s.Labels).Any(l => l is CasePatternSwitchLabelSyntax { WhenClause: { } w } && TracedTypes.IsTracedCondition(ctx, w.Condition));

    /// <summary>Whether the last arm is a discard without a guard (it is the select's final value).</summary>
    public static bool EndsInDiscard(SwitchExpressionSyntax sw) =>
        sw.Arms.Count > 0 && sw.Arms[sw.Arms.Count - 1] is { Pattern: DiscardPatternSyntax, WhenClause: null };

    /// <summary>
    /// <c>x = v switch { … }</c> without a final discard, where <c>x</c> (a local or parameter) already holds a value:
    /// <c>x</c>, the value it keeps when no arm matches (the select cannot throw as C# does); null otherwise.
    /// </summary>
    public static ExpressionSyntax? DefaultTarget(LiftContext ctx, SwitchExpressionSyntax sw)
    {
        // Asked by every fixpoint round's check and by the rewriter: one data-flow pass (a walk of the whole method) per switch.
        if (!ctx.DefaultTargets.TryGetValue(sw, out var known))
        {
            known = FindDefaultTarget(ctx, sw);
            ctx.DefaultTargets[sw] = known;
        }
        return known;
    }

    private static ExpressionSyntax? FindDefaultTarget(LiftContext ctx, SwitchExpressionSyntax sw)
    {
        if (Parens.Outermost(sw).Parent is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } a || a.Right != Parens.Outermost(sw)) return null;
        if (Parens.Strip(a.Left) is not IdentifierNameSyntax id || ctx.SymbolOf(id) is not { } target || !LoopAnalysis.IsVariable(target)) return null;
        if (a.Parent is not ExpressionStatementSyntax statement) return null;
        var flow = ctx.Model.AnalyzeDataFlow(statement);
        return flow is { Succeeded: true } && flow.DefinitelyAssignedOnEntry.Contains(target, SymbolEqualityComparer.Default) ? id : null;
    }

    /// <summary>Why a chain of selects cannot express <paramref name="sw"/> (the first reason in source order), or null when one can.</summary>
    private static string? Reason(LiftContext ctx, SwitchExpressionSyntax sw)
    {
        for (int k = 0; k < sw.Arms.Count; k++)
        {
            var arm = sw.Arms[k];
            if (arm.Pattern is DiscardPatternSyntax)
            {
                if (k < sw.Arms.Count - 1 && arm.WhenClause is null) return LastArm;
            }
            else if (!Testable(arm.Pattern))
            {
                return NotTestable(arm.Pattern);
            }
        }
        return EndsInDiscard(sw) || DefaultTarget(ctx, sw) is not null ? null : LastArm;
    }

    /// <summary>Why a chain of conds cannot express <paramref name="sw"/> (the first reason in source order), or null when one can.</summary>
    private static string? Reason(LiftContext ctx, SwitchStatementSyntax sw)
    {
        if (sw.Sections.Count == 0) return LeavesOtherwise;
        foreach (var section in sw.Sections)
        {
            foreach (var label in section.Labels)
            {
                if (label is CasePatternSwitchLabelSyntax p && !Testable(p.Pattern)) return NotTestable(p.Pattern);
            }
            var last = section.Statements.LastOrDefault();
            if (last is not BreakStatementSyntax && !(last is ContinueStatementSyntax && ctx.Exits.ContainsKey(last)))
                return $"the section '{section.Labels.First()}' does not end in 'break;' or in a 'continue;' of a compiled loop (it leaves by '{last?.GetFirstToken()}')";
            if (section.Statements.Take(section.Statements.Count - 1).Any(st => st.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax
                    || n is BreakStatementSyntax && !InsideInnerBreakable(n, sw)
                    || n is ContinueStatementSyntax && !InsideInnerBreakable(n, sw) && !ctx.Exits.ContainsKey((StatementSyntax)n))))
                return LeavesOtherwise;
        }
        return null;
    }

    private const string LastArm = "it has no final discard arm '_' (and the result is not assigned to a variable that already holds a value, which would be kept when no arm matches): a select cannot throw when nothing matches";
    private const string LeavesOtherwise = "a section leaves the switch other than by its last 'break;' or a 'continue;' of a compiled loop (return, goto, an early break)";

    private static string NotTestable(PatternSyntax pattern) => $"the pattern '{pattern}' is not a constant or relational pattern (type and declaration patterns need a C# value)";

    /// <summary>Whether a break/continue belongs to a loop or switch inside <paramref name="sw"/> (so it does not leave it).</summary>
    private static bool InsideInnerBreakable(SyntaxNode exit, SwitchStatementSyntax sw)
    {
        for (var n = exit.Parent; n is not null && n != sw; n = n.Parent)
        {
            if (n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax) return true;
            if (n is SwitchStatementSyntax && exit is BreakStatementSyntax) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="exit"/> is the <c>break;</c> that ends a section of <paramref name="sw"/>.</summary>
    public static bool IsSectionEnd(SyntaxNode exit, SwitchStatementSyntax sw) =>
        exit is BreakStatementSyntax && exit.Parent is SwitchSectionSyntax section && section.Parent == sw
        && section.Statements[section.Statements.Count - 1] == exit;

    /// <summary>
    /// Why the switch that <paramref name="use"/> governs cannot be lifted, or null when <paramref name="where"/> is no
    /// switch governed by it (then the use is some other C# context). One reason, the first found, in source order.
    /// </summary>
    public static string? WhyNot(LiftContext ctx, SyntaxNode where, SyntaxNode use) => where switch
    {
        SwitchStatementSyntax st when st.Expression.Span.Contains(use.Span) => Reason(ctx, st) ?? LeavesOtherwise,
        SwitchExpressionSyntax sw when sw.GoverningExpression.Span.Contains(use.Span) => Reason(ctx, sw) ?? LastArm,
        WhenClauseSyntax { Parent: SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax sw } } => Reason(ctx, sw) ?? LastArm,
        WhenClauseSyntax { Parent: CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax st } } } => Reason(ctx, st) ?? LeavesOtherwise,
        _ => null,
    };

    private static bool Testable(PatternSyntax p) => p switch
    {
        ConstantPatternSyntax => true,
        RelationalPatternSyntax => true,
        BinaryPatternSyntax b => Testable(b.Left) && Testable(b.Right),
        ParenthesizedPatternSyntax q => Testable(q.Pattern),
        _ => false,
    };
}
