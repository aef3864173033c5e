using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A tensor turned into text (interpolation, <c>ToString()</c>, string concatenation): when traced it prints as a
/// symbol, so a length or comparison of the text would silently differ; it leaves the method eager. (Reading a tensor
/// back to C# with <c>Item&lt;T&gt;()</c> / <c>ToArray&lt;T&gt;()</c> is <see cref="LoopAnalysis"/>'s: LG0014 in a loop,
/// LG0018 of an argument outside the loops.)
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
            }
        }
    }

    private static void Formatted(LiftContext ctx, SyntaxNode where, ExpressionSyntax tensor)
    {
        if (ctx.Reported(LiftCodes.TensorAsText, where)) return;
        ctx.Problem(LiftCodes.TensorAsText, where, $"'{tensor}' is turned into text in '{where}'; in the compiled method it is a traced symbol, whose text is not its values, so the result would differ; format it after the call");
    }
}
