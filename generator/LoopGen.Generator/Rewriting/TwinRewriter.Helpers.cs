using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Helpers called with traced numbers (<see cref="TracedHelpers"/>): the call goes to the helper's traced twin, a local
/// function the caller's twin declares at its end (<c>static Tensor __helper0_Step(Tensor x, Tensor i) { … }</c>), whose
/// body is the helper's own, rewritten by a rewriter of its own lifting. A static helper's twin is a static local
/// function, so it can read nothing of the caller's; its own locals shadow the caller's, as C# allows.
/// </summary>
internal sealed partial class TwinRewriter
{
    /// <summary><c>Step(x, i)</c> → <c>__helper0_Step(x, i)</c>, the arguments rewritten as everywhere else.</summary>
    private InvocationExpressionSyntax? HelperCall(InvocationExpressionSyntax node)
    {
        if (_ctx.HelperTwins.Count == 0 || !_ctx.HelperCalls.TryGetValue(node, out var twin) || twin is null) return null;
        var args = node.ArgumentList.Arguments.Select((a, k) =>
        {
            var visited = (ArgumentSyntax)Visit(a)!;
            // C# converts the number to the parameter's type at the call (an int counter into a float parameter): so does the twin.
            return LoopAnalysis.ParameterOf(twin.Method, a, k) is { } p && twin.Traced.Contains(p, SymbolEqualityComparer.Default)
                && !SymbolEqualityComparer.Default.Equals(_ctx.TypeOf(a.Expression), p.Type)
                ? visited.WithExpression(As(p.Type, visited.Expression))
                : visited;
        });
        return SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(twin.Name), SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(args)));
    }

    /// <summary>The local functions of the helper twins this twin calls, in the order they were planned.</summary>
    private IEnumerable<StatementSyntax> HelperFunctions()
    {
        foreach (var twin in _ctx.HelperTwins)
        {
            var helper = twin.Context;
            var body = RenderBlock(helper, twin.Method.ReturnType);
            if (!twin.SameFile)
            {
                // The caller's #line directives name the caller's file: a helper from another file is scaffolding here.
                body = body.ReplaceNodes(body.DescendantNodes().OfType<StatementSyntax>().Where(LineMap.Has), (_, r) => LineMap.Of(r) is { } a ? r.WithoutAnnotations(a) : r);
            }
            var parameters = twin.Method.Parameters.Select(p =>
            {
                bool copied = IsCopiedParameter(helper, p);
                var name = copied ? CopiedParameterName(helper, p) : LoopAnalysis.Id(p.Name);
                var type = helper.Traced.Contains(p) && !copied ? TensorType : p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name)).WithType(SyntaxFactory.ParseTypeName(type));
                return !helper.Traced.Contains(p) && DefaultValues.Of(p) is { } value
                    ? parameter.WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.ParseExpression(value)))
                    : parameter;
            });
            var function = SyntaxFactory.LocalFunctionStatement(SyntaxFactory.ParseTypeName(TwinBuilder.TwinType(twin.Method.ReturnType)), SyntaxFactory.Identifier(twin.Name))
                .WithParameterList(SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters)))
                .WithBody(body);
            yield return twin.Method.IsStatic ? function.WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.StaticKeyword))) : function;
        }
    }
}
