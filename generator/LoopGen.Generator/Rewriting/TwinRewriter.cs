using System;
using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Turns a <c>[Compile]</c> method's body into its traced twin, on syntax trees: one override per construct the plan
/// lifts (loops, traced ifs, break/continue, collected lists, retyped numbers, returns), every type and static member
/// bound as <c>global::…</c> (so no user <c>using</c> is needed), trivia dropped as whole units (comments and directives
/// never split a statement), then formatted and mapped back to the user's lines (<see cref="LineMap"/>).
/// </summary>
internal sealed partial class TwinRewriter : CSharpSyntaxRewriter
{
    internal const string TensorType = "global::LoopGen.Tensor";
    private const string Lifted = "global::LoopGen.Lifted";

    /// <summary>Marks a block whose statements belong in the enclosing statement list (a loop that expands to several).</summary>
    private static readonly SyntaxAnnotation Splice = new("LoopGen.Splice");

    private readonly LiftContext _ctx;
    private readonly ITypeSymbol _returnType;
    private readonly Template _t;

    private TwinRewriter(LiftContext ctx, ITypeSymbol returnType)
    {
        _ctx = ctx;
        _returnType = returnType;
        _t = new Template(ctx.Prefix);
    }

    private SemanticModel Model => _ctx.Model;

    /// <summary>The twin's body block as text (formatted, with line directives), checked to parse.</summary>
    public static string Render(LiftContext ctx, ITypeSymbol returnType)
    {
        var t = GeneratorTestHooks.Start();
        var body = RenderBlock(ctx, returnType);
        // The one-pass layout; the normalizer (several times slower) only where its text would not read back as this tree.
        GeneratorTestHooks.Stop("  twin: rewrite", t);
        t = GeneratorTestHooks.Start();
        var text = TwinLayout.Write(body, ctx.FilePath);
        GeneratorTestHooks.Stop("  twin: layout", t);
        t = GeneratorTestHooks.Start();
        var parsed = ParsedBody(text, out _);
        GeneratorTestHooks.Stop("  twin: parse back", t);
        if (parsed is { } laidOut && SyntaxFactory.AreEquivalent(laidOut, body, topLevel: false)) return text;
        text = LineMap.Apply(body.NormalizeWhitespace("    ", "\n"), ctx.FilePath).ToFullString();
        if (ParsedBody(text, out var error) is null) throw new InvalidOperationException("the generated twin does not parse: " + error);
        return text;
    }

    /// <summary>The twin's body block as a tree, before layout (a helper's twin is one inside its caller's, <see cref="HelperFunctions"/>).</summary>
    private static BlockSyntax RenderBlock(LiftContext ctx, ITypeSymbol returnType)
    {
        var rewriter = new TwinRewriter(ctx, returnType);
        var m = ctx.Method;
        BlockSyntax body;
        if (m.Body is { } block)
        {
            body = SyntaxFactory.Block(rewriter.ParameterCopies().Concat(rewriter.StatementList(block.Statements)));
        }
        else
        {
            var arrow = m.ExpressionBody!.Expression;
            var ret = SyntaxFactory.ReturnStatement(rewriter.ReturnValue(arrow)).WithAdditionalAnnotations(LineMap.For(arrow));
            body = SyntaxFactory.Block(ret);
        }
        return ctx.HelperTwins.Count == 0 ? body : body.AddStatements(rewriter.HelperFunctions().ToArray());
    }

    /// <summary>The last guard before emission: a twin that does not parse is an internal error, never a broken build.</summary>
    private static BlockSyntax? ParsedBody(string body, out string? error)
    {
        var unit = SyntaxFactory.ParseCompilationUnit("class C\n{\nvoid M()\n" + body + "\n}\n", options: new CSharpParseOptions(LanguageVersion.Latest));
        error = unit.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.GetMessage();
        if (error is not null) return null;
        return unit.Members.Count == 1 && unit.Members[0] is ClassDeclarationSyntax c && c.Members.Count == 1 && c.Members[0] is MethodDeclarationSyntax m ? m.Body : null;
    }

    // ---- Statements, lines and trivia --------------------------------------------------------------------------

