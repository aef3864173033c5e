using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace LoopGen.CodeFixes;

/// <summary>
/// LG0006: a carry grown by concatenation becomes a collected output. Offered for the exact pattern only:
/// <code>
/// for (…)                                      var accParts = new List&lt;Tensor&gt;();
/// {                                            for (…)
///     …                                        {
///     acc = Tensor.Concat([acc, y], axis);  →      …
/// }                                                accParts.Add(y);
///                                              }
///                                              acc = Tensor.Concat([acc, .. accParts], axis);
/// </code>
/// where the statement is directly in the body of a <c>for</c> or <c>foreach</c> without <c>break</c>/<c>continue</c>, and
/// the loop reads <c>acc</c> nowhere else. The result is the same tensor (the pieces in the same order after the
/// initial <c>acc</c>; with no iteration, <c>acc</c> itself) and the loop then collects in linear time, where the
/// growing carry copied itself every iteration.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CollectOutputCodeFix))]
[Shared]
public sealed class CollectOutputCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CarryShapeVaries);

    // A structural rewrite around each loop, so a batch cannot merge independent edits (nested loops overlap): Fix All
    // rewrites each document itself, one loop at a time, matching the pattern again on the tree each fix leaves.
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider("Collect every growing carry's pieces in a list", FixDocumentAsync);

    /// <summary>Fixes every diagnostic of <paramref name="diagnostics"/> in <paramref name="document"/> (any Fix All scope).</summary>
    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        // Mark each reported assignment, so it can be found again after the rewrites before it.
        var marks = new Dictionary<AssignmentExpressionSyntax, SyntaxAnnotation>();
        foreach (var diagnostic in diagnostics)
        {
            if (Assignment(root, diagnostic) is { } assignment && !marks.ContainsKey(assignment)) marks[assignment] = new SyntaxAnnotation(nameof(CollectOutputCodeFix));
        }
        if (marks.Count == 0) return document;
        document = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original])));
        foreach (var mark in marks.Values)
        {
            root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (root is null || model is null) break;
            if (root.GetAnnotatedNodes(mark).OfType<AssignmentExpressionSyntax>().FirstOrDefault() is not { } assignment) continue;
            if (Match(assignment, model, ct) is not { } match) continue;
            document = await Fix(document, match, ct).ConfigureAwait(false);
        }
        // Once more over the whole document: a rewrite can leave an earlier one's names unreduced (a loop nested in another).
        return await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The assignment a diagnostic points at, in the tree the fix works on.</summary>
    private static AssignmentExpressionSyntax? Assignment(SyntaxNode root, Diagnostic diagnostic) =>
        DiagnosticSpan.In(root.SyntaxTree, diagnostic) is { } span
            ? root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AssignmentExpressionSyntax>()
            : null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Assignment(root, diagnostic) is not { } assignment) continue;
            if (Match(assignment, model, context.CancellationToken) is not { } match) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Collect the pieces of '{match.Carry.Name}' in a list and concatenate them after the loop", ct => Fix(context.Document, match, context.CancellationToken), nameof(CollectOutputCodeFix)),
                diagnostic);
        }
    }

    private sealed record Pattern(ISymbol Carry, ExpressionStatementSyntax Statement, StatementSyntax Loop, ExpressionSyntax Piece, InvocationExpressionSyntax Concat, string PartsName);

    private static Pattern? Match(AssignmentExpressionSyntax assignment, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.Parent is not ExpressionStatementSyntax statement) return null;
        // A local or a by-value parameter: both are plain variables the loop carries.
        if (assignment.Left is not IdentifierNameSyntax || model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is not { } carry
            || carry is not (ILocalSymbol or IParameterSymbol { RefKind: RefKind.None })) return null;
        if (assignment.Right is not InvocationExpressionSyntax concat || concat.ArgumentList.Arguments.Count is < 1 or > 2) return null;
        if (model.GetSymbolInfo(concat, cancellationToken).Symbol is not IMethodSymbol { Name: "Concat", IsStatic: true } m
            || m.ContainingType.ToDisplayString() != "LoopGen.Tensor") return null;
        var pieces = Elements(concat.ArgumentList.Arguments[0].Expression);
        if (pieces is not { Count: 2 } || !Is(pieces[0], carry, model, cancellationToken) || Reads(pieces[1], carry, model, cancellationToken)) return null;
        if (concat.ArgumentList.Arguments.Count == 2 && Reads(concat.ArgumentList.Arguments[1].Expression, carry, model, cancellationToken)) return null;

        // Directly in the body of a for/foreach (a collected output needs a static trip count and one Add per iteration).
        var loop = statement.Parent is BlockSyntax block ? block.Parent : statement.Parent;
        if (loop is not (ForStatementSyntax or ForEachStatementSyntax) || loop.Parent is not BlockSyntax) return null;
        var body = loop is ForStatementSyntax f ? f.Statement : ((ForEachStatementSyntax)loop).Statement;
        if (body != statement && body != statement.Parent) return null;
        if (body.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is BreakStatementSyntax or ContinueStatementSyntax && n.Ancestors().OfType<StatementSyntax>().FirstOrDefault(IsLoop) == loop)) return null;
        // The loop reads and writes the carry in this statement only.
        var uses = loop.DescendantNodes().OfType<IdentifierNameSyntax>().Where(id => Is(id, carry, model, cancellationToken)).ToList();
        if (uses.Count != 2 || uses.Any(u => !statement.Span.Contains(u.Span))) return null;

        var name = carry.Name + "Parts";
        for (int i = 2; model.LookupSymbols(loop.SpanStart, name: name).Length > 0 || Declared(loop.Parent, name); i++) name = carry.Name + "Parts" + i;
        return new Pattern(carry, statement, (StatementSyntax)loop, pieces[1], concat, name);
    }

    private static bool IsLoop(StatementSyntax s) => s is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

    /// <summary>Whether a name is declared anywhere in the block (a later declaration would clash with the new one).</summary>
    private static bool Declared(SyntaxNode block, string name) =>
        block.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(v => v.Identifier.ValueText == name)
        || block.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Parent is ForEachStatementSyntax or SingleVariableDesignationSyntax or ParameterSyntax && t.ValueText == name);

    private static List<ExpressionSyntax>? Elements(ExpressionSyntax list) => list switch
    {
        CollectionExpressionSyntax c when c.Elements.All(e => e is ExpressionElementSyntax) => c.Elements.Cast<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
        ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions.ToList(),
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions.ToList(),
        _ => null,
    };

    private static bool Is(ExpressionSyntax e, ISymbol symbol, SemanticModel model, CancellationToken ct)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e is IdentifierNameSyntax && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(e, ct).Symbol, symbol);
    }

    private static bool Reads(ExpressionSyntax e, ISymbol symbol, SemanticModel model, CancellationToken ct) =>
        e.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => Is(id, symbol, model, ct));

    private static async Task<Document> Fix(Document document, Pattern p, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var eol = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newline = eol.IsKind(SyntaxKind.EndOfLineTrivia) ? eol : SyntaxFactory.EndOfLine("\n");
        var indentation = Indentation(p.Loop);

        // Before the loop: the list, with the loop's leading trivia (comments stay above both).
        var declaration = SyntaxFactory.ParseStatement($"var {p.PartsName} = new global::System.Collections.Generic.List<global::LoopGen.Tensor>();")
            .WithAdditionalAnnotations(Simplifier.Annotation)
            .WithLeadingTrivia(p.Loop.GetLeadingTrivia())
            .WithTrailingTrivia(newline);

        // In the loop: the piece is added instead of concatenated (the statement keeps its trivia).
        var add = SyntaxFactory.ParseStatement($"{p.PartsName}.Add({p.Piece.WithoutTrivia().ToFullString()});").WithTriviaFrom(p.Statement);

        // After the loop: one concatenation, in the same order, with the original call's own spelling and axis.
        var axis = p.Concat.ArgumentList.Arguments.Count == 2 ? ", " + p.Concat.ArgumentList.Arguments[1].ToFullString().Trim() : "";
        var after = SyntaxFactory.ParseStatement($"{p.Carry.Name} = {p.Concat.Expression.WithoutTrivia().ToFullString()}([{p.Carry.Name}, .. {p.PartsName}]{axis});")
            .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation))
            .WithTrailingTrivia(newline);

        var loop = p.Loop.ReplaceNode(p.Statement, add).WithLeadingTrivia(SyntaxFactory.Whitespace(indentation));
        if (!loop.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))) loop = loop.WithTrailingTrivia(loop.GetTrailingTrivia().Add(newline));
        var block = (BlockSyntax)p.Loop.Parent!;
        int index = block.Statements.IndexOf(p.Loop);
        var statements = block.Statements.RemoveAt(index).InsertRange(index, new[] { declaration, loop, after });
        var fixedDocument = document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(statements)));
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whitespace the loop's first line starts with.</summary>
    private static string Indentation(SyntaxNode node)
    {
        var lead = node.GetLeadingTrivia().ToFullString();
        var last = lead.Substring(lead.LastIndexOf('\n') + 1);
        return last.Trim().Length == 0 ? last : "";
    }
}
