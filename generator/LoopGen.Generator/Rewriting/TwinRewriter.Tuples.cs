using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Carried tuples that hold C# numbers (<see cref="NumberTuples"/>): the local is a tuple of 0-d tensors and tensors,
/// its element names kept; a tuple written in place, <c>s = (s.Count + 1, s.Sum)</c>, converts each number to its
/// element's C# type, and <c>s.Count = e</c> / <c>s.Count += e</c> keep C#'s conversion as a carried number does.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>The twin's type of a traced number tuple: <c>(Tensor Count, Tensor Sum)</c>.</summary>
    private static string NumberTupleType(INamedTypeSymbol tuple) =>
        "(" + string.Join(", ", tuple.TupleElements.Select(e =>
            (e.Type is INamedTypeSymbol { IsTupleType: true } inner ? NumberTupleType(inner) : LoopAnalysis.IsPrimitive(e.Type) ? TensorType : e.Type.ToDisplayString(Qualified))
            + (e.IsExplicitlyNamedTupleElement ? " " + LoopAnalysis.Id(e.Name) : ""))) + ")";

    private INamedTypeSymbol? TracedNumberTuple(ISymbol? s) =>
        s is not null && _ctx.Traced.Contains(s) && NumberTuples.IsLocal(_ctx, s) ? (INamedTypeSymbol)LoopAnalysis.TypeOf(s)! : null;

    /// <summary>A value assigned to a tuple of the given type: a tuple written in place converts each number where it is written.</summary>
    private ExpressionSyntax TupleValue(INamedTypeSymbol type, ExpressionSyntax e)
    {
        if (Parens.Strip(e) is not TupleExpressionSyntax literal || literal.Arguments.Count != type.TupleElements.Length) return E(e);
        var items = literal.Arguments.Select((a, k) =>
        {
            var element = type.TupleElements[k].Type;
            var value = LoopAnalysis.IsPrimitive(element) ? As(element, E(a.Expression))
                : element is INamedTypeSymbol { IsTupleType: true } inner ? TupleValue(inner, a.Expression)
                : E(a.Expression);
            return SyntaxFactory.Argument(value);
        });
        return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
    }

    /// <summary><c>(int Count, Tensor Sum) s = (0, x);</c> of a traced tuple: retyped, each number converted.</summary>
    private VariableDeclarationSyntax? NumberTupleDeclaration(VariableDeclarationSyntax node)
    {
        var tuples = node.Variables.Select(d => TracedNumberTuple(_ctx.DeclaredOf(d))).ToList();
        if (tuples.All(t => t is null)) return null;
        var type = tuples.First(t => t is not null)!;
        var declarators = node.Variables.Select(d =>
        {
            var v = SyntaxFactory.VariableDeclarator(d.Identifier.WithoutTrivia());
            return d.Initializer is null ? v : v.WithInitializer(SyntaxFactory.EqualsValueClause(TupleValue(type, d.Initializer.Value)));
        });
        return SyntaxFactory.VariableDeclaration(SyntaxFactory.ParseTypeName(NumberTupleType(type)), SyntaxFactory.SeparatedList(declarators));
    }

    /// <summary><c>s = (…)</c>, <c>s.Count = e</c>, <c>s.Count += e</c> on a traced tuple; null for anything else.</summary>
    private ExpressionSyntax? NumberTupleAssignment(AssignmentExpressionSyntax node)
    {
        if (node.IsKind(SyntaxKind.SimpleAssignmentExpression) && TracedNumberTuple(_ctx.SymbolOf(node.Left)) is { } tuple)
        {
            return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, E(node.Left), TupleValue(tuple, node.Right));
        }
        if (NumberTuples.FieldOfLocal(_ctx, node.Left) is not { } field || !LoopAnalysis.IsPrimitive(field.Type) || !RootTraced(node.Left)) return null;
        var left = E(node.Left);
        var right = E(node.Right);
        if (node.IsKind(SyntaxKind.SimpleAssignmentExpression)) return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, left, As(field.Type, right));
        if (CompoundOperator(node.Kind()) is not { } op) return null;
        var combined = SyntaxFactory.BinaryExpression(op, left, Template.IsPrimary(right) ? right : SyntaxFactory.ParenthesizedExpression(right));
        return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, left, As(field.Type, combined));
    }

    private bool RootTraced(ExpressionSyntax e)
    {
        while (Parens.Strip(e) is MemberAccessExpressionSyntax ma) e = ma.Expression;
        return _ctx.SymbolOf(Parens.Strip(e)) is { } s && _ctx.Traced.Contains(s);
    }
}
