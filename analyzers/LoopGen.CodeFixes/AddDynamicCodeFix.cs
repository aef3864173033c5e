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

    // Each fix touches one parameter, so a batch merges them (document, project and solution scope).
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (DiagnosticSpan.In(root.SyntaxTree, diagnostic) is not { } span || root.FindNode(span) is not ParameterSyntax parameter || IsDynamic(parameter)) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Mark '{parameter.Identifier.ValueText}' [Dynamic]", ct => Fix(context.Document, parameter, ct), nameof(AddDynamicCodeFix)),
                diagnostic);
        }
    }

    private static bool IsDynamic(ParameterSyntax parameter) =>
        parameter.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "Dynamic" or "DynamicAttribute" or "LoopGen.Dynamic" or "global::LoopGen.Dynamic");

    private static async Task<Document> Fix(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var attribute = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::LoopGen.Dynamic").WithAdditionalAnnotations(Simplifier.Annotation));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute))
            .WithLeadingTrivia(parameter.GetLeadingTrivia())
            .WithTrailingTrivia(SyntaxFactory.Space);
        var marked = parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list));
        var fixedDocument = document.WithSyntaxRoot(root.ReplaceNode(parameter, marked));
        return await Simplifier.ReduceAsync(fixedDocument, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
