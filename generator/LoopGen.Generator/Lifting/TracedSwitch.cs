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
    public static bool Supported(SwitchExpressionSyntax sw) =>
        sw.Arms.Count > 0 && sw.Arms[sw.Arms.Count - 1].Pattern is DiscardPatternSyntax
        && sw.Arms.All(a => a.WhenClause is null && (a.Pattern is DiscardPatternSyntax || Testable(a.Pattern)))
        && sw.Arms.Take(sw.Arms.Count - 1).All(a => a.Pattern is not DiscardPatternSyntax);

    /// <summary>
    /// A <c>switch</c> statement a chain of <c>Loop.Cond</c>s can express: <c>case</c> labels with constants or the
    /// patterns above (no <c>when</c>), each section ending in its one <c>break;</c>, nothing else leaving it.
    /// </summary>
    public static bool Supported(SwitchStatementSyntax sw) =>
        sw.Sections.Count > 0 && sw.Sections.All(section =>
            section.Statements.Count > 0 && section.Statements[section.Statements.Count - 1] is BreakStatementSyntax
            && section.Labels.All(l => l is DefaultSwitchLabelSyntax or CaseSwitchLabelSyntax
                || l is CasePatternSwitchLabelSyntax { WhenClause: null } p && Testable(p.Pattern))
            && !section.Statements.Take(section.Statements.Count - 1).Any(st => st.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax
                    || n is BreakStatementSyntax or ContinueStatementSyntax && !InsideInnerBreakable(n, sw))));

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

    private static bool Testable(PatternSyntax p) => p switch
    {
        ConstantPatternSyntax => true,
        RelationalPatternSyntax => true,
        BinaryPatternSyntax b => Testable(b.Left) && Testable(b.Right),
        ParenthesizedPatternSyntax q => Testable(q.Pattern),
        _ => false,
    };
}