    /// <inheritdoc/>
    public override SyntaxNode? Visit(SyntaxNode? node)
    {
        _ctx.CancellationToken.ThrowIfCancellationRequested();
        var result = base.Visit(node);
        if (node is StatementSyntax s and not BlockSyntax && node.SyntaxTree == _ctx.Method.SyntaxTree)
        {
            if (result is BlockSyntax b)
            {
                // A statement that became several (a spliced list, or a block scoping what a loop declares): each maps to it.
                result = b.WithStatements(SyntaxFactory.List(b.Statements.Select(x => LineMap.Has(x) ? x : x.WithAdditionalAnnotations(LineMap.For(s)))));
            }
            else if (result is StatementSyntax r && !LineMap.Has(r))
            {
                result = r.WithAdditionalAnnotations(LineMap.For(s));
            }
        }
        return result;
    }

    /// <summary>Comments, blank lines and directives go as whole units; the formatter lays the code out again.</summary>
    public override SyntaxToken VisitToken(SyntaxToken token)
    {
        token = base.VisitToken(token);
        // Each With* makes a new token: only for a token that has trivia to drop.
        if (token.HasLeadingTrivia) token = token.WithLeadingTrivia();
        return token.HasTrailingTrivia ? token.WithTrailingTrivia() : token;
    }

    /// <summary>Rewrites statements in order, splicing loops that expand to several statements.</summary>
    private List<StatementSyntax> StatementList(IEnumerable<StatementSyntax> statements)
    {
        var list = new List<StatementSyntax>();
        foreach (var s in statements) AddRewritten(list, s);
        return list;
    }

    private void AddRewritten(List<StatementSyntax> list, StatementSyntax s)
    {
        var r = Visit(s);
        if (r is BlockSyntax b && b.HasAnnotation(Splice)) list.AddRange(b.Statements);
        else if (r is StatementSyntax st) list.Add(st);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitBlock(BlockSyntax node)
    {
        if (ExitAwareBlock(node) is { } guarded) return guarded;
        return SyntaxFactory.Block(StatementList(node.Statements));
    }

    /// <summary>A statement list, or one statement, as a spliced block (several statements where one was).</summary>
    private static StatementSyntax Spliced(IEnumerable<StatementSyntax> statements)
    {
        var list = statements.ToList();
        return list.Count == 1 ? list[0] : SyntaxFactory.Block(list).WithAdditionalAnnotations(Splice);
    }

    private StatementSyntax S(StatementSyntax s) => (StatementSyntax)Visit(s)!;

    private ExpressionSyntax E(ExpressionSyntax e) => (ExpressionSyntax)Visit(e)!;

    private string H(ExpressionSyntax e) => _t.Hole(E(e));

    private string A(ExpressionSyntax e) => _t.Arg(E(e));

    // ---- Expressions the plan changes ----------------------------------------------------------------------------

    private bool IsTraced(ExpressionSyntax e) => TracedTypes.IsTraced(_ctx, e) || _ctx.IsTensor(_ctx.TypeOf(e));

    private static bool InsideLambda(SyntaxNode n) => n.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);

