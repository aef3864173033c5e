using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A tuple parameter holding numbers that a loop carries, <c>(int Steps, float Lr) opt</c> with <c>opt.Lr *= 0.9f</c>,
/// is traced whole (the twin starts from a local of 0-d tensors). A number field the method never writes, <c>opt.Steps</c>,
/// still has the value the caller passed: it is read from the parameter itself, a C# value, so it stays static (a
/// counted loop's bound, a size, an int argument) per element, where the written fields are traced.
/// </summary>
internal static class StaticTupleFields
{
    private const string Whole = "*";

    private static readonly ConditionalWeakTable<LiftContext, HashSet<(ISymbol, string)>> WrittenCache = new();

    /// <summary>Whether <paramref name="id"/> is <c>p</c> in <c>p.F</c>: a by-value tuple parameter, F a number field the method never writes.</summary>
    public static bool IsStaticRead(LiftContext ctx, IdentifierNameSyntax id)
    {
        if (id.Parent is not MemberAccessExpressionSyntax ma || ma.Expression != id) return false;
        if (ctx.SymbolOf(id) is not IParameterSymbol p || !NumberTuples.IsParameter(ctx, p)) return false;
        if (ctx.SymbolOf(ma) is not IFieldSymbol { ContainingType.IsTupleType: true } f || !LoopAnalysis.IsPrimitive(f.Type)) return false;
        var written = WrittenCache.GetValue(ctx, Written);
        return !written.Contains((p, Whole)) && !written.Contains((p, Key(f)));
    }

    private static string Key(IFieldSymbol f) => (f.CorrespondingTupleField ?? f).Name;

    /// <summary>Each (parameter, field) the method writes, (parameter, *) for the whole tuple; lambdas included (conservative).</summary>
    private static HashSet<(ISymbol, string)> Written(LiftContext ctx)
    {
        var written = new HashSet<(ISymbol, string)>();
        foreach (var n in ctx.Method.DescendantNodes())
        {
            switch (n)
            {
                case AssignmentExpressionSyntax a:
                    Add(ctx, a.Left, written);
                    break;
                case PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PostIncrementExpression) || p.IsKind(SyntaxKind.PostDecrementExpression):
                    Add(ctx, p.Operand, written);
                    break;
                case PrefixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.PreIncrementExpression) || p.IsKind(SyntaxKind.PreDecrementExpression):
                    Add(ctx, p.Operand, written);
                    break;
                case ArgumentSyntax arg when !arg.RefKindKeyword.IsKind(SyntaxKind.None):
                    Add(ctx, arg.Expression, written);
                    break;
            }
        }
        return written;
    }

    private static void Add(LiftContext ctx, ExpressionSyntax target, HashSet<(ISymbol, string)> written)
    {
        switch (Parens.Strip(target))
        {
            case TupleExpressionSyntax t:
                foreach (var a in t.Arguments) Add(ctx, a.Expression, written);
                break;
            case IdentifierNameSyntax id when ctx.SymbolOf(id) is IParameterSymbol p:
                written.Add((p, Whole));
                break;
            case MemberAccessExpressionSyntax ma:
                // p.F or p.F.G: the first field under the parameter is written.
                var chain = new List<MemberAccessExpressionSyntax> { ma };
                while (Parens.Strip(chain[chain.Count - 1].Expression) is MemberAccessExpressionSyntax inner) chain.Add(inner);
                var first = chain[chain.Count - 1];
                if (ctx.SymbolOf(Parens.Strip(first.Expression)) is IParameterSymbol root)
                {
                    written.Add(ctx.SymbolOf(first) is IFieldSymbol f ? (root, Key(f)) : (root, Whole));
                }
                break;
        }
    }
}
