using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A loop lifted as a <c>Loop.While</c> tests its condition in a function of its own, apart from the body: a write in
/// the condition (<c>while (++i &lt; n)</c>, <c>do { … } while (i++ &lt; n)</c>) would change only that function's copy
/// and be lost, so the compiled loop would never end or end elsewhere. Such a loop is a diagnostic, never run wrong.
/// </summary>
internal static class LoopConditions
{
    public static void Check(LiftContext ctx)
    {
        foreach (var plan in ctx.Loops.Values.ToList())
        {
            var condition = plan.Statement switch
            {
                WhileStatementSyntax w => w.Condition,
                DoStatementSyntax d => d.Condition,
                ForStatementSyntax f when plan.Kind != LoopKind.Fori => f.Condition,
                _ => null,
            };
            if (condition is null) continue;
            var written = LoopAnalysis.Ordered(LoopAnalysis.WrittenIn(ctx.Model, condition).Where(LoopAnalysis.IsVariable));
            if (written.Count == 0) continue;
            if (ConditionCounters.Match(ctx, condition, written) is { } counter)
            {
                plan.ConditionCounter = counter; // while (++i < n): the step is modelled (ConditionCounters)
                continue;
            }
            ctx.Problem(LiftCodes.ConditionWrites, condition,
                $"the condition '{condition}' writes '{written[0].Name}': the compiled loop tests its condition apart from its body, so the write would be lost; move it into the loop's body");
        }
    }
}
