using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// The switch forms <see cref="TracedSwitch"/> lifts beyond plain patterns: a <c>when</c> guard is folded into its arm's
/// (or label's) test, <c>test &amp; guard</c>, and a section that leaves by a <c>continue;</c> of a lifted loop sets the
/// loop's continue flag, which the chain of conds carries out like a traced if does.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>The test of one switch-expression arm: its pattern (none for a guarded discard) and its guard.</summary>
    private ExpressionSyntax ArmTest(SwitchExpressionArmSyntax arm, ExpressionSyntax value) =>
        arm.Pattern is DiscardPatternSyntax
            ? _t.Expression($"({TensorType}){H(arm.WhenClause!.Condition)}")
            : Guarded(Test(arm.Pattern, value), arm.WhenClause);

    /// <summary><c>test &amp; guard</c>: the guard is a traced or a C# bool (a 0-d pred either way once converted).</summary>
    private ExpressionSyntax Guarded(ExpressionSyntax test, WhenClauseSyntax? when) =>
        when is null ? test : _t.Expression($"{_t.Hole(test)} & ({TensorType}){H(when.Condition)}");

    /// <summary>
    /// A section's statements in its cond branch: without the closing <c>break;</c>; a closing <c>continue;</c> stays (it
    /// sets the loop's flag), and a section that may continue part-way guards its own rest.
    /// </summary>
    private List<StatementSyntax> SectionStatements(SwitchSectionSyntax section)
    {
        var statements = section.Statements.ToList();
        if (statements.Count > 0 && statements[statements.Count - 1] is BreakStatementSyntax) statements.RemoveAt(statements.Count - 1);
        var plan = statements.SelectMany(s => s.DescendantNodesAndSelf().OfType<StatementSyntax>())
            .Select(s => _ctx.Exits.TryGetValue(s, out var p) ? p : null)
            .FirstOrDefault(p => p is not null && p.Statement.Span.Contains(section.Span));
        return plan is not null ? ExitAwareList(statements, plan) : StatementList(statements);
    }
}
