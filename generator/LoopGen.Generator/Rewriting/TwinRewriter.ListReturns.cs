using LoopGen.Generator.Lifting;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary><c>return list;</c> of a collected list in a method returning <c>List&lt;Tensor&gt;</c>: the twin returns the loop's stacked output (<see cref="ListReturns"/>).</summary>
internal sealed partial class TwinRewriter
{
    private ExpressionSyntax? ReturnedList(ITypeSymbol type, ExpressionSyntax e)
    {
        if (!ListReturns.IsTensorList(type) || Parens.Strip(e) is not IdentifierNameSyntax id) return null;
        if (_ctx.SymbolOf(id) is not { } s || !_ctx.Collected.TryGetValue(s, out var list)) return null;
        if (!HoistedCollections.IsHoisted(list)) return SyntaxFactory.IdentifierName(StackedName(list));
        // Declared before an if whose branch did not fill it (a static choice, traced once per value): no rows.
        return _t.Expression($"{StackedName(list)} ?? global::LoopGen.Tensor.Zeros(global::LoopGen.DType.F32, 0)");
    }
}
