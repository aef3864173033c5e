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
        var extras = new List<Extra> { new(r.Flag, r.Flag, "(returned)", r.Flag) };
        extras.AddRange(r.Results.Select(result => new Extra(result, result, "(result)", result, IsFlag: false)));
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
        var statements = new List<StatementSyntax> { _t.Statement($"{TensorType} {r.Flag} = ({TensorType})false;") };
        if (r.Tuple is { } tuple)
        {
            // A number element starts at default of its type; a Tensor element at its value in the first return.
            var first = Elements(tuple, r.First).ToList();
            statements.AddRange(tuple.TupleElements.Select((e, k) => _t.Statement($"{TensorType} {r.Results[k]} = {_t.Arg(LoopAnalysis.IsPrimitive(e.Type) ? Default(e.Type) : first[k])};")));
        }
        else statements.Add(_t.Statement($"{TensorType} {r.Result} = {_t.Arg(r.StartsAtDefault ? Default(_returnType) : ReturnValue(r.First))};"));
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
            var statements = r.Tuple is { } tuple
                ? Elements(tuple, node.Expression).Select((e, k) => _t.Statement($"{r.Results[k]} = {_t.Arg(e)};")).ToList()
                : new List<StatementSyntax> { _t.Statement($"{r.Result} = {_t.Arg(ReturnValue(node.Expression))};") };
            statements.Add(_t.Statement($"{r.Flag} = true;"));
            statements.AddRange(plans.Where(p => p.BreakFlag is not null).Select(p => _t.Statement($"{p.BreakFlag} = true;")));
            return Spliced(statements);
        }
        if (node.SpanStart < r.Loop.Span.End) return null;
        if (r.Tuple is { } returned)
        {
            var items = Elements(returned, node.Expression).Select((e, k) =>
            {
                var type = returned.TupleElements[k].Type;
                var chosen = _t.Expression($"{Lifted}.EarlyReturn({r.Flag}, {r.Results[k]}, {_t.Arg(e)})");
                return SyntaxFactory.Argument(LoopAnalysis.IsPrimitive(type) ? As(type, chosen) : chosen);
            });
            return SyntaxFactory.ReturnStatement(SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items)));
        }
        var selected = _t.Expression($"{Lifted}.EarlyReturn({r.Flag}, {r.Result}, {_t.Arg(ReturnValue(node.Expression))})");
        return SyntaxFactory.ReturnStatement(LoopAnalysis.IsPrimitive(_returnType) ? As(_returnType, selected) : selected);
    }

    /// <summary>The twin values of a returned tuple literal's elements (checked a literal of the right size by <see cref="EarlyReturns"/>).</summary>
    private IEnumerable<ExpressionSyntax> Elements(INamedTypeSymbol tuple, ExpressionSyntax e) =>
        Parens.Strip(e) is TupleExpressionSyntax literal
            ? literal.Arguments.Select((a, k) => Returned(tuple.TupleElements[k].Type, a.Expression))
            : SpreadTuple(tuple, E(e)).Arguments.Select(a => a.Expression); // return t; of a tuple variable

    private ExpressionSyntax Default(ITypeSymbol type) => As(type, _t.Expression($"default({LoopAnalysis.Keyword(type)})"));
}
