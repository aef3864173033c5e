using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Early returns (<see cref="EarlyReturns"/>): a returned flag and a result, declared before the loop and carried by
/// every loop the return leaves (with the break flags of the loops around each); the return stores its value and sets
/// the flags; a return after the loop selects the stored result when the flag is set.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>Every exit of a lifted loop with the loop it leaves: break/continue, and each return once per loop.</summary>
    private IEnumerable<KeyValuePair<StatementSyntax, LoopPlan>> ExitPairs() =>
        _ctx.Exits.Concat(_ctx.Returns.SelectMany(kv => kv.Value.Select(p => new KeyValuePair<StatementSyntax, LoopPlan>(kv.Key, p))));

    /// <summary>What a loop left by a return carries besides its own break flag: the returned flag, the result, and the break flags of the loops around it.</summary>
    private Extra[] ReturnExtras(LoopPlan plan)
    {
        if (_ctx.EarlyReturn is not { } r || !r.Plans.Contains(plan)) return System.Array.Empty<Extra>();
        var extras = new List<Extra> { new(r.Flag, r.Flag, "(returned)", r.Flag), new(r.Result, r.Result, "(result)", r.Result, IsFlag: false) };
        foreach (var outer in r.Plans.Where(p => p != plan && p.Statement.Span.Contains(plan.Statement.Span) && p.BreakFlag is not null))
        {
            extras.Add(new Extra(outer.BreakFlag!, outer.BreakFlag!, "(break)", outer.BreakFlag!));
        }
        return extras.ToArray();
    }

    /// <summary>The loop the early returns leave, preceded by the declarations of the flag and the result.</summary>
    private StatementSyntax WithEarlyReturnState(StatementSyntax loop, StatementSyntax lifted)
    {
        if (_ctx.EarlyReturn is not { } r || r.Loop != loop) return lifted;
        var statements = new List<StatementSyntax>
        {
            _t.Statement($"{TensorType} {r.Flag} = ({TensorType})false;"),
            _t.Statement($"{TensorType} {r.Result} = {_t.Arg(r.StartsAtDefault ? As(_returnType, _t.Expression($"default({LoopAnalysis.Keyword(_returnType)})")) : ReturnValue(r.First))};"),
        };
        if (lifted is BlockSyntax b && b.HasAnnotation(Splice)) statements.AddRange(b.Statements);
        else statements.Add(lifted);
        return Spliced(statements);
    }

    /// <summary><c>return e;</c> inside the loop, or a return after it; null for any other return.</summary>
    private StatementSyntax? EarlyReturn(ReturnStatementSyntax node)
    {
        if (_ctx.EarlyReturn is not { } r || node.Expression is null || InsideLambda(node)) return null;
        if (_ctx.Returns.TryGetValue(node, out var plans))
        {
            var statements = new List<StatementSyntax>
            {
                _t.Statement($"{r.Result} = {_t.Arg(ReturnValue(node.Expression))};"),
                _t.Statement($"{r.Flag} = true;"),
            };
            statements.AddRange(plans.Where(p => p.BreakFlag is not null).Select(p => _t.Statement($"{p.BreakFlag} = true;")));
            return Spliced(statements);
        }
        if (node.SpanStart < r.Loop.Span.End) return null;
        var selected = _t.Expression($"{Lifted}.EarlyReturn({r.Flag}, {r.Result}, {_t.Arg(ReturnValue(node.Expression))})");
        return SyntaxFactory.ReturnStatement(LoopAnalysis.IsPrimitive(_returnType) ? As(_returnType, selected) : selected);
    }
}
