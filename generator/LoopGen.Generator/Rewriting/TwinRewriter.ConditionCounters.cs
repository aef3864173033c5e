using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// A counter step in a loop condition (<see cref="ConditionCounters"/>): the condition's lambda reads the counter after
/// the step (<c>++i</c> → <c>i</c>, <c>i++</c> → <c>(i - 1)</c>), and the step itself is a statement of its own, once
/// before a <c>while</c> and at the end of every iteration not left by <c>break</c>.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <inheritdoc/>
    public override SyntaxNode? VisitPrefixUnaryExpression(PrefixUnaryExpressionSyntax node) => CounterRead(node) ?? base.VisitPrefixUnaryExpression(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node) => CounterRead(node) ?? base.VisitPostfixUnaryExpression(node);

    /// <summary>The value a condition's counter step gives, the step itself left to <see cref="CounterSteps"/>.</summary>
    private ExpressionSyntax? CounterRead(ExpressionSyntax node)
    {
        if (CounterOf(node) is not { } c) return null;
        var operand = E(node is PrefixUnaryExpressionSyntax pre ? pre.Operand : ((PostfixUnaryExpressionSyntax)node).Operand);
        return c.Postfix ? _t.Expression($"({_t.Hole(operand)} {(c.Delta > 0 ? "-" : "+")} 1)") : operand;
    }

    private ConditionCounter? CounterOf(ExpressionSyntax node)
    {
        foreach (var a in node.Ancestors())
        {
            if (a is not (WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax)) continue;
            return _ctx.Loops.TryGetValue((StatementSyntax)a, out var plan) && plan.ConditionCounter is { } c && c.Increment == node ? c : null;
        }
        return null;
    }

    /// <summary>The step before the first test of a <c>while</c> (or <c>for</c>) whose condition steps a counter.</summary>
    private IEnumerable<StatementSyntax> CounterEntry(LoopPlan plan)
    {
        if (plan.ConditionCounter is not { } c) yield break;
        var v = LoopAnalysis.Id(c.Variable.Name);
        yield return _t.Statement($"{v} = {Stepped(c, v)};");
    }

    /// <summary>The step at the end of an iteration: skipped when the iteration breaks (the plain loop then tests nothing).</summary>
    private IEnumerable<StatementSyntax> CounterSteps(LoopPlan plan)
    {
        if (plan.ConditionCounter is not { } c) yield break;
        var v = LoopAnalysis.Id(c.Variable.Name);
        yield return _t.Statement(plan.BreakFlag is { } brk ? $"{v} = {TensorType}.Where({brk}, {v}, {Stepped(c, v)});" : $"{v} = {Stepped(c, v)};");
    }

    /// <summary>The counter after one step: <c>i + 1</c> or <c>i - 1</c>.</summary>
    private static string Stepped(ConditionCounter c, string v) => $"{v} {(c.Delta > 0 ? "+" : "-")} 1";

    /// <summary>
    /// A <c>for</c> loop's incrementors in a loop that breaks: they run only when the iteration did not break (the plain
    /// loop skips them on <c>break</c>, and a counter declared before the loop shows it), as a <c>Lifted.When</c> on the flag.
    /// </summary>
    private List<StatementSyntax> BreakGuarded(LoopPlan plan, ForStatementSyntax f, List<StatementSyntax> incrementors)
    {
        if (plan.BreakFlag is not { } brk || incrementors.Count == 0) return incrementors;
        var written = LoopAnalysis.Ordered(f.Incrementors.SelectMany(i => LoopAnalysis.WrittenIn(Model, i)).Where(LoopAnalysis.IsVariable));
        // Counters the for declares end with the loop: only a variable declared before it sees the skipped step.
        var own = f.Declaration?.Variables.Select(v => _ctx.DeclaredOf(v)).Where(v => v is not null).ToList() ?? new List<ISymbol?>();
        if (written.All(w => own.Contains(w, SymbolEqualityComparer.Default))) return incrementors;
        var pack = PackOf(written);
        var body = _t.Statements(incrementors);
        return new List<StatementSyntax>
        {
            _t.Statement(
                $"{pack.Value} = {Lifted}.When<{pack.Type}>(!{brk}, {pack.Value}, ({pack.Type} {pack.Param}) =>\n{{\n{Open(pack)}{body}\nreturn {pack.Value};\n}});"),
        };
    }
}
