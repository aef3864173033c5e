using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A loop condition whose only write is one counter increment, <c>while (++i &lt; n)</c>, <c>do { … } while (i-- &gt; 0)</c>:
/// the write happens once per evaluation of the condition, the last, false one included. The lifting models it as a
/// step of its own: once before a <c>while</c> loop's first test, and at the end of each iteration that is not left by
/// <c>break</c> (a <c>continue</c> goes on to the condition, so it steps too). The condition then reads the counter
/// after the step: <c>++i</c> is <c>i</c>, <c>i++</c> is <c>(i - 1)</c>.
/// </summary>
internal sealed class ConditionCounter
{
    public ConditionCounter(ExpressionSyntax increment, ISymbol variable, bool postfix, int delta)
    {
        Increment = increment;
        Variable = variable;
        Postfix = postfix;
        Delta = delta;
    }

    /// <summary>The <c>++i</c> / <c>i--</c> node in the condition.</summary>
    public ExpressionSyntax Increment { get; }

    /// <summary>The counter (an int or long local or parameter).</summary>
    public ISymbol Variable { get; }

    /// <summary>True for <c>i++</c> / <c>i--</c>: the condition sees the value before the step.</summary>
    public bool Postfix { get; }

    /// <summary>+1 for an increment, -1 for a decrement.</summary>
    public int Delta { get; }
}

internal static class ConditionCounters
{
    /// <summary>
    /// The counter step of <paramref name="condition"/>, or null when its writes are anything else: more than one
    /// write, an assignment, a non-integer counter, a step that is not evaluated every time (right of <c>&amp;&amp;</c>,
    /// <c>||</c>, <c>??</c>, a branch of <c>?:</c>), or a read of the counter before the step (it would see the old value).
    /// </summary>
    public static ConditionCounter? Match(LiftContext ctx, ExpressionSyntax condition, IReadOnlyList<ISymbol> written)
    {
        if (written.Count != 1 || LoopAnalysis.TypeOf(written[0])?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)) return null;
        var variable = written[0];
        var nodes = condition.DescendantNodesAndSelf().ToList();
        if (nodes.Any(n => n is AssignmentExpressionSyntax or AnonymousFunctionExpressionSyntax || n is ArgumentSyntax a && !a.RefKindKeyword.IsKind(SyntaxKind.None))) return null;
        var steps = nodes.Where(n => Step(n) is not null).Cast<ExpressionSyntax>().ToList();
        if (steps.Count != 1) return null;
        var step = steps[0];
        var operand = Parens.Strip(Step(step)!);
        if (operand is not IdentifierNameSyntax || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(operand), variable)) return null;
        for (SyntaxNode n = step; n != condition; n = n.Parent!)
        {
            switch (n.Parent)
            {
                case BinaryExpressionSyntax b when b.Right == n && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression)):
                case ConditionalExpressionSyntax c when c.Condition != n:
                case ConditionalAccessExpressionSyntax ca when ca.WhenNotNull == n:
                case SwitchExpressionArmSyntax:
                case null:
                    return null;
            }
        }
        bool readBefore = nodes.OfType<IdentifierNameSyntax>()
            .Any(id => id != operand && id.SpanStart < step.SpanStart && SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(id), variable));
        if (readBefore) return null;
        bool postfix = step is PostfixUnaryExpressionSyntax;
        int delta = step.IsKind(SyntaxKind.PreIncrementExpression) || step.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1;
        return new ConditionCounter(step, variable, postfix, delta);
    }

    private static ExpressionSyntax? Step(SyntaxNode node) => node switch
    {
        PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression) => p.Operand,
        PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
        _ => null,
    };
}
