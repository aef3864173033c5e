using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// <c>break</c> and <c>continue</c> as flags: <c>break</c> sets a carried flag the loop condition tests, <c>continue</c> a
/// per-iteration flag; whatever follows a statement that may exit runs under a <c>Loop.Cond</c> on the flags, so the
/// rest of the iteration is skipped in the compiled loop as in the plain one.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>The loop body, rewritten so exits skip the rest of the iteration.</summary>
    private List<StatementSyntax> FlaggedBody(LoopPlan plan)
    {
        var body = (StatementSyntax)LoopAnalysis.LoopBody(plan.Statement);
        if (plan.BreakFlag is null && plan.ContinueFlag is null) return BodyStatements(body);
        var statements = body is BlockSyntax b ? b.Statements.ToList() : new List<StatementSyntax> { body };
        return ExitAwareList(statements, plan);
    }

    /// <summary>Statements in order; after the first one that may exit, the rest is guarded by the flags.</summary>
    private List<StatementSyntax> ExitAwareList(IReadOnlyList<StatementSyntax> statements, LoopPlan plan)
    {
        var list = new List<StatementSyntax>();
        for (int k = 0; k < statements.Count; k++)
        {
            var s = statements[k];
            AddRewritten(list, s);
            if (s is BreakStatementSyntax or ContinueStatementSyntax || s is ReturnStatementSyntax r && _ctx.Returns.ContainsKey(r)) break; // the rest is unreachable
            if (k + 1 < statements.Count && Exits(s, plan))
            {
                list.Add(Guard(statements.Skip(k + 1).ToList(), plan));
                break;
            }
        }
        return list;
    }

    private bool Exits(SyntaxNode node, LoopPlan plan) =>
        node.DescendantNodesAndSelf().OfType<StatementSyntax>().Any(s => _ctx.Exits.TryGetValue(s, out var p) && p == plan || s is ReturnStatementSyntax r && _ctx.Returns.TryGetValue(r, out var ps) && ps.Contains(plan));

    /// <summary><c>if (!(break | continue)) { rest }</c> as <c>Lifted.When</c> (a Cond whose false branch returns the state), its state what the rest writes, flags included.</summary>
    private StatementSyntax Guard(List<StatementSyntax> rest, LoopPlan plan)
    {
        var flow = Model.AnalyzeDataFlow(rest[0], rest[rest.Count - 1]);
        var declared = new HashSet<ISymbol>(flow?.VariablesDeclared ?? Enumerable.Empty<ISymbol>(), SymbolEqualityComparer.Default);
        var onEntry = new HashSet<ISymbol>(flow?.DefinitelyAssignedOnEntry ?? Enumerable.Empty<ISymbol>(), SymbolEqualityComparer.Default);
        var written = LoopAnalysis.Ordered((flow?.WrittenInside ?? Enumerable.Empty<ISymbol>()).Where(s => LoopAnalysis.IsVariable(s) && !declared.Contains(s)));
        var state = written.Where(onEntry.Contains).ToList();
        var temporaries = written.Where(s => !onEntry.Contains(s)).Select(t => $"{TwinType(t)} {LoopAnalysis.Id(t.Name)};").ToArray();
        var flags = FlagsOf(plan);
        var pack = PackOf(state, flags);
        var active = string.Join(" | ", flags.Where(f => f.IsFlag).Select(f => f.Name));
        var body = _t.Statements(ExitAwareList(rest, plan));
        return _t.Statement(
            $"{pack.Value} = {Lifted}.When<{pack.Type}>(!({active}), {pack.Value}, ({pack.Type} {pack.Param}) =>\n{{\n{Open(pack, temporaries)}{body}\nreturn {pack.Value};\n}});");
    }

    /// <summary>The flags of a loop, as variables already in scope (state of a Cond).</summary>
    private Extra[] FlagsOf(LoopPlan plan)
    {
        var flags = new List<Extra>();
        if (plan.BreakFlag is { } b) flags.Add(new Extra(b, b, "(break)"));
        if (plan.ContinueFlag is { } c) flags.Add(new Extra(c, c, "(continue)"));
        return flags.Concat(ReturnExtras(plan)).ToArray();
    }

    /// <summary>Flags a traced if must carry because a break/continue inside it leaves an enclosing loop.</summary>
    private Extra[] FlagsExitedWithin(StatementSyntax i) =>
        ExitPairs().Where(kv => i.Span.Contains(kv.Key.Span) && kv.Key != i && kv.Value.Statement.Span.Contains(i.Span))
            .Select(kv => kv.Value)
            .Distinct()
            .SelectMany(FlagsOf)
            .GroupBy(f => f.Name)
            .Select(g => g.First())
            .ToArray();

    private StatementSyntax? ExitStatement(StatementSyntax s) =>
        _ctx.Exits.TryGetValue(s, out var plan)
            ? _t.Statement(s is BreakStatementSyntax ? $"{plan.BreakFlag} = true;" : $"{plan.ContinueFlag} = true;")
            : null;

    /// <summary>A nested block of a flagged loop body that may exit: its rest is guarded too.</summary>
    private BlockSyntax? ExitAwareBlock(BlockSyntax b)
    {
        var plan = ExitPairs().Where(kv => b.Span.Contains(kv.Key.Span) && kv.Value.Statement.Span.Contains(b.Span) && kv.Value.Statement != b.Parent)
            .Select(kv => kv.Value).FirstOrDefault();
        if (plan is null || !b.Statements.Any(s => Exits(s, plan))) return null;
        return SyntaxFactory.Block(ExitAwareList(b.Statements.ToList(), plan));
    }
}
