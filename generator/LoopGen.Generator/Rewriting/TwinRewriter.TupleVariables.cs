using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary><c>return t;</c> of a tuple variable (<see cref="TupleVariables"/>): the twin's value of <c>t</c> spread into a tuple literal, each number converted.</summary>
internal sealed partial class TwinRewriter
{
    /// <summary><c>(v.Item1, Lifted.As&lt;int&gt;(v.Item2), (v.Item3.Item1, …))</c> of the rewritten variable <paramref name="value"/> of type <paramref name="tuple"/>.</summary>
    private TupleExpressionSyntax SpreadTuple(INamedTypeSymbol tuple, ExpressionSyntax value)
    {
        var items = tuple.TupleElements.Select((e, k) =>
        {
            ExpressionSyntax element = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, value, SyntaxFactory.IdentifierName("Item" + (k + 1)));
            if (LoopAnalysis.IsPrimitive(e.Type)) element = As(e.Type, element);
            else if (e.Type is INamedTypeSymbol { IsTupleType: true } inner && !LoopAnalysis.IsTensorTuple(_ctx, inner)) element = SpreadTuple(inner, element);
            return SyntaxFactory.Argument(element);
        });
        return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
    }
}
