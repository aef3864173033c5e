using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// <c>return t;</c> of a tuple held in a variable (a local, a parameter, or a tuple field of one, <c>s.Inner</c>): the
/// twin returns it element by element, <c>(t.Item1, Lifted.As&lt;int&gt;(t.Item2), (t.Item3.Item1, …))</c>, as it returns a
/// tuple written in place, so each number is converted where it is returned. Reading a variable twice has no effect, so
/// spreading it is the same value.
/// </summary>
internal static class TupleVariables
{
    /// <summary>Whether <paramref name="e"/> is a variable (or a field of one) of a value tuple type with <paramref name="arity"/> elements (any, when negative).</summary>
    public static bool Is(LiftContext ctx, ExpressionSyntax e, int arity = -1)
    {
        if (ctx.TypeOf(e) is not INamedTypeSymbol { IsTupleType: true } tuple || arity >= 0 && tuple.TupleElements.Length != arity) return false;
        return IsVariable(ctx, Parens.Strip(e));
    }

    private static bool IsVariable(LiftContext ctx, ExpressionSyntax e) => e switch
    {
        IdentifierNameSyntax id => ctx.SymbolOf(id) is ILocalSymbol or IParameterSymbol { RefKind: RefKind.None },
        MemberAccessExpressionSyntax ma when ma.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleMemberAccessExpression) =>
            ctx.SymbolOf(ma) is IFieldSymbol { ContainingType.IsTupleType: true } && IsVariable(ctx, Parens.Strip(ma.Expression)),
        _ => false,
    };
}
