using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace LoopGen.CodeFixes;

/// <summary>
/// Fix All for the LoopGen fixes, at document, project and solution scope: each document in the scope is rewritten by
/// the fix's own function with that document's diagnostics. Roslyn's batch fixer and <c>FixAllProvider.Create</c> file a
/// diagnostic under the document its syntax tree belongs to, so they silently drop diagnostics that were computed
/// before another fix edited the file — what <c>dotnet format analyzers --diagnostics A B</c> hands the second fix.
/// Here the diagnostic provider says which diagnostics belong to a document, and the fix maps their spans onto the
/// current tree (<see cref="DiagnosticSpan"/>).
/// </summary>
internal sealed class DocumentFixAllProvider(string title, Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocument) : FixAllProvider
{
    /// <inheritdoc/>
    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

    /// <inheritdoc/>
    public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        IEnumerable<Document> documents = fixAllContext.Scope switch
        {
            FixAllScope.Document when fixAllContext.Document is { } document => [document],
            FixAllScope.Project => fixAllContext.Project.Documents,
            FixAllScope.Solution => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
            _ => [],
        };
        var inScope = documents.ToList();
        if (inScope.Count == 0) return Task.FromResult<CodeAction?>(null);
        var action = CodeAction.Create(title, ct => FixAsync(fixAllContext, inScope, ct), fixAllContext.CodeActionEquivalenceKey);
        return Task.FromResult<CodeAction?>(action);
    }

    private async Task<Solution> FixAsync(FixAllContext context, IReadOnlyList<Document> documents, CancellationToken cancellationToken)
    {
        var solution = context.Solution;
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
            if (diagnostics.IsEmpty) continue;
            var fixedDocument = await fixDocument(solution.GetDocument(document.Id)!, diagnostics, cancellationToken).ConfigureAwait(false);
            var root = await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is not null) solution = solution.WithDocumentSyntaxRoot(document.Id, root);
        }
        return solution;
    }
}
