using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// A tuple parameter holding C# numbers that the compiled code computes (a loop carries it: <c>cfg = (cfg.Steps + 1,
/// …)</c>): the twin takes the parameter as it is, under a generated name, so its numbers stay static values of the
/// signature (its cache key), and its body opens with <c>(Tensor Steps, Tensor Scale) cfg = (Lifted.As&lt;int&gt;(p.Item1),
/// Lifted.As&lt;float&gt;(p.Item2));</c>: the user's name is then the traced local every statement reads and writes.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary>Whether the twin takes <paramref name="p"/> under a generated name and copies it into a traced local.</summary>
    internal static bool IsCopiedParameter(LiftContext ctx, IParameterSymbol p) => ctx.Traced.Contains(p) && NumberTuples.IsParameter(ctx, p);

    /// <summary>The twin's name for a copied parameter (the prefix keeps it clear of every user name).</summary>
    internal static string CopiedParameterName(LiftContext ctx, IParameterSymbol p) => ctx.Prefix + "param_" + p.Name;

    /// <summary>The statements that open the twin: one traced local per copied parameter, in parameter order.</summary>
    private IEnumerable<StatementSyntax> ParameterCopies()
    {
        var method = _ctx.Symbol;
        foreach (var p in method.Parameters.Where(p => IsCopiedParameter(_ctx, p)))
        {
            var type = (INamedTypeSymbol)p.Type;
            var value = ConvertedElements(type, SyntaxFactory.IdentifierName(CopiedParameterName(_ctx, p)));
            yield return SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.ParseTypeName(NumberTupleType(type)),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(LoopAnalysis.Id(p.Name))).WithInitializer(SyntaxFactory.EqualsValueClause(value)))));
        }
    }

    /// <summary><c>(Lifted.As&lt;int&gt;(t.Item1), t.Item2, (…))</c>: each number of a tuple value as a 0-d tensor of its type.</summary>
    private ExpressionSyntax ConvertedElements(INamedTypeSymbol tuple, ExpressionSyntax value)
    {
        var items = tuple.TupleElements.Select((e, k) =>
        {
            ExpressionSyntax element = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, value, SyntaxFactory.IdentifierName("Item" + (k + 1)));
            if (LoopAnalysis.IsPrimitive(e.Type)) element = As(e.Type, element);
            else if (e.Type is INamedTypeSymbol { IsTupleType: true } inner && NumberTuples.Is(_ctx, inner)) element = ConvertedElements(inner, element);
            return SyntaxFactory.Argument(element);
        });
        return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
    }

    /// <summary>
    /// <c>cfg.Steps</c> of a copied parameter whose field the method never writes (<see cref="StaticTupleFields"/>): read
    /// from the parameter as passed, a C# value, not from the traced local.
    /// </summary>
    private ExpressionSyntax? StaticFieldRead(MemberAccessExpressionSyntax node)
    {
        if (node.Expression is not IdentifierNameSyntax id || !StaticTupleFields.IsStaticRead(_ctx, id)) return null;
        if (_ctx.SymbolOf(id) is not IParameterSymbol p || !IsCopiedParameter(_ctx, p)) return null;
        return node.WithExpression(SyntaxFactory.IdentifierName(CopiedParameterName(_ctx, p))).WithName(node.Name.WithoutTrivia());
    }
}
