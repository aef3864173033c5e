using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Uses of a tensor's value as C# data that the traced method cannot reproduce, outside what <see cref="LoopAnalysis"/>
/// checks in loops: a tensor turned into text (interpolation, <c>ToString()</c>, string concatenation: when traced it
/// prints as a symbol, so a length or comparison of the text silently differs), and <c>Item&lt;T&gt;()</c> /
/// <c>ToArray&lt;T&gt;()</c> of a parameter outside any loop (it throws when the method is traced). Both leave the method eager.
/// </summary>
internal static class HostValues
{
    public static void Check(LiftContext ctx, SyntaxNode body)
    {
        foreach (var node in LoopAnalysis.Walk(body))
        {
            switch (node)
            {
                case InterpolationSyntax hole when ctx.IsTensor(ctx.TypeOf(hole.Expression)):
                    Formatted(ctx, hole.Parent ?? hole, hole.Expression);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax ma, ArgumentList.Arguments.Count: 0 } inv
                    when ma.Name.Identifier.ValueText == "ToString" && ctx.IsTensor(ctx.TypeOf(ma.Expression)):
                    Formatted(ctx, inv, ma.Expression);
                    break;
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) && ctx.TypeOf(b)?.SpecialType == SpecialType.System_String
                    && (ctx.IsTensor(ctx.TypeOf(b.Left)) || ctx.IsTensor(ctx.TypeOf(b.Right))):
                    Formatted(ctx, b, ctx.IsTensor(ctx.TypeOf(b.Left)) ? b.Left : b.Right);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax ma } inv
                    when LoopAnalysis.EnclosingLoop(inv, body) is null && ctx.SymbolOf(inv) is IMethodSymbol { Name: "Item" or "ToArray", IsStatic: false } m
                        && ctx.IsTensor(m.ContainingType) && ReadParameter(ctx, ma.Expression) is { } parameter:
                    ctx.Problem(LiftCodes.HostReadOutsideLoop, inv, $"'{inv}' reads the value of parameter '{parameter}' back to C#; the compiled method is traced with '{parameter}' as a symbol, so there is no value to read; keep it a Tensor (compare it, Tensor.Where on it), or read it after the call");
                    break;
            }
        }
    }

    private static void Formatted(LiftContext ctx, SyntaxNode where, ExpressionSyntax tensor)
    {
        if (ctx.Reported(LiftCodes.TensorAsText, where)) return;
        ctx.Problem(LiftCodes.TensorAsText, where, $"'{tensor}' is turned into text in '{where}'; in the compiled method it is a traced symbol, whose text is not its values, so the result would differ; format it after the call");
    }

    /// <summary>The Tensor parameter <paramref name="receiver"/> reads, or null.</summary>
    private static string? ReadParameter(LiftContext ctx, ExpressionSyntax receiver) =>
        receiver.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<IdentifierNameSyntax>()
            .Select(id => ctx.SymbolOf(id)).OfType<IParameterSymbol>().FirstOrDefault(p => ctx.IsTensor(p.Type))?.Name;
}
