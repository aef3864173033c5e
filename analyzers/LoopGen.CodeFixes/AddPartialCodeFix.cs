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

namespace LoopGen.CodeFixes;

/// <summary>LG0002: adds <c>partial</c> to the type declaration, as the last modifier (where C# requires it).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFix))]
[Shared]
public sealed class AddPartialCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TypeNotPartial);

    // Every declaration of a document gets 'partial' in one rewrite (nested ones too), at document, project or solution
    // scope. Not the batch fixer: it drops diagnostics computed before another fix edited the file, which `dotnet format`
    // hands it.
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => new DocumentFixAllProvider("Make every containing type of a [Compile] method partial", FixDocumentAsync);

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken ct)
    {
        var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
        if (root is null) return document;
        var types = diagnostics.Select(d => Target(root, d)).OfType<TypeDeclarationSyntax>().Distinct().ToList();
        return types.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(types, (_, rewritten) => WithPartial(rewritten)));
    }

    /// <summary>The declaration a diagnostic points at (its name) in this tree, unless it is partial already.</summary>
    private static TypeDeclarationSyntax? Target(SyntaxNode root, Diagnostic diagnostic) =>
        DiagnosticSpan.In(root.SyntaxTree, diagnostic) is { } span && root.FindToken(span.Start).Parent is TypeDeclarationSyntax type && !IsPartial(type) ? type : null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic) is not { } type) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{type.Identifier.ValueText}' partial", ct => Fix(context.Document, type, context.CancellationToken), nameof(AddPartialCodeFix)),
                diagnostic);
        }
    }

    private static bool IsPartial(TypeDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PartialKeyword);

    private static async Task<Document> Fix(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(type, WithPartial(type)));
    }

    /// <summary>The declaration with <c>partial</c> just before its keyword; the keyword's leading trivia (indentation) moves to the first token.</summary>
    internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0) return type.WithModifiers(type.Modifiers.Add(partial));
        var keyword = type.Keyword;
        return type.WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
