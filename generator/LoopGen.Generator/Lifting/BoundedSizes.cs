using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Sizes the compiled code reads from the data: <c>splits[k].Item&lt;int&gt;()</c> used only as a size (a slice bound,
/// <c>Math.Min</c>/<c>Max</c> of sizes, arithmetic on them) is a traced int; a range with a traced bound,
/// <c>w[.., start..end]</c>, a <c>Tensor.SliceDynamic</c> whose result is <em>bounded</em> (padded to the operand's size,
/// with a traced valid length); <c>x.Shape[d]</c> of a bounded tensor is <c>Tensor.SizeOf(x, d)</c>; and a list of
/// bounded pieces concatenated after its loop is one <c>Loop.ForConcat</c>. Where no bound can be derived (a traced
/// size given where a size must be known when tracing, <c>Tensor.Zeros(start)</c>), LG0020 names the variable.
/// </summary>
internal static class BoundedSizes
{
    private enum Use
    {
        Size,
        Unbounded,
        Data,
    }

    /// <summary>
    /// Whether <paramref name="inv"/>, an <c>Item&lt;T&gt;()</c> inside the lifted loop <paramref name="loop"/>, is a size read
    /// the compiled code can trace (recorded), and if its value reaches a size with no bound, the LG0020 problem.
    /// Returns false where the read is data (the host-read diagnostic stays).
    /// </summary>
    public static bool AcceptRead(LiftContext ctx, InvocationExpressionSyntax inv, StatementSyntax loop)
    {
        if (!ctx.Loops.ContainsKey(loop)) return false;
        if (ctx.SymbolOf(inv) is not IMethodSymbol { Name: "Item", IsStatic: false, Parameters.Length: 0, TypeArguments.Length: 1 } m
            || !ctx.IsTensor(m.ContainingType)
            || m.TypeArguments[0].SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)) return false;
        if (inv.Expression is not MemberAccessExpressionSyntax) return false;
        var (use, where, variable) = Classify(ctx, inv, new HashSet<ISymbol>(SymbolEqualityComparer.Default));
        if (use == Use.Data) return false;
        ctx.Sizes.Reads.Add(inv);
        if (use == Use.Unbounded && where is not null)
        {
            var name = variable ?? inv.ToString();
            ctx.Problem(LiftCodes.UnboundedSize, where,
                $"'{name}' is a size the compiled code reads from the data ('{inv}', line {ctx.LineOf(inv.SpanStart)}); '{where}' needs a size known when tracing, and LoopGen derives a bound only for slices of a tensor ({Example}) and Math.Min/Max of those: slice a tensor instead, or read the value after the call");
        }
        return true;
    }

    private const string Example = "w[.., start..end]";

    /// <summary>How a size value is used, walking up from <paramref name="value"/> (and through the locals it initializes).</summary>
    private static (Use Use, SyntaxNode? Where, string? Variable) Classify(LiftContext ctx, ExpressionSyntax value, HashSet<ISymbol> visiting)
    {
        SyntaxNode node = value;
        while (true)
        {
            var parent = node.Parent;
            switch (parent)
            {
                case ParenthesizedExpressionSyntax or CheckedExpressionSyntax:
                    node = parent;
                    continue;
                case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.UnaryMinusExpression) || p.IsKind(SyntaxKind.UnaryPlusExpression):
                    node = parent;
                    continue;
                case BinaryExpressionSyntax b when b.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                    or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
                    if (ctx.IsTensor(ctx.TypeOf(b))) return (Use.Data, null, null);
                    node = parent;
                    continue;
                case CastExpressionSyntax c when ctx.TypeOf(c.Type)?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64:
                    node = parent;
                    continue;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                    when Mappings.KnownMath.TensorMethod(ctx.SymbolOf(call) as IMethodSymbol) is "Minimum" or "Maximum" or "Clamp":
                    node = call;
                    continue;
                case RangeExpressionSyntax range when InTensorIndex(ctx, range):
                    return (Use.Size, null, null);
                case ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax ea } } when ctx.IsTensor(ctx.TypeOf(ea.Expression)):
                    return (Use.Size, null, null); // a dynamic index
                case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax v } when ctx.DeclaredOf(v) is ILocalSymbol local && IsInteger(local.Type):
                    return ClassifyVariable(ctx, local, visiting);
                case AssignmentExpressionSyntax a when a.Right == node && ctx.SymbolOf(a.Left) is { } target
                    && LoopAnalysis.IsVariable(target) && IsInteger(LoopAnalysis.TypeOf(target)):
                    return ClassifyVariable(ctx, target, visiting); // count += end - start: an int the loop carries
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    node = tuple;
                    continue;
                case ReturnStatementSyntax or ArrowExpressionClauseSyntax when IsInteger(ctx.TypeOf((ExpressionSyntax)node)) || node is TupleExpressionSyntax:
                    return (Use.Size, null, null); // a number returned: read back once, after the call
                case ArgumentSyntax arg when !TakesTensorArgument(ctx, arg):
                    return (Use.Unbounded, arg.Parent?.Parent ?? arg, null);
                case ExpressionElementSyntax { Parent: CollectionExpressionSyntax { Parent: ArgumentSyntax arg } } when !TakesTensorArgument(ctx, arg):
                    return (Use.Unbounded, arg.Parent?.Parent ?? arg, null);
                default:
                    return (Use.Data, null, null);
            }
        }
    }

    private static bool IsInteger(ITypeSymbol? t) => t?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    /// <summary>The worst use of an int variable holding a size (every read of it, not the writes).</summary>
    private static (Use, SyntaxNode?, string?) ClassifyVariable(LiftContext ctx, ISymbol local, HashSet<ISymbol> visiting)
    {
        if (!visiting.Add(local)) return (Use.Size, null, null);
        var body = (SyntaxNode?)ctx.Method.Body ?? ctx.Method.ExpressionBody;
        if (body is null) return (Use.Data, null, null);
        (Use, SyntaxNode?, string?) worst = (Use.Size, null, null);
        foreach (var id in body.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (id.Identifier.ValueText != local.Name || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(id), local)) continue;
            var outer = Parens.Outermost(id);
            // Writes (x = e, x += e, x++) are not reads that leave: what they read flows back into x.
            if (outer.Parent is AssignmentExpressionSyntax w && w.Left == outer) continue;
            if (outer.Parent?.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
                && outer.Parent.Parent is ExpressionStatementSyntax) continue;
            var (use, where, variable) = Classify(ctx, id, visiting);
            if (use == Use.Data) return (Use.Data, null, null);
            if (use == Use.Unbounded && worst.Item1 == Use.Size) worst = (use, where, variable ?? local.Name);
        }
        return worst;
    }

    private static bool TakesTensorArgument(LiftContext ctx, ArgumentSyntax arg)
    {
        if (arg.Parent?.Parent is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) || arg.Parent is not ArgumentListSyntax list) return false;
        if (ctx.SymbolOf(arg.Parent.Parent) is not IMethodSymbol m) return false;
        int index = list.Arguments.IndexOf(arg);
        IParameterSymbol? p = arg.NameColon is { } nc
            ? m.Parameters.FirstOrDefault(x => x.Name == nc.Name.Identifier.ValueText)
            : index < m.Parameters.Length ? m.Parameters[index] : m.Parameters.LastOrDefault(x => x.IsParams);
        if (p is null) return false;
        var type = p.IsParams && p.Type is IArrayTypeSymbol at ? at.ElementType : p.Type;
        return ctx.IsTensor(type) || type.Name is "TensorIndex" && type.ContainingNamespace?.ToDisplayString() == "LoopGen";
    }

    /// <summary>A range that indexes a tensor: <c>x[.., a..b]</c>.</summary>
    private static bool InTensorIndex(LiftContext ctx, RangeExpressionSyntax range) =>
        range.Parent is ArgumentSyntax { Parent: BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax access } }
        && ctx.IsTensor(ctx.TypeOf(access.Expression));

    /// <summary>A range on a tensor with a bound the compiled code computes (not a constant-length window): a dynamic slice.</summary>
    public static bool IsDynamicRange(LiftContext ctx, RangeExpressionSyntax range) =>
        InTensorIndex(ctx, range) && TracedWindow.Match(ctx, range) is null
        && (range.LeftOperand is { } l && TracedTypes.IsTraced(ctx, l) || range.RightOperand is { } r && TracedTypes.IsTraced(ctx, r));

    /// <summary>Whether <paramref name="e"/> reads a size the compiled code computes: an accepted size read, or a dimension of a bounded tensor.</summary>
    public static bool ReadsSize(LiftContext ctx, ExpressionSyntax e)
    {
        var sizes = ctx.Sizes;
        if (sizes.Reads.Count == 0 && sizes.Bounded.Count == 0) return false;
        foreach (var n in e.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax))
        {
            if (n is InvocationExpressionSyntax inv && sizes.Reads.Contains(inv)) return true;
            if (n is ElementAccessExpressionSyntax ea && ShapeOfBounded(ctx, ea) is not null) return true;
        }
        return false;
    }

    /// <summary><c>x.Shape[d]</c> with <c>x</c> bounded: the tensor expression and the axis expression.</summary>
    public static (ExpressionSyntax Tensor, ExpressionSyntax Axis)? ShapeOfBounded(LiftContext ctx, ElementAccessExpressionSyntax ea)
    {
        if (ctx.Sizes.Bounded.Count == 0) return null;
        if (ea.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shape" } shape || ea.ArgumentList.Arguments.Count != 1) return null;
        if (!ctx.IsTensor(ctx.TypeOf(shape.Expression)) || !IsBoundedTensor(ctx, shape.Expression)) return null;
        return (shape.Expression, ea.ArgumentList.Arguments[0].Expression);
    }

    /// <summary>Whether the tensor <paramref name="e"/> (whose <c>Shape</c> is read) is bounded.</summary>
    private static bool IsBoundedTensor(LiftContext ctx, ExpressionSyntax e) =>
        Parens.Strip(e) is IdentifierNameSyntax id ? ctx.SymbolOf(id) is { } s && ctx.Sizes.Bounded.Contains(s) : IsBounded(ctx, e);

    /// <summary>
    /// Whether a tensor expression's shape depends on the data: it slices with a traced bound, or reads a bounded tensor
    /// (not through a whole reduction, <c>x.Sum()</c>, whose result is 0-d whatever x's size).
    /// </summary>
    public static bool IsBounded(LiftContext ctx, ExpressionSyntax e)
    {
        foreach (var n in e.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && !IsWholeReduction(ctx, n)))
        {
            if (n is RangeExpressionSyntax r && IsDynamicRange(ctx, r)) return true;
            if (n is IdentifierNameSyntax id && ctx.Sizes.Bounded.Count > 0 && !IsShapeRead(id)
                && ctx.SymbolOf(id) is { } s && ctx.Sizes.Bounded.Contains(s)) return true;
        }
        return false;
    }

    /// <summary><c>x.Sum()</c>, <c>x.Max()</c>, … with no axis: a 0-d tensor.</summary>
    private static bool IsWholeReduction(LiftContext ctx, SyntaxNode n) =>
        n is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sum" or "Max" or "Min" or "Mean" or "Prod" or "Any" or "All" }, ArgumentList.Arguments.Count: 0 } inv
        && ctx.SymbolOf(inv) is IMethodSymbol { IsStatic: false } m && ctx.IsTensor(m.ContainingType);

    /// <summary><c>x</c> in <c>x.Shape…</c>: reading a size, not the tensor's values.</summary>
    private static bool IsShapeRead(IdentifierNameSyntax id) =>
        Parens.Outermost(id).Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shape" or "DType" or "Rank" } ma && ma.Expression == Parens.Outermost(id);

    /// <summary>Marks the tensors whose shape depends on the data (to a fixpoint with the traced numbers): true if any was added.</summary>
    public static bool Propagate(LiftContext ctx, SyntaxNode body)
    {
        bool any = false, changed = true;
        while (changed)
        {
            changed = false;
            foreach (var node in LoopAnalysis.Walk(body))
            {
                ISymbol? target = null;
                ExpressionSyntax? value = null;
                if (node is VariableDeclaratorSyntax { Initializer: { } init } v && ctx.DeclaredOf(v) is ILocalSymbol local)
                {
                    target = local;
                    value = init.Value;
                }
                else if (node is AssignmentExpressionSyntax a && a.IsKind(SyntaxKind.SimpleAssignmentExpression) && ctx.SymbolOf(a.Left) is { } s && LoopAnalysis.IsVariable(s))
                {
                    target = s;
                    value = a.Right;
                }
                if (target is null || value is null || ctx.Sizes.Bounded.Contains(target) || !ctx.IsTensor(LoopAnalysis.TypeOf(target))) continue;
                if (IsBounded(ctx, value))
                {
                    ctx.Sizes.Bounded.Add(target);
                    changed = any = true;
                }
            }
        }
        return any;
    }

    /// <summary>
    /// The checks after the traced numbers are known: each size used where a size must be known when tracing (LG0020),
    /// each range the compiled code cannot slice (LG0022), each bounded tensor whose whole shape is needed (LG0023), and the
    /// lists of bounded pieces, which must be concatenated (LG0021); the loops that collect them become <c>Loop.ForConcat</c>.
    /// </summary>
    public static void Validate(LiftContext ctx, SyntaxNode body)
    {
        if (ctx.Sizes.Reads.Count == 0 && ctx.Sizes.Bounded.Count == 0 && !LoopAnalysis.Walk(body).OfType<RangeExpressionSyntax>().Any(r => IsDynamicRange(ctx, r))) return;
        MarkSizeLocals(ctx, body);
        foreach (var node in LoopAnalysis.Walk(body))
        {
            switch (node)
            {
                case ElementAccessExpressionSyntax ea when ShapeOfBounded(ctx, ea) is { } shape:
                    if (ctx.Model.GetConstantValue(shape.Axis) is not { HasValue: true, Value: int })
                    {
                        ctx.Problem(LiftCodes.BoundedShape, ea, $"'{shape.Tensor}' has a size that depends on the data; read its dimensions with a constant axis ('{shape.Tensor}.Shape[1]'), not '{ea}'");
                    }
                    else if (TracedTypes.BadUse(ctx, ea) is { } where && !ctx.Reported(LiftCodes.UnboundedSize, where))
                    {
                        ctx.Problem(LiftCodes.UnboundedSize, where, UnboundedMessage(ctx, ea.ToString(), ea, where));
                    }
                    break;
                case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Shape" } ma when ma.Parent is not ElementAccessExpressionSyntax
                    && ctx.IsTensor(ctx.TypeOf(ma.Expression)) && IsBoundedTensor(ctx, ma.Expression):
                    ctx.Problem(LiftCodes.BoundedShape, ma, $"'{ma.Expression}' has a size that depends on the data, so its whole shape is not known when tracing; read one dimension at a time ('{ma}[1]')");
                    break;
                case IdentifierNameSyntax id when ctx.Sizes.Locals.Count > 0 && ctx.SymbolOf(id) is { } s && ctx.Sizes.Locals.Contains(s):
                    if (TracedTypes.BadUse(ctx, id) is { } bad && !ctx.Reported(LiftCodes.UnboundedSize, bad))
                    {
                        ctx.Problem(LiftCodes.UnboundedSize, bad, UnboundedMessage(ctx, s.Name, s.Locations.FirstOrDefault() is { } l && l.SourceTree == id.SyntaxTree ? l.SourceSpan.Start : id.SpanStart, bad));
                    }
                    break;
                case RangeExpressionSyntax r when IsDynamicRange(ctx, r) && WhyNotSliced(ctx, r) is { } why:
                    ctx.Problem(LiftCodes.UnslicedRange, r, $"the range '{r}' has a bound the compiled code computes, but {why}");
                    break;
                case AssignmentExpressionSyntax a when ctx.SymbolOf(a.Left) is { } carry && ctx.Sizes.Bounded.Contains(carry) && IsCarried(ctx, carry)
                    && !ctx.Reported(LiftCodes.CarryShape, a):
                    ctx.Problem(LiftCodes.BoundedShape, a, $"'{carry.Name}' is carried by the loop but gets a tensor whose size depends on the data ('{a.Right}'); a loop carry keeps one shape: collect the pieces in a list and Tensor.Concat them after the loop");
                    break;
            }
        }
        CheckConcatLoops(ctx, body);
    }

    private static string UnboundedMessage(LiftContext ctx, string name, SyntaxNode at, SyntaxNode where) => UnboundedMessage(ctx, name, at.SpanStart, where);

    private static string UnboundedMessage(LiftContext ctx, string name, int declared, SyntaxNode where) =>
        $"'{name}' (line {ctx.LineOf(declared)}) is a size that depends on the data; '{where}' needs a size known when tracing, and LoopGen derives a bound only for slices of a tensor ({Example}) and Math.Min/Max of those";

    /// <summary>Int locals initialized from a data-dependent size (for LG0020's message: they are sizes, not carried numbers).</summary>
    private static void MarkSizeLocals(LiftContext ctx, SyntaxNode body)
    {
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var v in LoopAnalysis.Walk(body).OfType<VariableDeclaratorSyntax>())
            {
                if (v.Initializer is not { } init || ctx.DeclaredOf(v) is not ILocalSymbol local || ctx.Sizes.Locals.Contains(local)) continue;
                if (local.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)) continue;
                bool fromSize = ReadsSize(ctx, init.Value) || init.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                    .Any(id => ctx.SymbolOf(id) is { } s && ctx.Sizes.Locals.Contains(s));
                if (fromSize) changed |= ctx.Sizes.Locals.Add(local);
            }
        }
    }

    private static bool IsCarried(LiftContext ctx, ISymbol s) => ctx.Loops.Values.Any(p => p.Carries.Contains(s, SymbolEqualityComparer.Default));

    /// <summary>Why a dynamic range cannot be a <c>Tensor.SliceDynamic</c>, or null.</summary>
    private static string? WhyNotSliced(LiftContext ctx, RangeExpressionSyntax r)
    {
        if (r.LeftOperand is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } || r.RightOperand is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression })
        {
            return "counts from the end (^); write the bound from the start (x.Shape[d] - k)";
        }
        var access = (ElementAccessExpressionSyntax)r.Parent!.Parent!.Parent!;
        foreach (var arg in access.ArgumentList.Arguments)
        {
            if (Parens.Strip(arg.Expression) is not RangeExpressionSyntax)
            {
                return $"'{access}' mixes it with the index '{arg}'; slice with ranges only ({Example}), then index the result";
            }
            if (arg.NameColon is not null || !arg.RefKindKeyword.IsKind(SyntaxKind.None)) return $"'{arg}' is not a plain range";
        }
        return null;
    }

    /// <summary>
    /// A loop whose collected pieces depend on the data is one <c>Loop.ForConcat</c>: every list it fills must be joined by
    /// <c>Tensor.Concat(list, axis)</c> (or spread into one) with an axis known when tracing.
    /// </summary>
    private static void CheckConcatLoops(LiftContext ctx, SyntaxNode body)
    {
        foreach (var plan in ctx.Loops.Values.Where(p => p.Outputs.Count > 0))
        {
            var bounded = plan.Outputs.Where(o => ((InvocationExpressionSyntax)o.Add.Expression).ArgumentList.Arguments is { Count: 1 } args && IsBounded(ctx, args[0].Expression)).ToList();
            if (bounded.Count == 0) continue;
            bool ok = true;
            var axes = new Dictionary<ISymbol, ExpressionSyntax?>(SymbolEqualityComparer.Default);
            foreach (var list in plan.Outputs)
            {
                foreach (var id in LoopAnalysis.Walk(body).OfType<IdentifierNameSyntax>())
                {
                    if (id.SpanStart < plan.Statement.Span.End || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(id), list.List)) continue;
                    var concat = ConcatOf(ctx, id);
                    if (concat is null)
                    {
                        ctx.Problem(LiftCodes.BoundedCollected, id, $"the pieces collected in '{list.List.Name}' have sizes that depend on the data, so after the loop '{list.List.Name}' can only be joined with Tensor.Concat({list.List.Name}, axis)");
                        ok = false;
                        continue;
                    }
                    var axis = concat.ArgumentList.Arguments.Count == 2 ? concat.ArgumentList.Arguments[1].Expression : null;
                    if (axis is not null && !StaticAxis(ctx, axis))
                    {
                        ctx.Problem(LiftCodes.BoundedCollected, axis, $"the pieces collected in '{list.List.Name}' are joined in one loop, so the axis of Tensor.Concat must be known when the loop is traced: a constant or a parameter, not '{axis}'");
                        ok = false;
                    }
                    else if (axes.TryGetValue(list.List, out var seen))
                    {
                        if (!SyntaxFactory.AreEquivalent(seen, axis))
                        {
                            ctx.Problem(LiftCodes.BoundedCollected, concat, $"'{list.List.Name}' is joined twice on different axes; its pieces are joined once, in the loop: concatenate it once");
                            ok = false;
                        }
                    }
                    else
                    {
                        axes[list.List] = axis;
                    }
                }
                if (!axes.ContainsKey(list.List) && ok)
                {
                    axes[list.List] = null;
                }
            }
            if (!ok) continue;
            ctx.Sizes.ConcatLoops.Add(plan.Statement);
            foreach (var kv in axes) ctx.Sizes.Axes[kv.Key] = kv.Value;
        }
    }

    /// <summary>The <c>Tensor.Concat</c> that joins a collected list: <c>Tensor.Concat(list, axis)</c> or <c>Tensor.Concat([x, .. list], axis)</c>.</summary>
    public static InvocationExpressionSyntax? ConcatOf(LiftContext ctx, IdentifierNameSyntax id)
    {
        if (Parens.Outermost(id).Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax inv } args } arg
            && args.Arguments.IndexOf(arg) == 0 && ctx.SymbolOf(inv) is IMethodSymbol { Name: "Concat", IsStatic: true } m && ctx.IsTensor(m.ContainingType))
        {
            return inv;
        }
        return MethodLifter.SpreadIntoConcat(ctx, id);
    }

    /// <summary>An axis known when tracing: a constant, or an expression of static parameters and constants.</summary>
    private static bool StaticAxis(LiftContext ctx, ExpressionSyntax axis)
    {
        if (ctx.Model.GetConstantValue(axis).HasValue) return true;
        if (TracedTypes.IsTraced(ctx, axis)) return false;
        return axis.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().All(id => ctx.SymbolOf(id) is IParameterSymbol or IFieldSymbol { IsConst: true })
            && !axis.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax or ElementAccessExpressionSyntax or AssignmentExpressionSyntax);
    }
}

/// <summary>What <see cref="BoundedSizes"/> learns about a method: the size reads, bounded tensors and <c>ForConcat</c> loops.</summary>
internal sealed class SizePlan
{
    /// <summary><c>Item&lt;int&gt;()</c> calls that are traced ints in the twin (<c>Lifted.As&lt;int&gt;(x)</c>).</summary>
    public HashSet<InvocationExpressionSyntax> Reads { get; } = new();

    /// <summary>Tensor variables whose shape depends on the data (bounded in the twin).</summary>
    public HashSet<ISymbol> Bounded { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Int locals holding a data-dependent size.</summary>
    public HashSet<ISymbol> Locals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Loops whose collected lists become one <c>Loop.ForConcat</c>.</summary>
    public HashSet<StatementSyntax> ConcatLoops { get; } = new();

    /// <summary>The concatenation axis of each list of those loops (null: the default, 0).</summary>
    public Dictionary<ISymbol, ExpressionSyntax?> Axes { get; } = new(SymbolEqualityComparer.Default);
}
