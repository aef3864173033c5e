using System.Linq;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Rewriting;

/// <summary>From a method's plan to its <see cref="LiftedMethod"/>: the twin's signature and its rewritten body.</summary>
internal static class TwinBuilder
{
    public static LiftedMethod Build(LiftContext ctx, IMethodSymbol symbol)
    {
        var body = TwinRewriter.Render(ctx, symbol.ReturnType);
        var parameters = symbol.Parameters
            .Select(p => TwinRewriter.IsCopiedParameter(ctx, p)
                ? new TwinParameter(TwinRewriter.CopiedParameterName(ctx, p), p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                : new TwinParameter(LoopAnalysis.Id(p.Name), ctx.Traced.Contains(p) ? TwinRewriter.TensorType : p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .ToEquatableArray();
        return new LiftedMethod(parameters, TwinType(symbol.ReturnType), body, ctx.LoopCount);
    }

    /// <summary>The twin's type for a result: a C# number is a 0-d tensor, in a tuple too.</summary>
    public static string TwinType(ITypeSymbol type) => type switch
    {
        _ when LoopAnalysis.IsPrimitive(type) => TwinRewriter.TensorType,
        _ when Parsing.ListReturns.IsTensorList(type) => TwinRewriter.TensorType, // a collected list: its loop's stacked output
        INamedTypeSymbol { IsTupleType: true } t when HoldsNumbers(t) => "(" + string.Join(", ", t.TupleElements.Select(e => TwinType(e.Type))) + ")",
        _ => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
    };

    private static bool HoldsNumbers(INamedTypeSymbol tuple) =>
        tuple.TupleElements.Any(e => LoopAnalysis.IsPrimitive(e.Type) || e.Type is INamedTypeSymbol { IsTupleType: true } inner && HoldsNumbers(inner));
}
