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
/// LG0013: marks the parameter <c>[Dynamic]</c>, written as short as the file's usings allow
/// (<c>[Dynamic]</c> under <c>using LoopGen;</c>, <c>[LoopGen.Dynamic]</c> otherwise).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddDynamicCodeFix))]
[Shared]
public sealed class AddDynamicCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RecompilesPerValue);

    // Every parameter of a document is marked in one rewrite, at document, project or solution scope. Not the batch
    // fixer: it drops diagnostics computed before another fix edited the file, which `dotnet format` hands it.
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider("Mark every static parameter that only sets trip counts [Dynamic]", FixDocumentAsync);

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        var parameters = diagnostics.Select(d => Target(root, d)).OfType<ParameterSyntax>().Distinct().ToList();
        if (parameters.Count == 0) return document;
        var marked = document.WithSyntaxRoot(root.ReplaceNodes(parameters, (_, rewritten) => Marked(rewritten)));
        return await Simplifier.ReduceAsync(marked, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
    }

    /// <summary>The parameter a diagnostic points at in this tree, unless it is [Dynamic] already.</summary>
    private static ParameterSyntax? Target(SyntaxNode root, Diagnostic diagnostic) =>
        DiagnosticSpan.In(root.SyntaxTree, diagnostic) is { } span && root.FindNode(span) is ParameterSyntax parameter && !IsDynamic(parameter) ? parameter : null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic) is not { } parameter) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Mark '{parameter.Identifier.ValueText}' [Dynamic]", ct => Fix(context.Document, parameter, context.CancellationToken), nameof(AddDynamicCodeFix)),
                diagnostic);
        }
    }

    private static bool IsDynamic(ParameterSyntax parameter) =>
        parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Dynamic" or "DynamicAttribute" or "LoopGen.Dynamic" or "global::LoopGen.Dynamic");

    private static async Task<Document> Fix(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var fixedDocument = document.WithSyntaxRoot(root.ReplaceNode(parameter, Marked(parameter)));
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The parameter with <c>[global::LoopGen.Dynamic]</c> first, annotated for the simplifier to shorten.</summary>
    private static ParameterSyntax Marked(ParameterSyntax parameter)
    {
        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::LoopGen.Dynamic").WithAdditionalAnnotations(Simplifier.Annotation));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        return parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
    }
}
