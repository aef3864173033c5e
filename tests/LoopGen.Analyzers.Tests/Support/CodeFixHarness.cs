using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Analyzers.Tests.Support;

/// <summary>
/// Applies a code fix the way the IDE does: the source as a document of an <see cref="AdhocWorkspace"/> project, the
/// analyzer's diagnostics, the provider's registered action (or its Fix All), the operations applied to the
/// workspace. Then checks the text and that the result compiles with no LoopGen diagnostic left.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>Fixes the first diagnostic the provider can fix and compares the document with <paramref name="expected"/>.</summary>
    /// <param name="provider">The fix.</param>
    /// <param name="source">The code before.</param>
    /// <param name="expected">The code after.</param>
    /// <param name="enableAll">Whether LG0013 (off by default) is on.</param>
    /// <param name="remaining">Info ids the fixed code may still have (a [Dynamic] bound is a dynamic trip count).</param>
    public static void Verify(CodeFixProvider provider, string source, string expected, bool enableAll = false, params string[] remaining) =>
        Assert.Equal(Normalize(expected), Normalize(Apply(provider, source, fixAll: false, enableAll, remaining)));

    /// <summary>Runs the provider's Fix All over the document and compares it with <paramref name="expected"/>.</summary>
    public static void VerifyFixAll(CodeFixProvider provider, string source, string expected, bool enableAll = false, params string[] remaining) =>
        Assert.Equal(Normalize(expected), Normalize(Apply(provider, source, fixAll: true, enableAll, remaining)));

    /// <summary>Asserts the provider offers nothing for the diagnostics of <paramref name="source"/> (the pattern is not exact).</summary>
    public static void VerifyNoFix(CodeFixProvider provider, string source, bool enableAll = false)
    {
        var document = Document(source, enableAll);
        var diagnostics = Diagnostics(document, provider);
        Assert.NotEmpty(diagnostics);
        foreach (var d in diagnostics) Assert.Empty(Actions(provider, document, d));
    }

    private static string Apply(CodeFixProvider provider, string source, bool fixAll, bool enableAll, string[] remaining)
    {
        var document = Document(source, enableAll);
        var diagnostics = Diagnostics(document, provider);
        Assert.NotEmpty(diagnostics);
        CodeAction action;
        if (fixAll)
        {
            var fixAllProvider = provider.GetFixAllProvider();
            Assert.NotNull(fixAllProvider);
            var key = Actions(provider, document, diagnostics[0]).Single().EquivalenceKey;
            var context = new FixAllContext(document, provider, FixAllScope.Document, key, provider.FixableDiagnosticIds, new Provider(diagnostics), CancellationToken.None);
            action = fixAllProvider!.GetFixAsync(context).GetAwaiter().GetResult()!;
        }
        else
        {
            action = Actions(provider, document, diagnostics[0]).Single();
        }
        var workspace = document.Project.Solution.Workspace;
        foreach (var op in action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult()) op.Apply(workspace, CancellationToken.None);
        var fixedDocument = workspace.CurrentSolution.GetDocument(document.Id)!;
        var text = fixedDocument.GetTextAsync().GetAwaiter().GetResult().ToString();

        // The fixed code compiles, and nothing LoopGen reports is left (the infos included).
        var compilation = AnalyzerHarness.Compilation([("Source.cs", text)], enableAll);
        var left = AnalyzerHarness.Analyze(compilation).Where(d => !(remaining.Contains(d.Id) && d.Severity == DiagnosticSeverity.Info)).ToList();
        Assert.True(left.Count == 0, "after the fix:\n" + text + "\n" + string.Join("\n", left));
        return text;
    }

    private static Document Document(string source, bool enableAll)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "UserCode", "UserCode", LanguageNames.CSharp,
            compilationOptions: AnalyzerHarness.Options(enableAll),
            parseOptions: AnalyzerHarness.ParseOptions,
            metadataReferences: AnalyzerHarness.References.Value));
        workspace.AddDocument(project.Id, "GlobalUsings.cs", SourceText.From(AnalyzerHarness.GlobalUsings));
        return workspace.AddDocument(project.Id, "Source.cs", SourceText.From(source));
    }

    private static ImmutableArray<Diagnostic> Diagnostics(Document document, CodeFixProvider provider)
    {
        var compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        var tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult();
        return [.. AnalyzerHarness.Analyze(compilation).Where(d => provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.SourceTree == tree)];
    }

    private static List<CodeAction> Actions(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
        provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return actions;
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n");

    /// <summary>The diagnostics Fix All works on.</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
