using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Value tuples that hold C# numbers next to tensors, <c>(int Count, Tensor Sum) s</c>: as a carry (or an output of a
/// traced if) such a local is a tuple of 0-d tensors and tensors in the twin, names kept, so <c>s.Count++</c> and
/// <c>s.Sum += x</c> work on its fields. Parameters of such types are not retyped (the entry passes them as they are).
/// </summary>
internal static class NumberTuples
{
    /// <summary>A tuple whose elements are tensors, C# numbers or such tuples, with at least one number.</summary>
    public static bool Is(LiftContext ctx, ITypeSymbol? t) =>
        t is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.All(e => ctx.IsTensor(e.Type) || LoopAnalysis.IsPrimitive(e.Type) || Is(ctx, e.Type) || LoopAnalysis.IsTensorTuple(ctx, e.Type))
        && tuple.TupleElements.Any(e => LoopAnalysis.IsPrimitive(e.Type) || Is(ctx, e.Type));

    /// <summary>
    /// A local, or a parameter passed by value, of such a tuple type (what the twin retypes). A parameter keeps its
    /// static type in the twin's signature (its numbers are part of the signature's cache key), under another name; the
    /// twin's body starts with a local of the parameter's name holding its numbers as 0-d tensors (<see cref="IsParameter"/>).
    /// </summary>
    public static bool IsLocal(LiftContext ctx, ISymbol s) => s is ILocalSymbol l && Is(ctx, l.Type) || IsParameter(ctx, s);

    /// <summary>A by-value parameter of such a tuple type.</summary>
    public static bool IsParameter(LiftContext ctx, ISymbol s) => s is IParameterSymbol { RefKind: RefKind.None, IsThis: false } p && Is(ctx, p.Type);

    /// <summary>
    /// <c>s.Count</c> (or <c>s.Inner.Count</c>) on a local tuple: the field, when its root is a variable — a write to it
    /// is a write to the local, never outside state.
    /// </summary>
    public static IFieldSymbol? FieldOfLocal(LiftContext ctx, ExpressionSyntax e)
    {
        if (Parens.Strip(e) is not MemberAccessExpressionSyntax ma || ctx.SymbolOf(ma) is not IFieldSymbol { ContainingType.IsTupleType: true } field) return null;
        var receiver = Parens.Strip(ma.Expression);
        if (receiver is IdentifierNameSyntax && ctx.SymbolOf(receiver) is { } s && LoopAnalysis.IsVariable(s)) return field;
        return FieldOfLocal(ctx, receiver) is not null ? field : null;
    }
}
