using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Calls that cannot run inside a lifted region (a lifted loop, or an <c>if</c> on a traced condition). Such code runs
/// once, while tracing, not once per iteration: a clock read, a random number, a line printed or a file written would
/// happen once and its value be baked into the compiled graph. The rule is a deny list, so that a call that traces
/// (tensor operations, <c>Math</c>, a helper that returns tensors) is never refused:
/// <list type="bullet">
/// <item>members of <c>System.Console</c>, <c>Random</c>, <c>DateTime</c>, <c>DateTimeOffset</c>, <c>Environment</c>,
/// <c>Guid</c>, <c>System.Diagnostics.Stopwatch</c>/<c>Process</c>, and of the namespaces <c>System.IO</c>,
/// <c>System.Net</c>, <c>System.Threading</c>;</item>
/// <item>LINQ (<c>System.Linq.Enumerable</c>) over tensors (it enumerates rows eagerly, at trace time);</item>
/// <item>methods of this project that are not <c>[Compile]</c> and return nothing (they can only act by side effects).</item>
/// </list>
/// </summary>
internal static class CallChecks
{
    public static void Check(LiftContext ctx, SyntaxNode body)
    {
        var reported = new System.Collections.Generic.HashSet<StatementSyntax>();
        foreach (var node in LoopAnalysis.Walk(body))
        {
            if (node is not (SimpleNameSyntax or BaseObjectCreationExpressionSyntax)) continue;
            if (Region(ctx, node, body) is not { } region) continue;
            var symbol = ctx.SymbolOf(node);
            if (symbol is null || Why(ctx, symbol, node) is not { } why) continue;
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().First();
            if (!reported.Add(statement)) continue; // one report per statement: Console.Out.WriteLine is one call
            var shown = node is BaseObjectCreationExpressionSyntax ? $"new {symbol.ContainingType.Name}(…)" : $"{symbol.ContainingType?.Name}.{symbol.Name}";
            var place = region is IfStatementSyntax ? "under the traced condition" : "inside the loop";
            ctx.Problem(LiftCodes.UntraceableCall, Reported(node),
                $"'{shown}' {why}; {place} at line {ctx.LineOf(region.SpanStart)} it would run once, while tracing, not once per iteration. "
                + "Only tensor operations and [Compile] methods can run in a lifted loop: move it before or after the loop");
        }
    }

    /// <summary>The innermost lifted loop or traced if around <paramref name="node"/>, or null.</summary>
    private static StatementSyntax? Region(LiftContext ctx, SyntaxNode node, SyntaxNode body)
    {
        for (var n = node.Parent; n is not null && n != body; n = n.Parent)
        {
            if (n is StatementSyntax s && ctx.Loops.ContainsKey(s)) return s;
            if (n is IfStatementSyntax i && ctx.Conds.ContainsKey(i)) return i;
        }
        return null;
    }

    /// <summary>The expression to underline: the whole call for a method, the member access for a property.</summary>
    private static SyntaxNode Reported(SyntaxNode node)
    {
        if (node is BaseObjectCreationExpressionSyntax) return node;
        var n = node.Parent is MemberAccessExpressionSyntax ma && ma.Name == node ? ma : node;
        return n.Parent is InvocationExpressionSyntax inv && inv.Expression == n ? inv : n;
    }

    /// <summary>Why a call of <paramref name="symbol"/> cannot be traced, or null when it can.</summary>
    private static string? Why(LiftContext ctx, ISymbol symbol, SyntaxNode node)
    {
        if (symbol is not (IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol) || symbol.ContainingType is not { } type) return null;
        if (symbol is IFieldSymbol { IsConst: true }) return null;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns == "System" && type.Name is "Console" or "Random" or "DateTime" or "DateTimeOffset" or "Environment" or "Guid")
        {
            return type.Name switch
            {
                "Console" => "does input or output",
                "Random" => "draws a random number",
                "Guid" => "makes a new identifier",
                "Environment" => "reads the process environment",
                _ => "reads the clock",
            };
        }
        if (ns == "System.Diagnostics" && type.Name is "Stopwatch" or "Process") return "reads the clock or the process";
        if (InNamespace(ns, "System.IO") || InNamespace(ns, "System.Net")) return "does input or output";
        if (InNamespace(ns, "System.Threading")) return "synchronises or waits";
        if (ns == "System.Linq" && type.Name is "Enumerable" && symbol is IMethodSymbol linq && OverTensors(ctx, linq)) return "enumerates tensors with LINQ";
        if (symbol is IMethodSymbol { ReturnsVoid: true, MethodKind: MethodKind.Ordinary } m && m.DeclaringSyntaxReferences.Length > 0
            && SymbolEqualityComparer.Default.Equals(m.ContainingAssembly, ctx.Model.Compilation.Assembly) && !CompileAttributes.Has(m)
            && node.Parent is not NameColonSyntax)
        {
            return "returns nothing (a method of this project that is not [Compile] can only act by side effects)";
        }
        return null;
    }

    private static bool InNamespace(string ns, string root) => ns == root || ns.StartsWith(root + ".", System.StringComparison.Ordinal);

    /// <summary>A LINQ method whose source or element type is <c>Tensor</c>.</summary>
    private static bool OverTensors(LiftContext ctx, IMethodSymbol m) =>
        m.TypeArguments.Any(t => ctx.IsTensor(t)) || (m.ReducedFrom ?? m).Parameters.Take(1).Any(p => ctx.IsTensor(p.Type));
}
