using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Writes the twin's body: the user's own text (trivia and line breaks kept, so <c>#line</c> maps every original line
/// exactly) with lifted loops, traced ifs and retyped primitives substituted.
/// </summary>
internal sealed partial class TwinRenderer
{
    internal const string TensorType = "global::LoopGen.Tensor";
    private const string Loop = "global::LoopGen.Loop";
    private const string Lifted = "global::LoopGen.Lifted";

    private readonly LiftContext _ctx;
    private readonly ITypeSymbol _returnType;

    public TwinRenderer(LiftContext ctx, ITypeSymbol returnType)
    {
        _ctx = ctx;
        _returnType = returnType;
    }

    private SemanticModel Model => _ctx.Model;

    /// <summary>The twin's body block.</summary>
    public string RenderBody()
    {
        var m = _ctx.Method;
        var sb = new StringBuilder("{\n");
        if (m.Body is { } body)
        {
            foreach (var s in body.Statements) sb.Append(StatementLine(s));
            sb.Append(EnsureNewline(sb)).Append(DefaultLine());
        }
        else if (m.ExpressionBody is { } arrow)
        {
            sb.Append(LineDirective(arrow.Expression.SpanStart)).Append("    return ").Append(ReturnValue(arrow.Expression)).Append(";\n").Append(DefaultLine());
        }
        return DropShadowedDirectives(sb.Append('}').ToString());
    }

    /// <summary>A <c>#line</c> directly followed by another has no effect; drop it so the twin reads cleanly.</summary>
    private static string DropShadowedDirectives(string text)
    {
        var lines = text.Split('\n');
        var kept = new List<string>(lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("#line", System.StringComparison.Ordinal) && i + 1 < lines.Length && lines[i + 1].StartsWith("#line", System.StringComparison.Ordinal)) continue;
            kept.Add(lines[i]);
        }
        return string.Join("\n", kept);
    }

    // ---- Generic rendering ----------------------------------------------------------------------------------

    /// <summary>A node's text (with its trivia) with every substitution applied beneath it.</summary>
    private string R(SyntaxNode node)
    {
        _ctx.CancellationToken.ThrowIfCancellationRequested();
        var special = Substitute(node);
        if (special is not null) return special;
        var sb = new StringBuilder();
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsNode) sb.Append(R(child.AsNode()!));
            else sb.Append(child.AsToken().ToFullString());
        }
        return sb.ToString();
    }

    /// <summary>The node's text without leading and trailing trivia.</summary>
    private string Core(SyntaxNode node)
    {
        var full = R(node);
        int lead = node.GetLeadingTrivia().FullSpan.Length, trail = node.GetTrailingTrivia().FullSpan.Length;
        // Substituted nodes keep the original trivia around them, so the lengths still apply.
        return full.Substring(lead, full.Length - lead - trail);
    }

    private static string Lead(SyntaxNode n) => n.GetLeadingTrivia().ToFullString();

    /// <summary>The leading trivia up to the statement's own line (comments and blank lines kept, indentation dropped).</summary>
    private static string LeadLines(SyntaxNode n)
    {
        var lead = Lead(n);
        return lead.Substring(0, lead.LastIndexOf('\n') + 1);
    }

    private static string Trail(SyntaxNode n) => n.GetTrailingTrivia().ToFullString();

    private string Wrap(SyntaxNode original, string replacement) => Lead(original) + replacement + Trail(original);

    private string? Substitute(SyntaxNode node)
    {
        switch (node)
        {
            case StatementSyntax s when _ctx.Loops.TryGetValue(s, out var plan):
                return EmitLoop(plan);
            case IfStatementSyntax i when _ctx.Conds.TryGetValue(i, out var cond):
                return EmitCond(i, cond);
            case BreakStatementSyntax or ContinueStatementSyntax:
                return ExitStatement((StatementSyntax)node);
            case BlockSyntax b when ExitAwareBlock(b) is { } guarded:
                return guarded;
            case LocalDeclarationStatementSyntax d when CollectedDeclared(d) is { } list:
                return Lead(d) + $"// '{list.List.Name}' is collected by the loop at line {_ctx.LineOf(list.Loop.SpanStart)} as one stacked output" + Trail(d);
            case ExpressionStatementSyntax e when _ctx.Collected.Values.FirstOrDefault(c => c.Add == e) is { } added:
                var value = ((InvocationExpressionSyntax)e.Expression).ArgumentList.Arguments[0].Expression;
                return Wrap(e, $"__y_{added.List.Name} = {Core(value)};");
            case VariableDeclarationSyntax v when v.Variables.Any(d => Model.GetDeclaredSymbol(d) is { } s && _ctx.Traced.Contains(s)):
                return Wrap(v, TensorType + " " + string.Join(", ", v.Variables.Select(Declarator)));
            case AssignmentExpressionSyntax a when Model.GetSymbolInfo(a.Left).Symbol is { } t && _ctx.Traced.Contains(t) && LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(t)):
                return Wrap(a, Assignment(a, t));
            case BinaryExpressionSyntax b when (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression)) && IsTraced(b):
                return Wrap(b, $"({Core(b.Left)}) {(b.IsKind(SyntaxKind.LogicalAndExpression) ? "&" : "|")} ({Core(b.Right)})");
            case ConditionalExpressionSyntax c when TracedTypes.IsTracedCondition(_ctx, c.Condition):
                return Wrap(c, $"{TensorType}.Where({Core(c.Condition)}, {Core(c.WhenTrue)}, {Core(c.WhenFalse)})");
            case CastExpressionSyntax c when LoopAnalysis.IsPrimitive(Model.GetTypeInfo(c.Type).Type) && IsTraced(c.Expression):
                return Wrap(c, $"{Lifted}.As<{LoopAnalysis.Keyword(Model.GetTypeInfo(c.Type).Type!)}>({Core(c.Expression)})");
            case ReturnStatementSyntax { Expression: { } e } r when !InsideLambda(r):
                return Wrap(r, $"return {ReturnValue(e)};");
            case SpreadElementSyntax { Expression: IdentifierNameSyntax id } spread when CollectedSpread(id) is { } replaced:
                return Wrap(spread, replaced);
            case InvocationExpressionSyntax inv when CollectedCall(inv) is { } replaced:
                return Wrap(inv, replaced);
            case SimpleNameSyntax n when n.Parent is InvocationExpressionSyntax || n.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } ma && ma.Name == n:
                return CompiledCallee(n) is { } name ? Lead(n) + name + Trail(n) : null;
            default:
                return null;
        }
    }

    private bool IsTraced(ExpressionSyntax e) => TracedTypes.IsTraced(_ctx, e) || _ctx.IsTensor(Model.GetTypeInfo(e).Type);

    private static bool InsideLambda(SyntaxNode n) => n.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    private string Declarator(VariableDeclaratorSyntax d)
    {
        var symbol = Model.GetDeclaredSymbol(d) as ILocalSymbol;
        if (d.Initializer is null) return d.Identifier.Text;
        var value = Core(d.Initializer.Value);
        return symbol is not null && LoopAnalysis.IsPrimitive(symbol.Type)
            ? $"{d.Identifier.Text} = {Lifted}.As<{LoopAnalysis.Keyword(symbol.Type)}>({value})"
            : $"{d.Identifier.Text} = {value}";
    }

    /// <summary>An assignment to a retyped primitive keeps C#'s conversion: <c>x = e</c> → <c>x = Lifted.As&lt;T&gt;(e)</c>.</summary>
    private string Assignment(AssignmentExpressionSyntax a, ISymbol target)
    {
        var keyword = LoopAnalysis.Keyword(LoopAnalysis.TypeOf(target)!);
        var left = Core(a.Left);
        var right = Core(a.Right);
        if (a.IsKind(SyntaxKind.SimpleAssignmentExpression)) return $"{left} = {Lifted}.As<{keyword}>({right})";
        var op = a.OperatorToken.Text.TrimEnd('=');
        return $"{left} = {Lifted}.As<{keyword}>({left} {op} ({right}))";
    }

    private string ReturnValue(ExpressionSyntax e) =>
        LoopAnalysis.IsPrimitive(_returnType) ? $"{Lifted}.As<{LoopAnalysis.Keyword(_returnType)}>({Core(e)})" : Core(e);

    /// <summary>A call of another <c>[Compile]</c> method goes to its compiled entry, which traces inline.</summary>
    private string? CompiledCallee(SimpleNameSyntax n)
    {
        if (Model.GetSymbolInfo(n).Symbol is not IMethodSymbol m || !CompileAttributes.Has(m)) return null;
        return LoopGen.Generator.Model.Naming.CompiledEntry(m.Name);
    }

    private CollectedList? CollectedDeclared(LocalDeclarationStatementSyntax d) =>
        d.Declaration.Variables.Select(v => Model.GetDeclaredSymbol(v)).Where(s => s is not null)
            .Select(s => _ctx.Collected.TryGetValue(s!, out var c) ? c : null).FirstOrDefault(c => c is not null);

    /// <summary><c>Tensor.Stack(list[, axis])</c> / <c>Tensor.Concat(list[, axis])</c> of a collected list → the loop's stacked output.</summary>
    private string? CollectedCall(InvocationExpressionSyntax inv)
    {
        if (inv.ArgumentList.Arguments.Count is < 1 or > 2 || Model.GetSymbolInfo(inv).Symbol is not IMethodSymbol m) return null;
        if (m.Name is not ("Stack" or "Concat") || !_ctx.IsTensor(m.ContainingType)) return null;
        if (Model.GetSymbolInfo(inv.ArgumentList.Arguments[0].Expression).Symbol is not { } s || !_ctx.Collected.TryGetValue(s, out var list)) return null;
        var axis = inv.ArgumentList.Arguments.Count == 2 ? ", " + Core(inv.ArgumentList.Arguments[1].Expression) : "";
        return $"{Lifted}.{m.Name}({list.StackedName}{axis})";
    }

    /// <summary><c>.. list</c> of a collected list in <c>Tensor.Concat([x, .. list], axis)</c> → the loop's rows joined along the axis, as one element.</summary>
    private string? CollectedSpread(IdentifierNameSyntax id)
    {
        if (Model.GetSymbolInfo(id).Symbol is not { } s || !_ctx.Collected.TryGetValue(s, out var list)) return null;
        if (MethodLifter.SpreadIntoConcat(_ctx, id) is not { } concat) return null;
        var axis = concat.ArgumentList.Arguments.Count == 2 ? ", " + Core(concat.ArgumentList.Arguments[1].Expression) : "";
        return $"{Lifted}.Concat({list.StackedName}{axis})";
    }

    // ---- Lines ---------------------------------------------------------------------------------------------

    /// <summary>A statement preceded by a <c>#line</c> for its first line (its leading trivia included).</summary>
    private string StatementLine(StatementSyntax s) => LineDirective(s.FullSpan.Start) + R(s);

    private string LineDirective(int position) =>
        HasFile ? $"#line {_ctx.LineOf(position)} \"{_ctx.FilePath}\"\n" : "";

    private string DefaultLine() => HasFile ? "#line default\n" : "";

    private string HiddenLine() => HasFile ? "#line hidden\n" : "";

    private bool HasFile => _ctx.FilePath.Length > 0 && _ctx.FilePath.IndexOf('"') < 0;

    private static string EnsureNewline(StringBuilder sb) => sb.Length > 0 && sb[sb.Length - 1] != '\n' ? "\n" : "";

    /// <summary>The indentation of the line a statement starts on.</summary>
    private static string Indent(SyntaxNode s)
    {
        var lead = s.GetLeadingTrivia().ToFullString();
        var tail = lead.Substring(lead.LastIndexOf('\n') + 1);
        return tail.Trim().Length == 0 ? tail : "";
    }

    /// <summary>Statements of a loop or branch body, each with its <c>#line</c>.</summary>
    private string BodyStatements(StatementSyntax body)
    {
        // Inside a loop with break/continue, a branch body that may exit guards its own rest.
        var statements = body is BlockSyntax block ? block.Statements.ToList() : new List<StatementSyntax> { body };
        var plan = _ctx.Exits.Values.FirstOrDefault(p => p.Statement.Span.Contains(body.Span) && p.Statement != body.Parent && statements.Any(st => Exits(st, p)));
        if (plan is not null) return ExitAwareList(statements, plan, Indent(statements[0]));
        var sb = new StringBuilder();
        if (body is BlockSyntax b)
        {
            foreach (var s in b.Statements) sb.Append(StatementLine(s));
        }
        else
        {
            sb.Append(StatementLine(body));
        }
        return sb.Append(EnsureNewline(sb)).ToString();
    }
}
