using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Finds the loops of a method and plans each: its kind, its carries (Roslyn data flow: written inside and flowing
/// into the next iteration or out of the loop), its counters, and the lists it collects outputs into.
/// </summary>
internal static class LoopAnalysis
{
    public static void Analyze(LiftContext ctx, SyntaxNode body)
    {
        foreach (var node in Walk(body))
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            switch (node)
            {
                case ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax:
                    PlanLoop(ctx, (StatementSyntax)node);
                    break;
                case ReturnStatementSyntax ret when EnclosingLoop(node, body) is { } loop:
                    EarlyReturns.Record(ctx, ret, loop, body);
                    break;
                case GotoStatementSyntax or TryStatementSyntax or LockStatementSyntax or YieldStatementSyntax or UnsafeStatementSyntax
                    or FixedStatementSyntax or UsingStatementSyntax or LocalFunctionStatementSyntax
                    when EnclosingLoop(node, body) is { } loop:
                    ctx.Problem(LiftCodes.UnsupportedStatement, node, $"'{node.GetFirstToken().Text}' inside the loop at line {ctx.LineOf(loop.SpanStart)} cannot be lifted into a compiled loop");
                    break;
                case AwaitExpressionSyntax or StackAllocArrayCreationExpressionSyntax when EnclosingLoop(node, body) is not null:
                    ctx.Problem(LiftCodes.UnsupportedStatement, node, $"'{node.GetFirstToken().Text}' cannot appear in a lifted loop");
                    break;
                case AssignmentExpressionSyntax a when EnclosingLoop(node, body) is not null && WritesOutsideState(ctx, a.Left) is { } what:
                    ctx.Problem(LiftCodes.OutsideState, a, $"the loop writes {what}; a lifted loop may only assign local variables (its carries){(what.StartsWith("an element of", System.StringComparison.Ordinal) ? ": keep the elements in locals or in a tuple, (Tensor A, Tensor B) s, which the loop carries" : "")}");
                    break;
                case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax
                    when IsIncrement(node) is { } operand && EnclosingLoop(node, body) is not null && WritesOutsideState(ctx, operand) is { } what:
                    // x++ runs once when the body is traced, not once per iteration: never a silent wrong count.
                    ctx.Problem(LiftCodes.OutsideState, node, $"the loop writes {what} ('{node}'); a lifted loop may only assign local variables (its carries)");
                    break;
                case InvocationExpressionSyntax inv when EnclosingLoop(node, body) is { } loop && HostRead(ctx, inv) is { } read && !BoundedSizes.AcceptRead(ctx, inv, loop):
                    ctx.Problem(LiftCodes.HostRead, inv, $"'{read}' reads a value of the compiled loop at line {ctx.LineOf(loop.SpanStart)} back to C#, which only exists when the loop runs, not when it is traced; keep the value a Tensor (index, compare or Where on it), or read it after the call");
                    break;
                case InvocationExpressionSyntax inv when EnclosingLoop(node, body) is null && HostRead(ctx, inv) is { } read && ReadArgument(ctx, inv) is { } argument:
                    // Outside the loops too the compiled method runs traced: an argument's value is not there to read.
                    ctx.Problem(LiftCodes.ArgumentRead, inv, $"'{read}' reads tensor argument '{argument.Name}' back to C#, but in the compiled method the argument is traced, its value only known when the compiled code runs; "
                        + $"pass the number as an int (or long, float) parameter instead, or keep it a Tensor: a loop can compare tensors, for (Tensor i = 0; i < {argument.Name}; i += 1)");
                    break;
            }
        }
    }

    /// <summary>
    /// Gives each loop with <c>break</c> or <c>continue</c> its flags: <c>break</c> makes the trip count dynamic (a
    /// counted loop becomes a while loop over its counters), <c>continue</c> guards the rest of the iteration.
    /// </summary>
    public static void PlanExits(LiftContext ctx, SyntaxNode body)
    {
        foreach (var plan in ctx.Returns.Values.SelectMany(p => p).Distinct()) GiveBreakFlag(ctx, plan, ctx.Next());
        foreach (var exit in Walk(body).Where(n => n is BreakStatementSyntax or ContinueStatementSyntax).Cast<StatementSyntax>())
        {
            if (exit.Ancestors().TakeWhile(a => a != body).Any(a => a is SwitchSectionSyntax) && exit is BreakStatementSyntax) continue;
            if (EnclosingLoop(exit, body) is not { } loop || !ctx.Loops.TryGetValue(loop, out var plan)) continue;
            ctx.Exits[exit] = plan;
            int n = ctx.Next();
            if (exit is BreakStatementSyntax)
            {
                GiveBreakFlag(ctx, plan, n);
            }
            else
            {
                plan.ContinueFlag ??= ctx.Prefix + "continue" + n;
            }
            if (plan.Outputs.Count > 0)
            {
                ctx.Problem(LiftCodes.BreakContinue, exit, $"'{exit.GetFirstToken().Text}' in a loop that collects outputs would leave rows unset; collect only in loops without break/continue");
            }
        }
    }

    /// <summary>A loop that can be left early: a carried break flag, and a counted loop becomes a while over its counters.</summary>
    public static void GiveBreakFlag(LiftContext ctx, LoopPlan plan, int n)
    {
        if (plan.BreakFlag is not null) return;
        plan.BreakFlag = ctx.Prefix + "break" + n;
        if (plan.Kind == LoopKind.Fori)
        {
            plan.Kind = LoopKind.ForAsWhile;
            foreach (var c in plan.Fori!.Counters) plan.Carries.Add(c.Symbol);
        }
        else if (plan.Kind is LoopKind.Foreach or LoopKind.RangeForeach)
        {
            plan.Kind = LoopKind.ForeachAsWhile; // the index becomes a carry, the loop a while over it
        }
    }

    private static ExpressionSyntax? IsIncrement(SyntaxNode node) => node switch
    {
        PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression) => p.Operand,
        PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression) => p.Operand,
        _ => null,
    };

    /// <summary><c>t.Item&lt;T&gt;()</c> or <c>t.ToArray&lt;T&gt;()</c> of a tensor: a read of its value on the host.</summary>
    private static string? HostRead(LiftContext ctx, InvocationExpressionSyntax inv) =>
        ctx.SymbolOf(inv) is IMethodSymbol { Name: "Item" or "ToArray", IsStatic: false } m && ctx.IsTensor(m.ContainingType)
            ? inv.ToString()
            : null;

    /// <summary>The Tensor parameter of the method that the receiver of a host read reads (<c>upper</c> in <c>upper.Item&lt;int&gt;()</c>), or null.</summary>
    private static IParameterSymbol? ReadArgument(LiftContext ctx, InvocationExpressionSyntax inv) =>
        inv.Expression is MemberAccessExpressionSyntax ma
            ? ma.Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(id => ctx.SymbolOf(id) as IParameterSymbol)
                .FirstOrDefault(p => p is not null && ctx.IsTensor(p.Type))
            : null;

    /// <summary>Descendants in order, not entering lambdas or local functions (their code runs as plain C# at trace time).</summary>
    public static IEnumerable<SyntaxNode> Walk(SyntaxNode body) =>
        body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    /// <summary>The innermost loop statement (up to <paramref name="body"/>) containing <paramref name="node"/>.</summary>
    public static StatementSyntax? EnclosingLoop(SyntaxNode node, SyntaxNode body)
    {
        for (var n = node.Parent; n is not null && n != body; n = n.Parent)
        {
            if (n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) return null;
            if (n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax) return (StatementSyntax)n;
        }
        return null;
    }

    private static string? WritesOutsideState(LiftContext ctx, ExpressionSyntax target)
    {
        switch (target)
        {
            case ParenthesizedExpressionSyntax p:
                return WritesOutsideState(ctx, p.Expression);
            case ElementAccessExpressionSyntax e when !ctx.IsTensor(ctx.TypeOf(e.Expression)):
                return $"an element of '{e.Expression}'";
            case MemberAccessExpressionSyntax when NumberTuples.FieldOfLocal(ctx, target) is not null:
                return null; // s.Count++ on a local tuple writes the local
            case MemberAccessExpressionSyntax or IdentifierNameSyntax:
                var s = ctx.SymbolOf(target);
                return s is IFieldSymbol or IPropertySymbol ? $"{(s.IsStatic ? "static " : "")}{(s is IFieldSymbol ? "field" : "property")} '{s.Name}'" : null;
            case TupleExpressionSyntax t:
                return t.Arguments.Select(a => WritesOutsideState(ctx, a.Expression)).FirstOrDefault(w => w is not null);
            default:
                return null;
        }
    }

    private static void PlanLoop(LiftContext ctx, StatementSyntax loop)
    {
        var model = ctx.Model;
        RangePattern? range = null;
        if (loop is ForEachStatementSyntax fe && !ctx.IsTensor(model.GetTypeInfo(fe.Expression).Type))
        {
            range = RangePattern.Match(fe, model);
            if (range is null)
            {
                // foreach over C# values runs at trace time, unrolled: right for a list of weights, but say so.
                ctx.Note(LiftCodes.UnrolledForeach, fe.Expression,
                    $"the foreach over '{fe.Expression}' iterates a C# collection, so it runs when the method is traced: the compiled code repeats its body once per element (unrolled); loop over a Tensor's rows or a for loop to get one rolled loop");
                return;
            }
        }

        var flow = model.AnalyzeDataFlow(loop);
        if (flow is null || !flow.Succeeded)
        {
            ctx.Problem(LiftCodes.NoDataFlow, loop, "the loop's data flow could not be analysed");
            return;
        }
        var carries = Carries(flow);

        LoopKind kind = loop switch
        {
            WhileStatementSyntax => LoopKind.While,
            DoStatementSyntax => LoopKind.DoWhile,
            ForEachStatementSyntax when range is not null => LoopKind.RangeForeach,
            ForEachStatementSyntax => LoopKind.Foreach,
            _ => LoopKind.Fori,
        };
        ForiPattern? fori = null;
        if (loop is ForStatementSyntax f)
        {
            var writtenInBody = WrittenIn(model, f.Statement);
            fori = ForiPattern.Match(f, model, writtenInBody);
            if (fori is null)
            {
                kind = LoopKind.ForAsWhile;
                if (f.Declaration is null)
                {
                    // for (i = 0; …): the counter lives outside the loop; it is carried like any other written variable.
                }
                else
                {
                    foreach (var v in f.Declaration.Variables)
                    {
                        if (ctx.DeclaredOf(v) is ISymbol s) carries.Add(s);
                    }
                }
            }
            else
            {
                foreach (var c in fori.Counters) ctx.Traced.Add(c.Symbol);
            }
        }

        if (range is not null) ctx.Traced.Add(range.Variable);
        var plan = new LoopPlan(loop, kind, carries) { Fori = fori, Range = range };
        foreach (var carry in carries)
        {
            var type = TypeOf(carry);
            if (ctx.IsTensor(type) || IsTensorTuple(ctx, type)) continue;
            if (IsPrimitive(type) || NumberTuples.IsLocal(ctx, carry))
            {
                ctx.Traced.Add(carry);
                continue;
            }
            ctx.Problem(LiftCodes.CarryType, loop,
                $"'{carry.Name}' is carried by the loop but has type {type?.ToDisplayString() ?? "?"}; carries must be Tensor, bool, int, long, float, double or value tuples of tensors");
        }
        ctx.Loops[loop] = plan;
        FindCollected(ctx, plan);
    }

    /// <summary>
    /// The variables written inside the loop, declared outside it, whose value flows into the loop or out of it. Each
    /// data-flow result is a pass over the whole method: DataFlowsOut is asked only for a written variable that does not
    /// flow in (most carries are read before they are written in the loop, so they flow in).
    /// </summary>
    private static List<ISymbol> Carries(DataFlowAnalysis flow)
    {
        var candidates = new List<ISymbol>();
        HashSet<ISymbol>? declared = null;
        foreach (var s in flow.WrittenInside)
        {
            if (!IsVariable(s)) continue;
            declared ??= new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default);
            if (!declared.Contains(s)) candidates.Add(s);
        }
        if (candidates.Count == 0) return [];
        var flowsIn = new HashSet<ISymbol>(flow.DataFlowsIn, SymbolEqualityComparer.Default);
        HashSet<ISymbol>? flowsOut = null;
        var carries = new List<ISymbol>();
        foreach (var s in candidates)
        {
            if (flowsIn.Contains(s) || (flowsOut ??= new HashSet<ISymbol>(flow.DataFlowsOut, SymbolEqualityComparer.Default)).Contains(s)) carries.Add(s);
        }
        return Ordered(carries);
    }

    /// <summary>Lists declared beside the loop, filled with one top-level <c>Add</c> per iteration, and only stacked or concatenated after it.</summary>
    private static void FindCollected(LiftContext ctx, LoopPlan plan)
    {
        var loop = plan.Statement;
        var body = LoopBody(loop);
        // A name after '.' is a member, never a local: not bound here.
        var lists = loop.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(id => !(id.Parent is MemberAccessExpressionSyntax ma && ma.Name == id))
            .Select(id => ctx.SymbolOf(id))
            .OfType<ILocalSymbol>()
            .Where(s => IsTensorList(ctx, s.Type))
            .Distinct<ILocalSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        foreach (var list in lists)
        {
            var declarator = list.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
            if (declarator?.Parent?.Parent is not LocalDeclarationStatementSyntax declaration || !HoistedCollections.DeclaredAround(declaration, loop))
            {
                ctx.Problem(LiftCodes.CollectedOutput, loop, $"the list '{list.Name}' filled in the loop must be declared before it, in the same block or a block around the if holding it");
                continue;
            }
            var adds = new List<ExpressionStatementSyntax>();
            foreach (var id in loop.DescendantNodes().OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == list.Name && SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(i), list)))
            {
                if (Parens.Outermost(id).Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" } ma && ma.Parent is InvocationExpressionSyntax inv
                    && inv.Parent is ExpressionStatementSyntax es && (es.Parent == body || es == body))
                {
                    adds.Add(es);
                }
                else
                {
                    ctx.Problem(LiftCodes.CollectedOutput, id, $"inside the loop, the list '{list.Name}' may only be used as '{list.Name}.Add(value);' directly in the loop body (not under an if or an inner loop)");
                }
            }
            if (adds.Count != 1)
            {
                if (adds.Count > 1) ctx.Problem(LiftCodes.CollectedOutput, adds[1], $"'{list.Name}.Add' may appear once per iteration");
                continue;
            }
            var collected = new CollectedList(list, declaration, loop, adds[0]);
            if (ctx.Collected.ContainsKey(list)) ctx.MoreCollected.Add(collected); // filled by another loop too (one per branch of a static if)
            else ctx.Collected[list] = collected;
            plan.Outputs.Add(collected);
        }
    }

    /// <summary>
    /// The variables a statement writes, read from its syntax (assignments, increments, out/ref arguments, deconstructions):
    /// the same set as data flow's WrittenInside for the counters and bounds a for loop tests, at a fraction of its cost.
    /// </summary>
    public static HashSet<ISymbol> WrittenIn(SemanticModel model, SyntaxNode node)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var n in node.DescendantNodesAndSelf())
        {
            switch (n)
            {
                case AssignmentExpressionSyntax a:
                    AddTargets(model, a.Left, written);
                    break;
                case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when IsIncrement(n) is { } operand:
                    AddTargets(model, operand, written);
                    break;
                case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None } arg:
                    AddTargets(model, arg.Expression, written);
                    break;
            }
        }
        return written;
    }

    private static void AddTargets(SemanticModel model, ExpressionSyntax target, HashSet<ISymbol> written)
    {
        switch (Parens.Strip(target))
        {
            case TupleExpressionSyntax t:
                foreach (var a in t.Arguments) AddTargets(model, a.Expression, written);
                break;
            case DeclarationExpressionSyntax:
                break;
            case var e when model.GetSymbolInfo(e).Symbol is { } s:
                written.Add(s);
                break;
        }
    }

    public static SyntaxNode LoopBody(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax f => f.Statement,
        WhileStatementSyntax w => w.Statement,
        DoStatementSyntax d => d.Statement,
        ForEachStatementSyntax fe => fe.Statement,
        _ => loop,
    };

    public static List<ISymbol> Ordered(IEnumerable<ISymbol> symbols) =>
        symbols.Distinct(SymbolEqualityComparer.Default)
            .OrderBy(s => s.Locations.FirstOrDefault()?.SourceSpan.Start ?? int.MaxValue)
            .ThenBy(s => s.Name, System.StringComparer.Ordinal)
            .ToList();

    public static bool IsVariable(ISymbol s) => s is ILocalSymbol || s is IParameterSymbol { IsThis: false };

    public static ITypeSymbol? TypeOf(ISymbol s) => s switch
    {
        ILocalSymbol l => l.Type,
        IParameterSymbol p => p.Type,
        _ => null,
    };

    /// <summary>The parameter of <paramref name="m"/> the argument at <paramref name="index"/> binds to (by name when it is named), or null.</summary>
    public static IParameterSymbol? ParameterOf(IMethodSymbol m, ArgumentSyntax a, int index) =>
        a.NameColon is { } named ? m.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText)
        : index < m.Parameters.Length ? m.Parameters[index] : null;

    /// <summary>A C# number the twin can hold as a 0-d tensor (one list: <see cref="Parsing.TypeSupport.PrimitiveKeyword"/>).</summary>
    public static bool IsPrimitive(ITypeSymbol? t) => t is not null && Parsing.TypeSupport.IsPrimitive(t);

    public static bool IsTensorTuple(LiftContext ctx, ITypeSymbol? t) =>
        t is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.All(e => ctx.IsTensor(e.Type) || IsTensorTuple(ctx, e.Type));

    public static bool IsTensorList(LiftContext ctx, ITypeSymbol? t) =>
        t is INamedTypeSymbol { Name: "List", TypeArguments.Length: 1 } n
        && n.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic"
        && ctx.IsTensor(n.TypeArguments[0]);

    /// <summary>A symbol's name as C# source: <c>@class</c> for a keyword.</summary>
    public static string Id(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword ? "@" + name : name;

    /// <summary>The C# keyword of a primitive type (for <c>Lifted.As&lt;float&gt;</c>).</summary>
    public static string Keyword(ITypeSymbol t) => Parsing.TypeSupport.PrimitiveKeyword(t) ?? t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
