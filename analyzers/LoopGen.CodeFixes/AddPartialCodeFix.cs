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

    // Each fix touches one declaration's modifiers, so a batch merges them (document, project and solution scope).
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (DiagnosticSpan.In(root.SyntaxTree, diagnostic) is not { } span || root.FindToken(span.Start).Parent is not TypeDeclarationSyntax type || IsPartial(type)) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{type.Identifier.ValueText}' partial", ct => Fix(context.Document, type, ct), nameof(AddPartialCodeFix)),
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
