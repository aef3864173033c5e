using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A <c>switch</c> expression on a number the compiled code computes: <c>(i % 3) switch { 0 => a, 1 or 2 => b, &lt; 0 => c,
/// _ => d }</c> becomes nested <c>Tensor.Where</c>s, tested in order like the arms. Only arms a select can express lift:
/// constant and relational patterns joined by <c>or</c> / <c>and</c>, without <c>when</c>, ending with the discard arm (without it C# throws
/// when nothing matches, which a select cannot do); anything else stays a diagnostic.
/// </summary>
internal static class TracedSwitch
{
    public static bool Supported(SwitchExpressionSyntax sw) => Reason(sw) is null;

    /// <summary>
    /// A <c>switch</c> statement a chain of <c>Loop.Cond</c>s can express: <c>case</c> labels with constants or the
    /// patterns above (no <c>when</c>), each section ending in its one <c>break;</c>, nothing else leaving it.
    /// </summary>
    public static bool Supported(SwitchStatementSyntax sw) => Reason(sw) is null;

    /// <summary>Why a chain of selects cannot express <paramref name="sw"/> (the first reason in source order), or null when one can.</summary>
    private static string? Reason(SwitchExpressionSyntax sw)
    {
        for (int k = 0; k < sw.Arms.Count; k++)
        {
            var arm = sw.Arms[k];
            if (arm.WhenClause is { } when) return NeedsValue(when);
            if (arm.Pattern is DiscardPatternSyntax)
            {
                if (k < sw.Arms.Count - 1) return LastArm;
            }
            else if (!Testable(arm.Pattern))
            {
                return NotTestable(arm.Pattern);
            }
        }
        return sw.Arms.Count == 0 || sw.Arms[sw.Arms.Count - 1].Pattern is not DiscardPatternSyntax ? LastArm : null;
    }

    /// <summary>Why a chain of conds cannot express <paramref name="sw"/> (the first reason in source order), or null when one can.</summary>
    private static string? Reason(SwitchStatementSyntax sw)
    {
        if (sw.Sections.Count == 0) return LeavesOtherwise;
        foreach (var section in sw.Sections)
        {
            foreach (var label in section.Labels)
            {
                if (label is CasePatternSwitchLabelSyntax { WhenClause: { } when }) return NeedsValue(when);
                if (label is CasePatternSwitchLabelSyntax p && !Testable(p.Pattern)) return NotTestable(p.Pattern);
            }
            if (section.Statements.Count == 0 || section.Statements[section.Statements.Count - 1] is not BreakStatementSyntax)
                return $"the section '{section.Labels.First()}' does not end in 'break;' (it leaves by '{section.Statements.LastOrDefault()?.GetFirstToken()}')";
            if (section.Statements.Take(section.Statements.Count - 1).Any(st => st.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax
                    || n is BreakStatementSyntax or ContinueStatementSyntax && !InsideInnerBreakable(n, sw))))
                return LeavesOtherwise;
        }
        return null;
    }

    private const string LastArm = "its last arm must be the discard '_' (and only the last): a select cannot throw when nothing matches";
    private const string LeavesOtherwise = "a section leaves the switch other than by its last 'break;' (return, continue, goto)";

    private static string NeedsValue(WhenClauseSyntax when) => $"'{when}' needs a C# value (only constant and relational patterns, with 'or'/'and', lift)";

    private static string NotTestable(PatternSyntax pattern) => $"the pattern '{pattern}' is not a constant or relational pattern";

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
    public static string? WhyNot(SyntaxNode where, SyntaxNode use) => where switch
    {
        SwitchStatementSyntax st when st.Expression.Span.Contains(use.Span) => Reason(st) ?? LeavesOtherwise,
        SwitchExpressionSyntax sw when sw.GoverningExpression.Span.Contains(use.Span) => Reason(sw) ?? LastArm,
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