    /// <inheritdoc/>
    public override SyntaxNode? VisitVariableDeclaration(VariableDeclarationSyntax node)
    {
        if (!node.Variables.Any(d => _ctx.DeclaredOf(d) is { } s && _ctx.Traced.Contains(s))) return base.VisitVariableDeclaration(node);
        if (NumberTupleDeclaration(node) is { } tuple) return tuple;
        var declarators = node.Variables.Select(d =>
        {
            var v = SyntaxFactory.VariableDeclarator(d.Identifier.WithoutTrivia());
            if (d.Initializer is null) return v;
            var value = E(d.Initializer.Value);
            if (_ctx.DeclaredOf(d) is ILocalSymbol local && LoopAnalysis.IsPrimitive(local.Type)) value = As(local.Type, value);
            return v.WithInitializer(SyntaxFactory.EqualsValueClause(value));
        });
        return SyntaxFactory.VariableDeclaration(SyntaxFactory.ParseTypeName(TensorType), SyntaxFactory.SeparatedList(declarators));
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        if (NumberTupleAssignment(node) is { } tuple) return tuple;
        if (Deconstruction(node) is { } deconstruction) return deconstruction;
        if (_ctx.SymbolOf(node.Left) is not { } target || !_ctx.Traced.Contains(target) || !LoopAnalysis.IsPrimitive(LoopAnalysis.TypeOf(target)))
        {
            return base.VisitAssignmentExpression(node);
        }
        // An assignment to a retyped number keeps C#'s conversion: x = e → x = Lifted.As<T>(e); x op= e → x = Lifted.As<T>(x op (e)).
        var type = LoopAnalysis.TypeOf(target)!;
        var left = E(node.Left);
        var right = E(node.Right);
        if (node.IsKind(SyntaxKind.SimpleAssignmentExpression))
        {
            return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, left, As(type, right));
        }
        var op = CompoundOperator(node.Kind());
        if (op is null) return base.VisitAssignmentExpression(node);
        var combined = SyntaxFactory.BinaryExpression(op.Value, left, Template.IsPrimary(right) ? right : SyntaxFactory.ParenthesizedExpression(right));
        return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, left, As(type, combined));
    }

    private static SyntaxKind? CompoundOperator(SyntaxKind assignment) => assignment switch
    {
        SyntaxKind.AddAssignmentExpression => SyntaxKind.AddExpression,
        SyntaxKind.SubtractAssignmentExpression => SyntaxKind.SubtractExpression,
        SyntaxKind.MultiplyAssignmentExpression => SyntaxKind.MultiplyExpression,
        SyntaxKind.DivideAssignmentExpression => SyntaxKind.DivideExpression,
        SyntaxKind.ModuloAssignmentExpression => SyntaxKind.ModuloExpression,
        SyntaxKind.AndAssignmentExpression => SyntaxKind.BitwiseAndExpression,
        SyntaxKind.OrAssignmentExpression => SyntaxKind.BitwiseOrExpression,
        SyntaxKind.ExclusiveOrAssignmentExpression => SyntaxKind.ExclusiveOrExpression,
        SyntaxKind.LeftShiftAssignmentExpression => SyntaxKind.LeftShiftExpression,
        SyntaxKind.RightShiftAssignmentExpression => SyntaxKind.RightShiftExpression,
        _ => null,
    };

    /// <summary><c>Lifted.As&lt;T&gt;(value)</c>: the value as a 0-d tensor of the C# type's dtype.</summary>
    private ExpressionSyntax As(ITypeSymbol type, ExpressionSyntax value) =>
        _t.Expression($"{Lifted}.As<{LoopAnalysis.Keyword(type)}>({_t.Arg(value)})");

    /// <inheritdoc/>
    public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        if ((node.IsKind(SyntaxKind.LogicalAndExpression) || node.IsKind(SyntaxKind.LogicalOrExpression)) && IsTraced(node))
        {
            // On tensors both sides are traced anyway: && and || become the elementwise & and |.
            var op = node.IsKind(SyntaxKind.LogicalAndExpression) ? "&" : "|";
            return _t.Expression($"{H(node.Left)} {op} {H(node.Right)}");
        }
        return base.VisitBinaryExpression(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitConditionalExpression(ConditionalExpressionSyntax node)
    {
        if (!TracedTypes.IsTracedCondition(_ctx, node.Condition)) return base.VisitConditionalExpression(node);
        return _t.Expression($"{TensorType}.Where({A(node.Condition)}, {A(node.WhenTrue)}, {A(node.WhenFalse)})");
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitCastExpression(CastExpressionSyntax node)
    {
        var type = _ctx.TypeOf(node.Type);
        if (LoopAnalysis.IsPrimitive(type) && IsTraced(node.Expression)) return As(type!, E(node.Expression));
        return base.VisitCastExpression(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
    {
        if (node.Expression is null || InsideLambda(node)) return base.VisitReturnStatement(node);
        if (EarlyReturn(node) is { } early) return early;
        return SyntaxFactory.ReturnStatement(ReturnValue(node.Expression));
    }

    /// <summary>The method's result in the twin: a C# number it returns is a 0-d tensor there.</summary>
    private ExpressionSyntax ReturnValue(ExpressionSyntax e) => Returned(_returnType, e);

    private ExpressionSyntax Returned(ITypeSymbol type, ExpressionSyntax e)
    {
        if (ReturnedList(type, e) is { } stacked) return stacked;
        if (LoopAnalysis.IsPrimitive(type)) return As(type, E(e));
        // (x, count) for a (Tensor, int) result: each number converted where it is written.
        if (type is INamedTypeSymbol { IsTupleType: true } tuple && Parens.Strip(e) is TupleExpressionSyntax literal
            && literal.Arguments.Count == tuple.TupleElements.Length && !LoopAnalysis.IsTensorTuple(_ctx, tuple))
        {
            var items = literal.Arguments.Select((a, i) => SyntaxFactory.Argument(Returned(tuple.TupleElements[i].Type, a.Expression)));
            return SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(items));
        }
        if (type is INamedTypeSymbol { IsTupleType: true } held && !LoopAnalysis.IsTensorTuple(_ctx, held) && TupleVariables.Is(_ctx, e)) return SpreadTuple(held, E(e));
        return E(e);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
    {
        // A collected list lives on as the loop's stacked output: its declaration goes.
        if (CollectedDeclared(node) is { } collected)
        {
            // Declared before an if whose branches fill it: the stacked output lives here, each loop assigns it.
            return HoistedCollections.IsHoisted(collected) ? _t.Statement($"{TensorType} {StackedName(collected)} = null!;") : null;
        }
        return base.VisitLocalDeclarationStatement(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
    {
        if (_ctx.Collected.Values.Concat(_ctx.MoreCollected).FirstOrDefault(c => c.Add == node) is { } added)
        {
            var value = ((InvocationExpressionSyntax)node.Expression).ArgumentList.Arguments[0].Expression;
            return _t.Statement($"{RowName(added)} = {A(value)};");
        }
        return base.VisitExpressionStatement(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitSpreadElement(SpreadElementSyntax node)
    {
        if (Parens.Strip(node.Expression) is IdentifierNameSyntax joined && ConcatenatedSpread(joined) is { } spread) return spread;
        if (Parens.Strip(node.Expression) is IdentifierNameSyntax id && CollectedSpread(id) is { } replaced) return SyntaxFactory.ExpressionElement(replaced);
        return base.VisitSpreadElement(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        if (HelperCall(node) is { } helper) return helper;
        if (CollectedCall(node) is { } collected) return collected;
        if (SizeRead(node) is { } size) return size;
        if (MathCall(node) is { } math) return math;
        if (ExtensionCall(node) is { } extension) return extension;
        return base.VisitInvocationExpression(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitBreakStatement(BreakStatementSyntax node) => ExitStatement(node) ?? base.VisitBreakStatement(node);

    /// <inheritdoc/>
    public override SyntaxNode? VisitContinueStatement(ContinueStatementSyntax node) => ExitStatement(node) ?? base.VisitContinueStatement(node);

    /// <summary><c>Math.Min(m, 3)</c> on a traced number → <c>Lifted.As&lt;int&gt;(Tensor.Minimum(m, 3))</c> (see <see cref="Lifting.Mappings.KnownMath"/>).</summary>
    private ExpressionSyntax? MathCall(InvocationExpressionSyntax inv)
    {
        var method = _ctx.SymbolOf(inv) as IMethodSymbol;
        if (Lifting.Mappings.KnownMath.TensorMethod(method) is not { } tensorMethod) return null;
        if (!inv.ArgumentList.Arguments.Any(a => IsTraced(a.Expression))) return null;
        var args = string.Join(", ", inv.ArgumentList.Arguments.Select(a => A(a.Expression)));
        return _t.Expression($"{Lifted}.As<{LoopAnalysis.Keyword(method!.ReturnType)}>({TensorType}.{tensorMethod}({args}))");
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitSwitchExpression(SwitchExpressionSyntax node)
    {
        // A switch on a traced number: nested selects, the arms tested in order (see TracedSwitch).
        if (!TracedSwitch.IsTraced(_ctx, node) || !TracedSwitch.Supported(_ctx, node)) return base.VisitSwitchExpression(node);
        var value = E(node.GoverningExpression);
        bool discard = TracedSwitch.EndsInDiscard(node);
        var result = E(discard ? node.Arms[node.Arms.Count - 1].Expression : TracedSwitch.DefaultTarget(_ctx, node)!);
        for (int k = node.Arms.Count - (discard ? 2 : 1); k >= 0; k--)
        {
            var arm = node.Arms[k];
            result = _t.Expression($"{TensorType}.Where({_t.Arg(ArmTest(arm, value))}, {A(arm.Expression)}, {_t.Arg(result)})");
        }
        var type = _ctx.TypeOf(node);
        return type is not null && LoopAnalysis.IsPrimitive(type) ? As(type, result) : result;
    }

    private static string Relation(SyntaxKind kind) => kind switch
    {
        SyntaxKind.LessThanToken => "<",
        SyntaxKind.LessThanEqualsToken => "<=",
        SyntaxKind.GreaterThanToken => ">",
        SyntaxKind.GreaterThanEqualsToken => ">=",
        _ => throw new System.InvalidOperationException("a relational pattern with operator " + kind),
    };

    /// <summary>The condition a pattern tests on <paramref name="value"/>, as a tensor expression.</summary>
    private ExpressionSyntax Test(PatternSyntax pattern, ExpressionSyntax value) => pattern switch
    {
        ConstantPatternSyntax c => _t.Expression($"({TensorType})({_t.Hole(value)} == {H(c.Expression)})"),
        RelationalPatternSyntax r => _t.Expression($"({TensorType})({_t.Hole(value)} {Relation(r.OperatorToken.Kind())} {H(r.Expression)})"),
        BinaryPatternSyntax b => _t.Expression($"{_t.Hole(Test(b.Left, value))} {(b.IsKind(SyntaxKind.OrPattern) ? "|" : "&")} {_t.Hole(Test(b.Right, value))}"),
        ParenthesizedPatternSyntax p => Test(p.Pattern, value),
        _ => throw new System.InvalidOperationException("a switch arm's pattern that TracedSwitch does not accept: " + pattern.Kind()),
    };

    /// <inheritdoc/>
    public override SyntaxNode? VisitRangeExpression(RangeExpressionSyntax node)
    {
        // xs[i..(i + k)] at a traced i: a window of k at a tensor start (see TracedWindow).
        if (TracedWindow.Match(_ctx, node) is { } window)
        {
            return _t.Expression($"global::LoopGen.TensorIndex.Window({A(window.Start)}, {window.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }
        return base.VisitRangeExpression(node);
    }

    /// <inheritdoc/>
    public override SyntaxNode? VisitElementAccessExpression(ElementAccessExpressionSyntax node)
    {
        if (BoundedAccess(node) is { } bounded) return bounded;
        // A C# array constant indexed by a traced counter: the array becomes a constant tensor, indexed dynamically.
        if (node.ArgumentList.Arguments.Count == 1 && _ctx.TypeOf(node.Expression) is IArrayTypeSymbol { Rank: 1 } array
            && LoopAnalysis.IsPrimitive(array.ElementType) && IsTraced(node.ArgumentList.Arguments[0].Expression))
        {
            var items = H(node.Expression);
            return _t.Expression($"{TensorType}.From({items}, {items}.Length)[{A(node.ArgumentList.Arguments[0].Expression)}]");
        }
        return base.VisitElementAccessExpression(node);
    }

    // ---- Collected lists ---------------------------------------------------------------------------------------

    private string StackedName(CollectedList list) => _ctx.Prefix + "stacked_" + list.List.Name;

    private string RowName(CollectedList list) => _ctx.Prefix + "y_" + list.List.Name;

    private CollectedList? CollectedDeclared(LocalDeclarationStatementSyntax d) =>
        d.Declaration.Variables.Select(v => _ctx.DeclaredOf(v)).Where(s => s is not null)
            .Select(s => _ctx.Collected.TryGetValue(s!, out var c) ? c : null).FirstOrDefault(c => c is not null);

    /// <summary><c>Tensor.Stack(list[, axis])</c> / <c>Tensor.Concat(list[, axis])</c> of a collected list → the loop's stacked output.</summary>
    private ExpressionSyntax? CollectedCall(InvocationExpressionSyntax inv)
    {
        if (inv.ArgumentList.Arguments.Count is < 1 or > 2 || _ctx.SymbolOf(inv) is not IMethodSymbol m) return null;
        if (m.Name is not ("Stack" or "Concat") || !_ctx.IsTensor(m.ContainingType)) return null;
        if (_ctx.SymbolOf(Unparenthesized(inv.ArgumentList.Arguments[0].Expression)) is not { } s || !_ctx.Collected.TryGetValue(s, out var list)) return null;
        if (_ctx.Sizes.ConcatLoops.Contains(list.Loop)) return SyntaxFactory.ParenthesizedExpression(ConcatenatedOutput(list)); // joined in the loop (Loop.ForConcat)
        var axis = inv.ArgumentList.Arguments.Count == 2 ? ", " + A(inv.ArgumentList.Arguments[1].Expression) : "";
        return _t.Expression($"{Lifted}.{m.Name}({StackedName(list)}{axis})");
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }

    /// <summary><c>.. list</c> of a collected list in <c>Tensor.Concat([x, .. list], axis)</c> → the loop's rows joined along the axis, as one element.</summary>
    private ExpressionSyntax? CollectedSpread(IdentifierNameSyntax id)
    {
        if (_ctx.SymbolOf(id) is not { } s || !_ctx.Collected.TryGetValue(s, out var list)) return null;
        if (MethodLifter.SpreadIntoConcat(_ctx, id) is not { } concat) return null;
        var axis = concat.ArgumentList.Arguments.Count == 2 ? ", " + A(concat.ArgumentList.Arguments[1].Expression) : "";
        return _t.Expression($"{Lifted}.ConcatRows({StackedName(list)}{axis})");
    }

    private static string Str(string s) => SymbolDisplay.FormatLiteral(s, quote: true);
}
