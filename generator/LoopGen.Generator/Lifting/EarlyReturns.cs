using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// The plan of the <c>return</c>s inside one lifted loop (see <see cref="EarlyReturns"/>): the flag they set, the result
/// they store, and the loop at the top of the method they leave.
/// </summary>
internal sealed class EarlyReturnPlan
{
    public EarlyReturnPlan(StatementSyntax loop, ExpressionSyntax first, string flag, IReadOnlyList<string> results, INamedTypeSymbol? tuple)
    {
        Loop = loop;
        First = first;
        Flag = flag;
        Results = results;
        Tuple = tuple;
    }

    /// <summary>The outermost loop holding the returns (a statement of the method's body).</summary>
    public StatementSyntax Loop { get; }

    /// <summary>The first returned value: evaluated once before the loop, it gives the result carry its type.</summary>
    public ExpressionSyntax First { get; }

    /// <summary>The carried flag a return sets (it also sets the break flag of every loop it leaves).</summary>
    public string Flag { get; }

    /// <summary>The carried result a return stores; a return after the loop selects it when the flag is set.</summary>
    public string Result => Results[0];

    /// <summary>The carried results: one, or one per element of a returned <see cref="Tuple"/>.</summary>
    public IReadOnlyList<string> Results { get; }

    /// <summary>
    /// The method's value tuple of Tensors and C# numbers, when it returns one: every return from the loop on is then a
    /// tuple literal, each element stored in its own result; a number element starts at <c>default</c> of its type.
    /// </summary>
    public INamedTypeSymbol? Tuple { get; }

    /// <summary>
    /// The result starts as <c>default</c> of the method's number type, not as <see cref="First"/>: the method returns
    /// a C# number (so every return gives the same 0-d type) and the first returned value reads a variable declared in
    /// the loop (<c>return i;</c> of the loop's counter), which does not exist before it.
    /// </summary>
    public bool StartsAtDefault { get; set; }

    /// <summary>The loops the returns leave, innermost last.</summary>
    public HashSet<LoopPlan> Plans { get; } = new();
}

/// <summary>
/// <c>return e;</c> inside a lifted loop, done as <c>break</c> is: the return stores <c>e</c> in a result carry, sets a
/// returned flag and the break flag of every loop it leaves; each <c>return g;</c> after the loop becomes
/// <c>return Where(returned, result, g)</c>. The result carry takes its type from <c>e</c> evaluated once before the
/// loop, so <c>e</c> may only read variables declared before the loop (carries, parameters), and the method returns a
/// Tensor or a C# number; for a number any <c>e</c> will do (the result then starts at <c>default</c>, its type the method's).
/// A method returning a value tuple of Tensors and numbers gets one result per element, each element taken as above.
/// </summary>
internal static class EarlyReturns
{
    /// <summary>Records a return inside <paramref name="loop"/>, or reports why it cannot be lifted.</summary>
    public static void Record(LiftContext ctx, ReturnStatementSyntax ret, StatementSyntax loop, SyntaxNode body)
    {
        if (WhyNot(ctx, ret, body, out var chain) is { } why)
        {
            ctx.Problem(LiftCodes.ReturnInLoop, ret, $"'return' inside the loop at line {ctx.LineOf(loop.SpanStart)} cannot be lifted: {why}; assign the result to a variable and return after the loop");
            return;
        }
        var outer = chain[chain.Count - 1].Statement;
        if (ctx.EarlyReturn is null)
        {
            int n = ctx.Next();
            var tuple = ReturnTuple(ctx);
            var results = tuple is null
                ? new[] { ctx.Prefix + "result" + n }
                : tuple.TupleElements.Select((_, k) => ctx.Prefix + "result" + n + "_" + (k + 1)).ToArray();
            ctx.EarlyReturn = new EarlyReturnPlan(outer, ret.Expression!, ctx.Prefix + "returned" + n, results, tuple);
        }
        if (ctx.EarlyReturn.Tuple is null && ReadsLoopLocal(ctx, ret.Expression!, outer) is not null) ctx.EarlyReturn.StartsAtDefault = true; // a number result (WhyNot)
        foreach (var plan in chain) ctx.EarlyReturn.Plans.Add(plan);
        ctx.Returns[ret] = chain;
    }

