using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Decides which C# primitives are 0-d tensors in the twin: loop carries and counters, outputs of traced ifs,
/// <c>[Dynamic]</c> parameters, and — to a fixpoint — every primitive assigned from one of those. Then checks each use
/// of such a variable is one a tensor can stand in (arithmetic, comparisons, tensor arguments, conditions…).
/// </summary>
internal static class TracedTypes
{
    public static void Propagate(LiftContext ctx, SyntaxNode body)
    {
        bool changed = true;
        while (changed)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (var node in LoopAnalysis.Walk(body))
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax d when Deconstructions.Is(d):
                        changed |= Deconstructions.Propagate(ctx, d);
                        break;
                    case VariableDeclaratorSyntax { Initializer: { } init } v
                        when ctx.DeclaredOf(v) is ILocalSymbol local && (LoopAnalysis.IsPrimitive(local.Type) || NumberTuples.Is(ctx, local.Type)) && !ctx.Traced.Contains(local) && IsTraced(ctx, init.Value):
                        changed |= ctx.Traced.Add(local);
                        break;
                    case AssignmentExpressionSyntax a when ctx.SymbolOf(a.Left) is { } target && LoopAnalysis.IsVariable(target)
                        && (LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(target)) || NumberTuples.IsLocal(ctx, target)) && !ctx.Traced.Contains(target) && IsTraced(ctx, a.Right):
                        changed |= ctx.Traced.Add(target);
                        break;
                    case IfStatementSyntax i when !ctx.Conds.ContainsKey(i) && IsTracedCondition(ctx, i.Condition):
                        PlanCond(ctx, i);
                        changed = true;
                        break;
                    case SwitchStatementSyntax sw when !ctx.Switches.ContainsKey(sw) && TracedSwitch.IsTraced(ctx, sw) && TracedSwitch.Supported(ctx, sw):
                        var plan = new CondPlan();
                        ctx.Switches[sw] = plan;
                        PlanBranches(ctx, sw, plan);
                        changed = true;
                        break;
                }
            }
        }
    }

    /// <summary>True if <paramref name="e"/> reads a traced primitive (so it is a tensor in the twin).</summary>
    public static bool IsTraced(LiftContext ctx, ExpressionSyntax e) =>
        e.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax)
            .OfType<IdentifierNameSyntax>()
            .Any(id => ctx.MayBeTraced(id) && ctx.SymbolOf(id) is { } s && ctx.Traced.Contains(s) && !StaticTupleFields.IsStaticRead(ctx, id))
        || BoundedSizes.ReadsSize(ctx, e);

    /// <summary>A condition on a tensor (a comparison of tensors, a pred tensor) or on traced primitives.</summary>
    public static bool IsTracedCondition(LiftContext ctx, ExpressionSyntax condition) =>
        ctx.IsTensor(ctx.TypeOf(condition)) || IsTraced(ctx, condition);

    private static void PlanCond(LiftContext ctx, IfStatementSyntax i)
    {
        var plan = new CondPlan();
        ctx.Conds[i] = plan;
        PlanBranches(ctx, i, plan);
    }

    /// <summary>What a traced if or switch writes (state, produced, temporaries), and the exits it cannot lift.</summary>
    private static void PlanBranches(LiftContext ctx, StatementSyntax i, CondPlan plan)
    {
        var flow = ctx.Model.AnalyzeDataFlow(i);
        if (flow is null || !flow.Succeeded)
        {
            ctx.Problem(LiftCodes.NoDataFlow, i, "the statement's data flow could not be analysed");
            return;
        }
        var declared = new HashSet<ISymbol>(flow.VariablesDeclared, SymbolEqualityComparer.Default);
        var onEntry = new HashSet<ISymbol>(flow.DefinitelyAssignedOnEntry, SymbolEqualityComparer.Default);
        var onExit = new HashSet<ISymbol>(flow.DefinitelyAssignedOnExit, SymbolEqualityComparer.Default);
        foreach (var v in LoopAnalysis.Ordered(flow.WrittenInside.Where(s => LoopAnalysis.IsVariable(s) && !declared.Contains(s))))
        {
            var type = LoopAnalysis.TypeOf(v);
            if (LoopAnalysis.IsPrimitive(type) || NumberTuples.IsLocal(ctx, v)) ctx.Traced.Add(v);
            else if (!ctx.IsTensor(type) && !LoopAnalysis.IsTensorTuple(ctx, type))
            {
                ctx.Problem(LiftCodes.CarryType, i, $"'{v.Name}' is assigned under a traced condition but has type {type?.ToDisplayString()}; only tensors and C# numbers can be");
                continue;
            }
            (onEntry.Contains(v) ? plan.State : onExit.Contains(v) ? plan.Produced : plan.Temporaries).Add(v);
        }
        foreach (var n in i.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax))
        {
            // break/continue of a lifted loop are flags (see TwinRenderer.Exits); anything else cannot leave a traced branch.
            if (i is SwitchStatementSyntax sw && TracedSwitch.IsSectionEnd(n, sw)) continue;
            if (n is ReturnStatementSyntax r && (ctx.Returns.ContainsKey(r) || ctx.Reported(LiftCodes.ReturnInLoop, r))) continue; // flags, or already said why not
            if (n is ReturnStatementSyntax or GotoStatementSyntax
                || n is BreakStatementSyntax or ContinueStatementSyntax && LoopAnalysis.EnclosingLoop(n, i) is null && !ctx.Exits.ContainsKey((StatementSyntax)n))
            {
                ctx.Problem(LiftCodes.ExitInTracedIf, n, $"'{n.GetFirstToken().Text}' under a traced condition (line {ctx.LineOf(i.SpanStart)}) cannot be lifted; assign a variable instead");
            }
        }
    }

    /// <summary>Reports each use of a traced primitive where a tensor cannot stand in for it.</summary>
    public static void Validate(LiftContext ctx, SyntaxNode body)
    {
        foreach (var id in LoopAnalysis.Walk(body).OfType<IdentifierNameSyntax>())
        {
            if (!ctx.MayBeTraced(id) || ctx.SymbolOf(id) is not { } s || !ctx.Traced.Contains(s) || StaticTupleFields.IsStaticRead(ctx, id)) continue;
            if (ctx.Reported(LiftCodes.CarryShape, id) || ctx.Reported(LiftCodes.UnboundedSize, id)) continue;
            if (BadUse(ctx, id) is { } where)
            {
                if (TracedSwitch.WhyNot(ctx, where, id) is { } why)
                {
                    if (!ctx.Reported(LiftCodes.UnliftedSwitch, where)) ctx.Problem(LiftCodes.UnliftedSwitch, where, $"the switch on '{s.Name}' (a number the compiled code computes) cannot be lifted: {why}");
                    continue;
                }
                ctx.Problem(LiftCodes.TracedPrimitiveUse, where,
                    $"'{s.Name}' is a {LoopAnalysis.Keyword(LoopAnalysis.TypeOf(s)!)} that the compiled code computes (a loop carries it or it depends on one), "
                    + $"so there it is a 0-d tensor; it cannot be used as a C# value in '{where}'{HelperHint(ctx, id, where)}");
            }
        }
        // A tensor guard (when x.Sum() > 0) makes the switch the compiled code's too: one a select cannot express would
        // turn the tensor into a C# bool at trace time, so it is refused here rather than failing when the method runs.
        foreach (var when in LoopAnalysis.Walk(body).OfType<WhenClauseSyntax>().Where(w => ctx.IsTensor(ctx.TypeOf(w.Condition))))
        {
            bool lifts = when.Parent switch
            {
                SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax sw } => TracedSwitch.Supported(ctx, sw),
                CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax st } } => ctx.Switches.ContainsKey(st),
                _ => false,
            };
            if (lifts || ctx.Reported(LiftCodes.UnliftedSwitch, when)) continue;
            var why = TracedSwitch.WhyNot(ctx, when, when.Condition) ?? "the guard is not part of a switch";
            ctx.Problem(LiftCodes.UnliftedSwitch, when, $"the switch guarded by the tensor '{when.Condition}' cannot be lifted: {why}");
        }
    }

    /// <summary>
    /// For a traced number passed to a number parameter of a method written in the project (a loop body as a helper,
    /// <c>x = Body(i, x)</c>), how to make it lift: the parameter as a Tensor takes the 0-d tensor, and the plain call
    /// still converts the number. Empty otherwise.
    /// </summary>
    private static string HelperHint(LiftContext ctx, ExpressionSyntax use, SyntaxNode where)
    {
        if (where is not InvocationExpressionSyntax call || ctx.SymbolOf(call) is not IMethodSymbol method || method.DeclaringSyntaxReferences.Length == 0) return "";
        var arg = use.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault(a => a.Parent == call.ArgumentList);
        if (arg is null) return "";
        int index = call.ArgumentList.Arguments.IndexOf(arg);
        var parameter = LoopAnalysis.ParameterOf(method, arg, index);
        if (parameter is null || !LoopAnalysis.IsPrimitive(parameter.Type)) return "";
        return $"; declare parameter '{parameter.Name}' of '{method.Name}' as Tensor: a 0-d tensor takes part in the same arithmetic, and the plain call still converts the {LoopAnalysis.Keyword(parameter.Type)}";
    }

    /// <summary>Where a use of a traced number needs a C# value (walking up from <paramref name="use"/>), or null.</summary>
    internal static SyntaxNode? BadUse(LiftContext ctx, ExpressionSyntax use)
    {
        SyntaxNode node = use;
        while (true)
        {
            // Once the expression is a tensor (x * scale), the number is tensor arithmetic: any use of it is a tensor's.
            if (node != use && node is ExpressionSyntax e && ctx.IsTensor(ctx.TypeOf(e))) return null;
            var parent = node.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or CheckedExpressionSyntax:
                    node = parent;
                    continue;
                case CastExpressionSyntax c when LoopAnalysis.IsPrimitive(ctx.TypeOf(c.Type)) || ctx.IsTensor(ctx.TypeOf(c.Type)):
                    node = parent;
                    continue;
                case ConditionalExpressionSyntax:
                    node = parent;
                    continue;
                case MemberAccessExpressionSyntax ma when ma.Expression == node && NumberTuples.FieldOfLocal(ctx, ma) is not null:
                    node = parent; // s.Count of a carried tuple: a 0-d tensor (or a tensor) in the twin
                    continue;
                case AssignmentExpressionSyntax a when Deconstructions.Is(a):
                    return Deconstructions.Lifts(ctx, a) ? null : parent; // var (c, v) = s, (a, b) = (b, a + b)
                case AssignmentExpressionSyntax a:
                    if (a.Left == node) return null;
                    var target = ctx.SymbolOf(a.Left);
                    if (target is not null && (ctx.Traced.Contains(target) || ctx.IsTensor(LoopAnalysis.TypeOf(target)))) return null;
                    if (ctx.IsTensor(ctx.TypeOf(a.Left))) return null;
                    if (NumberTuples.FieldOfLocal(ctx, a.Left) is not null && TracedRoot(ctx, a.Left)) return null; // s.Count = e of a carried tuple
                    return parent;
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax v }:
                    return ctx.DeclaredOf(v) is { } declared && (ctx.Traced.Contains(declared) || ctx.IsTensor(LoopAnalysis.TypeOf(declared))) ? null : parent;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } when Mappings.KnownMath.TensorMethod(ctx.SymbolOf(call) as IMethodSymbol) is not null:
                    node = call; // Math.Min(m, 3) on a traced number is the tensor op: its result is traced too
                    continue;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple } when tuple.Parent is ReturnStatementSyntax or ArrowExpressionClauseSyntax or ArgumentSyntax { Parent: TupleExpressionSyntax }:
                    node = tuple; // return (x, count): the number comes back as a 0-d tensor, read by the entry
                    continue;
                case ArgumentSyntax { Parent: TupleExpressionSyntax } when Deconstructions.Around(node) is { } deconstruction:
                    return Deconstructions.Lifts(ctx, deconstruction) ? null : deconstruction;
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple } when IntoNumberTuple(ctx, tuple):
                    return null; // s = (s.Count + 1, …) of a carried tuple: each element converted where it is written
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } arg when !TakesTensor(ctx, arg) && TracedHelpers.Check(ctx, call) is not HelperVerdict.NotAHelper:
                    if (!ctx.HelperCalls.TryGetValue(call, out var twin) || twin is null) return null; // why not is reported at the call
                    node = call; // Step(x, i): the helper's traced twin takes the 0-d tensor; a number it returns is traced too
                    continue;
                case ArgumentSyntax arg:
                    return TakesTensor(ctx, arg) ? null : arg.Parent?.Parent ?? arg;
                case SwitchStatementSyntax st when ctx.Switches.ContainsKey(st):
                    return null; // switch (i % 3) { case 0: … }: a chain of conds on the traced value
                case WhenClauseSyntax { Parent: SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax sw } } when TracedSwitch.Supported(ctx, sw):
                    node = sw; // 0 when i > 3 => a: the guard folded into the arm's test, a traced result
                    continue;
                case WhenClauseSyntax { Parent: CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Parent: SwitchStatementSyntax st } } } when ctx.Switches.ContainsKey(st):
                    return null; // case 0 when i > 3: the guard folded into the section's test
                case SwitchExpressionSyntax sw when sw.GoverningExpression == node && TracedSwitch.Supported(ctx, sw):
                    node = sw; // (i % 3) switch { 0 => a, _ => b }: selects on the traced value, a traced result
                    continue;
                case SwitchExpressionArmSyntax { Parent: SwitchExpressionSyntax sw } arm when arm.Expression == node && TracedSwitch.Supported(ctx, sw):
                    node = sw;
                    continue;
                case RangeExpressionSyntax range when TracedWindow.Match(ctx, range) is not null:
                    return null; // xs[i..(i + k)]: a window at a traced start
                case RangeExpressionSyntax range when BoundedSizes.IsDynamicRange(ctx, range):
                    return null; // w[.., start..end]: a dynamic slice, bounded by w's size
                case ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } when TakesTensors(ctx, collection):
                    return null; // [i, j] as the starts of a dynamic slice: a list of tensors
                case ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                    return null;
                case ExpressionStatementSyntax:
                    return null;
                case IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return null;
                case ForStatementSyntax f when ctx.Loops.ContainsKey(f):
                    return null;
                case TupleExpressionSyntax or ArgumentListSyntax:
                    return parent;
                default:
                    return parent ?? node;
            }
        }
    }

    /// <summary>A tuple written in place into a traced number tuple (assigned, or declaring it); nested tuples too.</summary>
    private static bool IntoNumberTuple(LiftContext ctx, TupleExpressionSyntax tuple)
    {
        SyntaxNode outer = Parens.Outermost(tuple);
        if (outer.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax enclosing }) return IntoNumberTuple(ctx, enclosing);
        var target = outer.Parent switch
        {
            AssignmentExpressionSyntax a when a.Right == outer => ctx.SymbolOf(a.Left),
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax v } => ctx.DeclaredOf(v),
            _ => null,
        };
        return target is not null && ctx.Traced.Contains(target) && NumberTuples.IsLocal(ctx, target);
    }

    private static bool TracedRoot(LiftContext ctx, ExpressionSyntax e)
    {
        while (Parens.Strip(e) is MemberAccessExpressionSyntax ma) e = ma.Expression;
        return ctx.SymbolOf(Parens.Strip(e)) is { } s && ctx.Traced.Contains(s);
    }

    /// <summary>A collection expression whose elements become tensors (its target is a list or array of Tensor or TensorIndex).</summary>
    private static bool TakesTensors(LiftContext ctx, CollectionExpressionSyntax collection)
    {
        var type = ctx.Model.GetTypeInfo(collection).ConvertedType;
        var element = type switch
        {
            IArrayTypeSymbol a => a.ElementType,
            INamedTypeSymbol { TypeArguments.Length: 1 } n => n.TypeArguments[0],
            _ => null,
        };
        return element is not null && (ctx.IsTensor(element) || element.Name is "TensorIndex" && element.ContainingNamespace?.ToDisplayString() == "LoopGen");
    }

    /// <summary>An argument bound to a parameter of type Tensor or TensorIndex (so a 0-d tensor may be passed).</summary>
    private static bool TakesTensor(LiftContext ctx, ArgumentSyntax arg)
    {
        if (arg.Parent is BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax ea })
        {
            // A tensor's index, or a C# array constant's (the rewriter makes the array a constant tensor).
            var indexed = ctx.TypeOf(ea.Expression);
            return ctx.IsTensor(indexed) || indexed is IArrayTypeSymbol { Rank: 1 } a && LoopAnalysis.IsPrimitive(a.ElementType) && ea.ArgumentList.Arguments.Count == 1;
        }
        if (arg.Parent?.Parent is not InvocationExpressionSyntax inv || ctx.SymbolOf(inv) is not IMethodSymbol m) return false;
        var list = (ArgumentListSyntax)arg.Parent;
        int index = list.Arguments.IndexOf(arg);
        IParameterSymbol? p = arg.NameColon is { } nc
            ? m.Parameters.FirstOrDefault(x => x.Name == nc.Name.Identifier.ValueText)
            : index < m.Parameters.Length ? m.Parameters[index] : m.Parameters.LastOrDefault(x => x.IsParams);
        if (p is null) return false;
        var type = p.IsParams && p.Type is IArrayTypeSymbol at ? at.ElementType : p.Type;
        return ctx.IsTensor(type) || type.Name is "TensorIndex" && type.ContainingNamespace?.ToDisplayString() == "LoopGen";
    }
}
