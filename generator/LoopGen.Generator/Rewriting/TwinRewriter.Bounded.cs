using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Data-dependent sizes in the twin (see <see cref="BoundedSizes"/>): a size read is a traced int, a range with a traced
/// bound a <c>Tensor.SliceDynamic</c>, <c>x.Shape[d]</c> of a bounded tensor <c>Tensor.SizeOf(x, d)</c>, and a loop that
/// collects bounded pieces one <c>Loop.ForConcat</c>, each piece written at a running offset of a preallocated output.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary><c>x.Item&lt;int&gt;()</c> read as a size → <c>Lifted.As&lt;int&gt;(x)</c>, a traced int.</summary>
    private ExpressionSyntax? SizeRead(InvocationExpressionSyntax inv)
    {
        if (!_ctx.Sizes.Reads.Contains(inv) || inv.Expression is not MemberAccessExpressionSyntax ma) return null;
        if (_ctx.SymbolOf(inv) is not IMethodSymbol { TypeArguments.Length: 1 } m) return null;
        var value = E(ma.Expression);
        // int start = x.Item<int>(): the declaration converts already.
        bool converted = Parens.Outermost(inv).Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax v }
            && Model.GetDeclaredSymbol(v) is ILocalSymbol local && _ctx.Traced.Contains(local) && SymbolEqualityComparer.Default.Equals(local.Type, m.TypeArguments[0]);
        return converted ? value : As(m.TypeArguments[0], value);
    }

    /// <summary><c>x.Shape[d]</c> of a bounded x → <c>Tensor.SizeOf(x, d)</c>; <c>w[.., a..b]</c> with a traced bound → <c>Tensor.SliceDynamic(w, 1, a, b)</c>.</summary>
    private ExpressionSyntax? BoundedAccess(ElementAccessExpressionSyntax ea)
    {
        if (BoundedSizes.ShapeOfBounded(_ctx, ea) is { } shape)
        {
            return _t.Expression($"{TensorType}.SizeOf({A(shape.Tensor)}, {A(shape.Axis)})");
        }
        var args = ea.ArgumentList.Arguments;
        bool IsDynamic(ArgumentSyntax a) => Parens.Strip(a.Expression) is RangeExpressionSyntax r && BoundedSizes.IsDynamicRange(_ctx, r);
        if (!args.Any(IsDynamic)) return null;
        // The static ranges first (the dynamic ones left whole), then one dynamic slice per traced range, axis by axis.
        var x = E(ea.Expression);
        if (args.Any(a => !IsDynamic(a) && !IsWhole(a)))
        {
            var kept = args.Select(a => IsDynamic(a) ? SyntaxFactory.Argument(SyntaxFactory.RangeExpression()) : (ArgumentSyntax)Visit(a)!);
            x = SyntaxFactory.ElementAccessExpression(Template.IsPrimary(x) ? x : SyntaxFactory.ParenthesizedExpression(x), SyntaxFactory.BracketedArgumentList(SyntaxFactory.SeparatedList(kept)));
        }
        for (int axis = 0; axis < args.Count; axis++)
        {
            if (!IsDynamic(args[axis])) continue;
            var r = (RangeExpressionSyntax)Parens.Strip(args[axis].Expression);
            var d = axis.ToString(CultureInfo.InvariantCulture);
            var start = r.LeftOperand is null ? "0" : A(r.LeftOperand);
            var end = r.RightOperand is null ? $"{TensorType}.SizeOf({_t.Arg(x)}, {d})" : A(r.RightOperand);
            x = _t.Expression($"{TensorType}.SliceDynamic({_t.Arg(x)}, {d}, {start}, {end})");
        }
        return x;
    }

    private static bool IsWhole(ArgumentSyntax a) => Parens.Strip(a.Expression) is RangeExpressionSyntax { LeftOperand: null, RightOperand: null };

    /// <summary>
    /// A counted loop whose collected pieces depend on the data:
    /// <c>{ Tensor[] pieces; (carries, pieces) = Loop.ForConcat(0, n, (Tensor t, carries) =&gt; { …; return (carries, new[] { y… }); }, init, axes); stacked… = pieces[k]; }</c>
    /// (without carries, the form that takes and returns only the pieces). Each output is the pieces of all iterations
    /// joined along its axis, written in one <c>while</c> at a running offset.
    /// </summary>
    private StatementSyntax ForConcatCall(LoopPlan plan, Pack carries, string index, string upper, List<string> prologue, string body, List<StatementSyntax> statements)
    {
        var outs = plan.Outputs;
        foreach (var o in outs) statements.Add(_t.Statement($"{TensorType} {StackedName(o)};"));
        var pieces = P("pieces" + _ctx.Next());
        var trips = P("trips" + _ctx.Next());
        foreach (var o in outs) _trips[o.List] = trips;
        // Declared before the loop's statements, assigned where the loop is (a foreach's tensor is declared in its block).
        statements.Add(_t.Statement($"int {trips};"));
        var length = plan.Kind == LoopKind.Foreach ? upper : $"global::System.Math.Max(0, checked((int)({upper})))";
        var rows = outs.Select(o => $"{TensorType} {RowName(o)} = null!;");
        var lines = Open(carries, prologue.Concat(rows).ToArray()) + body;
        var returned = $"new {TensorType}[] {{ {string.Join(", ", outs.Select(RowName))} }}";
        var axes = $"new int[] {{ {string.Join(", ", outs.Select(AxisOf))} }}";
        var assign = string.Concat(outs.Select((o, k) => $"{StackedName(o)} = {pieces}[{k.ToString(CultureInfo.InvariantCulture)}];\n"));
        string call = plan.Carries.Count == 0
            ? $"{TensorType}[] {pieces} = {Lifted}.ForConcat(0, {trips}, ({TensorType} {index}) =>\n{{\n{lines}\nreturn {returned};\n}}, {axes});\n{assign}"
            : $"{TensorType}[] {pieces};\n({carries.Target}, {pieces}) = {Lifted}.ForConcatCarried<{carries.Type}>(0, {trips}, ({TensorType} {index}, {carries.Type} {carries.Param}) =>\n{{\n{lines}\n"
              + $"return ({carries.Value}, {returned});\n}}, {carries.Init}, {axes}{NamesArgument(carries.Names)});\n{assign}";
        // The trip count is known when tracing: with none, the body is not traced at all (as the plain loop never runs
        // it), the carries keep their values and the lists are empty (see ConcatenatedOutput, ConcatenatedSpread).
        var none = string.Concat(outs.Select(o => $"{StackedName(o)} = null!;\n"));
        return _t.Statement($"{{\n{trips} = {length};\nif ({trips} > 0)\n{{\n{call}}}\nelse\n{{\n{none}}}\n}}");
    }

    /// <summary>The variable holding the trip count of the <c>ForConcat</c> loop that fills each list.</summary>
    private readonly Dictionary<ISymbol, string> _trips = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// <c>Tensor.Concat(list, axis)</c> of a list joined by <c>Loop.ForConcat</c>: its output, or, when the loop ran no
    /// iteration, the error <c>Tensor.Concat</c> of an empty list gives (the trip count is known when tracing).
    /// </summary>
    private ExpressionSyntax ConcatenatedOutput(CollectedList list) =>
        _trips.TryGetValue(list.List, out var trips)
            ? _t.Expression($"{trips} == 0 ? throw new global::System.ArgumentException(\"Concat: needs at least one tensor (the loop that collects them ran no iteration)\", \"tensors\") : {StackedName(list)}")
            : SyntaxFactory.IdentifierName(StackedName(list));

    /// <summary>
    /// <c>.. list</c> of a list joined by <c>Loop.ForConcat</c>, in <c>Tensor.Concat([head, .. list], axis)</c>: its output
    /// as one element, or no element when the loop ran no iteration (the plain method spreads an empty list).
    /// </summary>
    private SpreadElementSyntax? ConcatenatedSpread(IdentifierNameSyntax id)
    {
        if (_ctx.SymbolOf(id) is not { } s || !_ctx.Collected.TryGetValue(s, out var list) || !_ctx.Sizes.ConcatLoops.Contains(list.Loop)) return null;
        if (!_trips.TryGetValue(list.List, out var trips)) return null;
        var items = _t.Expression($"({trips} == 0 ? global::System.Array.Empty<{TensorType}>() : new {TensorType}[] {{ {StackedName(list)} }})");
        return SyntaxFactory.SpreadElement(items);
    }

    /// <summary>The axis a collected list is joined along (its <c>Tensor.Concat</c>'s, read where the loop is).</summary>
    private string AxisOf(CollectedList list) =>
        _ctx.Sizes.Axes.TryGetValue(list.List, out var axis) && axis is not null ? A(axis) : "0";
}