    private static string? WhyNot(LiftContext ctx, ReturnStatementSyntax ret, SyntaxNode body, out List<LoopPlan> chain)
    {
        chain = new List<LoopPlan>();
        if (ret.Expression is null) return "a method without a result cannot return early from compiled code";
        var returnType = (ctx.DeclaredOf(ctx.Method) as IMethodSymbol)?.ReturnType;
        var tuple = ReturnTuple(ctx);
        if (!ctx.IsTensor(returnType) && !LoopAnalysis.IsPrimitive(returnType) && tuple is null)
        {
            return $"an early return is lifted only for a method returning a Tensor, a C# number or a value tuple of those, not {returnType?.ToDisplayString()}";
        }
        StatementSyntax? outer = null;
        for (var n = ret.Parent; n is not null && n != body; n = n.Parent)
        {
            if (n is SwitchSectionSyntax) return "it is inside a switch section";
            if (n is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax)
            {
                if (!ctx.Loops.TryGetValue((StatementSyntax)n, out var plan)) return "the loop it leaves is not lifted (a foreach over a C# collection is unrolled)";
                if (plan.Outputs.Count > 0) return "the loop collects outputs, and leaving it early would leave rows unset";
                chain.Add(plan);
                outer = (StatementSyntax)n;
            }
        }
        if (outer is null || outer.Parent != body) return "the loop must be a statement of the method's body, not nested in another statement";
        if (ctx.EarlyReturn is { } existing && existing.Loop != outer) return $"another loop (line {ctx.LineOf(existing.Loop.SpanStart)}) already returns early; only one loop of a method may";
        if (body is not BlockSyntax block || block.Statements.LastOrDefault() is not ReturnStatementSyntax { Expression: not null } last || last.SpanStart < outer.Span.End)
        {
            return "the method must end with a return after the loop";
        }
        if (tuple is not null) return WhyNotTuple(ctx, tuple, ret, body, outer);
        // A number result has its type from the method (each return is converted to it); any other needs the first value.
        if (!LoopAnalysis.IsPrimitive(returnType) && ReadsLoopLocal(ctx, ret.Expression, outer) is { } local)
        {
            return $"the returned value reads '{local.Name}', declared in the loop (the compiled code gives the result its type before the loop, from variables declared before it)";
        }
        return null;
    }

    /// <summary>The method's result when it is a value tuple of Tensors and C# numbers (no nested tuples), else null.</summary>
    private static INamedTypeSymbol? ReturnTuple(LiftContext ctx) =>
        (ctx.DeclaredOf(ctx.Method) as IMethodSymbol)?.ReturnType is INamedTypeSymbol { IsTupleType: true } t
        && t.TupleElements.All(e => ctx.IsTensor(e.Type) || LoopAnalysis.IsPrimitive(e.Type)) ? t : null;

    /// <summary>
    /// A tuple result is stored and selected element by element, so each return from the loop on must write the tuple
    /// out; a Tensor element of a return in the loop gives its result its type before the loop (as a single Tensor does).
    /// </summary>
    private static string? WhyNotTuple(LiftContext ctx, INamedTypeSymbol tuple, ReturnStatementSyntax ret, SyntaxNode body, StatementSyntax outer)
    {
        var returns = body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>().Where(r => r.SpanStart >= outer.SpanStart);
        foreach (var r in returns)
        {
            if ((Parens.Strip(r.Expression!) is not TupleExpressionSyntax literal || literal.Arguments.Count != tuple.TupleElements.Length) && !TupleVariables.Is(ctx, r.Expression!, tuple.TupleElements.Length))
            {
                return $"the method returns a tuple, and the return at line {ctx.LineOf(r.SpanStart)} writes it neither as a tuple of {tuple.TupleElements.Length} values nor as a tuple variable";
            }
        }
        if (Parens.Strip(ret.Expression!) is not TupleExpressionSyntax first)
        {
            // return t; of a tuple variable: its Tensor elements are read before the loop, so t must be declared before it.
            return tuple.TupleElements.Any(e => ctx.IsTensor(e.Type)) && ReadsLoopLocal(ctx, ret.Expression!, outer) is { } declared
                ? $"the returned tuple '{declared.Name}' is declared in the loop (the compiled code gives the result its type before the loop, from variables declared before it)"
                : null;
        }
        var elements = first.Arguments;
        for (int k = 0; k < elements.Count; k++)
        {
            if (ctx.IsTensor(tuple.TupleElements[k].Type) && ReadsLoopLocal(ctx, elements[k].Expression, outer) is { } local)
            {
                return $"the returned Tensor reads '{local.Name}', declared in the loop (the compiled code gives the result its type before the loop, from variables declared before it)";
            }
        }
        return null;
    }

    private static ILocalSymbol? ReadsLoopLocal(LiftContext ctx, ExpressionSyntax e, StatementSyntax outer) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(id => ctx.SymbolOf(id) as ILocalSymbol)
            .FirstOrDefault(local => local is not null && local.Locations.Any(l => outer.Span.Contains(l.SourceSpan)));
}
