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
            .Select(p => new TwinParameter(LoopAnalysis.Id(p.Name), ctx.Traced.Contains(p) ? TwinRewriter.TensorType : p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .ToEquatableArray();
        var returnType = LoopAnalysis.IsPrimitive(symbol.ReturnType) ? TwinRewriter.TensorType : symbol.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return new LiftedMethod(parameters, returnType, body, ctx.LoopCount);
    }
}
