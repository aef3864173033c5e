using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Deconstructions with traced leaves (<see cref="Deconstructions"/>): <c>var (c, v) = s;</c> declares each traced
/// number as a tensor, <c>(Tensor c, var v) = s;</c>, and a tuple written in place converts each value to its leaf's C#
/// type, <c>(a, b) = (Lifted.As&lt;int&gt;(b), Lifted.As&lt;int&gt;(a + b));</c>, as the plain assignment converts it.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>The rewritten deconstruction, or null when none of its leaves is traced (then it is the user's, rewritten as usual).</summary>
    private ExpressionSyntax? Deconstruction(AssignmentExpressionSyntax node)
    {
        if (!node.IsKind(SyntaxKind.SimpleAssignmentExpression) || !Deconstructions.Is(node)) return null;
        var leaves = Deconstructions.Leaves(Model, node.Left);
        if (!leaves.Any(l => l.Symbol is { } s && _ctx.Traced.Contains(s))) return null;
        var values = Deconstructions.ValuesInPlace(node.Left, node.Right);
        int next = 0;
        var left = DeconstructionTarget(Parens.Strip(node.Left), ref next);
        ExpressionSyntax right;
        if (values is null)
        {
            right = WidenedElements(node, leaves) ?? E(node.Right);
        }
        else
        {
            next = 0;
            right = DeconstructionValue(Parens.Strip(node.Left), Parens.Strip(node.Right), leaves, ref next);
        }
        return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, left, right);
    }

    /// <summary>The left side: each declared leaf retyped to its twin type (a traced number is a Tensor), the rest rewritten as usual.</summary>
    private ExpressionSyntax DeconstructionTarget(ExpressionSyntax target, ref int next)
    {
        switch (target)
        {
            case TupleExpressionSyntax t:
                var items = new List<ArgumentSyntax>();
                foreach (var arg in t.Arguments) items.Add(SyntaxFactory.Argument(DeconstructionTarget(Parens.Strip(arg.Expression), ref next)));
                return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
            case DeclarationExpressionSyntax d:
                return DesignationTarget(d.Designation, ref next);
            default:
                next++;
                return E(target);
        }
    }

    private ExpressionSyntax DesignationTarget(VariableDesignationSyntax designation, ref int next)
    {
        switch (designation)
        {
            case ParenthesizedVariableDesignationSyntax p:
                var items = new List<ArgumentSyntax>();
                foreach (var inner in p.Variables) items.Add(SyntaxFactory.Argument(DesignationTarget(inner, ref next)));
                return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
            case SingleVariableDesignationSyntax s:
                next++;
                var symbol = Model.GetDeclaredSymbol(s);
                var type = symbol is not null ? SyntaxFactory.ParseTypeName(TwinType(symbol)) : SyntaxFactory.IdentifierName("var");
                return SyntaxFactory.DeclarationExpression(type, SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(LoopAnalysis.Id(s.Identifier.ValueText))));
            default:
                next++;
                return SyntaxFactory.DeclarationExpression(SyntaxFactory.IdentifierName("var"), SyntaxFactory.DiscardDesignation());
        }
    }

    /// <summary>The tuple written in place, each value converted to its leaf's C# type where the leaf is a traced number.</summary>
    private ExpressionSyntax DeconstructionValue(SyntaxNode target, ExpressionSyntax value, List<Deconstructions.Leaf> leaves, ref int next)
    {
        var targets = Deconstructions.TargetsOf(target);
        if (targets is null)
        {
            var leaf = leaves[next++];
            if (leaf.Symbol is { } s && _ctx.Traced.Contains(s))
            {
                if (LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(s))) return As(LoopAnalysis.TypeOf(s)!, E(value));
                if (TracedNumberTuple(s) is { } tuple) return TupleValue(tuple, value);
            }
            return E(value);
        }
        var literal = (TupleExpressionSyntax)value;
        var items = new List<ArgumentSyntax>();
        for (int k = 0; k < targets.Count; k++) items.Add(SyntaxFactory.Argument(DeconstructionValue(targets[k], Parens.Strip(literal.Arguments[k].Expression), leaves, ref next)));
        return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
    }

    /// <summary>
    /// <c>(long c, Tensor v) = s</c> with an <c>int</c> element: <c>(Lifted.As&lt;long&gt;(s.Item1), s.Item2)</c>, each
    /// widened element converted as C# converts it (a plain read, so reading it per element is the same value); null
    /// when every traced leaf has its element's type.
    /// </summary>
    private ExpressionSyntax? WidenedElements(AssignmentExpressionSyntax node, List<Deconstructions.Leaf> leaves)
    {
        var elements = Deconstructions.Elements(_ctx.TypeOf(node.Right));
        if (elements is null || elements.Count != leaves.Count || !Deconstructions.IsPlainRead(node.Right)) return null;
        bool widened = false;
        var items = new List<ArgumentSyntax>();
        var whole = E(node.Right);
        for (int k = 0; k < leaves.Count; k++)
        {
            ExpressionSyntax item = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParenthesizedExpression(whole), SyntaxFactory.IdentifierName("Item" + (k + 1)));
            if (leaves[k].Symbol is { } s && _ctx.Traced.Contains(s) && LoopAnalysis.TypeOf(s) is { } type && Deconstructions.Widens(elements[k], type))
            {
                item = As(type, item);
                widened = true;
            }
            items.Add(SyntaxFactory.Argument(item));
        }
        return widened ? SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items)) : null;
    }
}
