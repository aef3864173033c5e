using System.Collections.Immutable;
using LoopGen.Analyzers.Tests.Support;
using LoopGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// Every fix's Fix All at the three scopes a user (or <c>dotnet format</c>) asks for: a solution of two projects, the
/// first with two documents, each document with the same two problems. Document scope fixes one document, project
/// scope the first project's two, solution scope all three; what is fixed compiles with that diagnostic gone, the
/// rest is left as it was.
/// </summary>
public sealed class FixAllScopeTests
{
    public static TheoryData<string, FixAllScope> Cases => new()
    {
        { DiagnosticIds.TypeNotPartial, FixAllScope.Document },
        { DiagnosticIds.TypeNotPartial, FixAllScope.Project },
        { DiagnosticIds.TypeNotPartial, FixAllScope.Solution },
        { DiagnosticIds.CarryShapeVaries, FixAllScope.Document },
        { DiagnosticIds.CarryShapeVaries, FixAllScope.Project },
        { DiagnosticIds.CarryShapeVaries, FixAllScope.Solution },
        { DiagnosticIds.RecompilesPerValue, FixAllScope.Document },
        { DiagnosticIds.RecompilesPerValue, FixAllScope.Project },
        { DiagnosticIds.RecompilesPerValue, FixAllScope.Solution },
    };

    private static CodeFixProvider FixFor(string id) => id switch
    {
        DiagnosticIds.TypeNotPartial => new AddPartialCodeFix(),
        DiagnosticIds.CarryShapeVaries => new CollectOutputCodeFix(),
        DiagnosticIds.RecompilesPerValue => new AddDynamicCodeFix(),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    /// <summary>Two of each problem per document: two non-partial types, two growing carries (two loops of one method), two static counts.</summary>
    private static string Source(string name) => $$"""
        using LoopGen;

        public static class {{name}}
        {
            [Compile]
            public static Tensor Rows(Tensor xs, Tensor ys)
            {
                var acc = xs[0];
                foreach (var x in xs)
                    acc = Tensor.Concat([acc, x * 2f]);
                var inner = ys[0];
                foreach (var y in ys)
                {
                    inner = Tensor.Concat([inner, y + 1f]);
                }
                return Tensor.Concat([acc, inner]);
            }

            [Compile]
            public static Tensor Smooth(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }

            public static class Nested
            {
                [Compile]
                public static Tensor Decay(Tensor x, int m)
                {
                    for (int i = 0; i < m; i++) x = x * 0.9f;
                    return x;
                }
            }
        }
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public void FixAllCoversExactlyItsScope(string id, FixAllScope scope)
    {
        var (solution, first) = Solution();
        var provider = FixFor(id);
        var before = Counts(solution, id);
        Assert.All(before.Values, n => Assert.Equal(2, n));

        var fixedSolution = FixAll(solution, first, provider, id, scope, Diagnostics(solution, id));

        var after = Counts(fixedSolution, id);
        var expectedFixed = scope switch
        {
            FixAllScope.Document => new[] { "A.cs" },
            FixAllScope.Project => ["A.cs", "B.cs"],
            _ => ["A.cs", "B.cs", "C.cs"],
        };
        foreach (var (document, count) in after)
        {
            Assert.True(expectedFixed.Contains(document) ? count == 0 : count == 2, $"{id} at {scope} scope: {document} has {count} left\n{Text(fixedSolution, document)}");
        }
        foreach (var document in expectedFixed)
        {
            var errors = Compilation(fixedSolution, document).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var loopGen = AnalyzerHarness.Analyze(Compilation(fixedSolution, document)).Where(d => d.Location.SourceTree!.FilePath == document && d.Id == id).ToList();
            Assert.Empty(loopGen);
            Assert.True(errors.Count == 0, $"{document} after the fix:\n{Text(fixedSolution, document)}\n{string.Join("\n", errors)}");
        }
    }

    [Fact]
    public void DiagnosticsComputedBeforeAnotherFixStillFixTheRightNodes()
    {
        // What `dotnet format analyzers --diagnostics LG0002 LG0013` can do: compute both ids' diagnostics, apply the
        // LG0002 fix (which inserts "partial " above everything else), then apply LG0013 with its stale diagnostics.
        var (solution, first) = Solution();
        var staleDynamic = Diagnostics(solution, DiagnosticIds.RecompilesPerValue);
        var staleCollect = Diagnostics(solution, DiagnosticIds.CarryShapeVaries);
        solution = FixAll(solution, first, new AddPartialCodeFix(), DiagnosticIds.TypeNotPartial, FixAllScope.Solution, Diagnostics(solution, DiagnosticIds.TypeNotPartial));
        solution = FixAll(solution, first, new AddDynamicCodeFix(), DiagnosticIds.RecompilesPerValue, FixAllScope.Solution, staleDynamic);
        solution = FixAll(solution, first, new CollectOutputCodeFix(), DiagnosticIds.CarryShapeVaries, FixAllScope.Solution, staleCollect);

        var text = Text(solution, "A.cs");
        Assert.Contains("public static Tensor Smooth(Tensor x, [Dynamic] int n)", text);
        Assert.Contains("public static Tensor Decay(Tensor x, [Dynamic] int m)", text);
        Assert.Contains("public static Tensor Rows(Tensor xs, Tensor ys)", text);   // no parameter marked by mistake
        Assert.Contains("public static partial class A", text);
        Assert.Contains("acc = Tensor.Concat([acc, .. accParts]);", text);
        Assert.Contains("inner = Tensor.Concat([inner, .. innerParts]);", text);
        foreach (var id in new[] { DiagnosticIds.TypeNotPartial, DiagnosticIds.RecompilesPerValue, DiagnosticIds.CarryShapeVaries })
        {
            Assert.All(Counts(solution, id).Values, n => Assert.Equal(0, n));
        }
    }

    [Fact]
    public async Task ASpanAnEditTouchedIsNotGuessed()
    {
        var (solution, first) = Solution();
        var stale = Diagnostics(solution, DiagnosticIds.RecompilesPerValue);
        // Rename the parameter the first diagnostic points at: its span was edited, so no fix is offered for it.
        var document = solution.GetDocument(first)!;
        var text = await document.GetTextAsync();
        var target = stale.First(d => d.Location.SourceTree!.FilePath == "A.cs").Location.SourceSpan;
        var edited = document.WithText(text.WithChanges(new TextChange(target, "int renamed")));
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(edited, stale.First(d => d.Location.SourceTree!.FilePath == "A.cs"), (a, _) => actions.Add(a), CancellationToken.None);
        await new AddDynamicCodeFix().RegisterCodeFixesAsync(context);
        Assert.Empty(actions);
    }

    private static (Solution Solution, DocumentId First) Solution()
    {
        var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        DocumentId? first = null;
        foreach (var (project, documents) in new[] { ("One", new[] { "A", "B" }), ("Two", new[] { "C" }) })
        {
            var projectId = ProjectId.CreateNewId();
            solution = solution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), project, project, LanguageNames.CSharp,
                compilationOptions: AnalyzerHarness.Options(enableAll: true), parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: AnalyzerHarness.References.Value));
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.cs", SourceText.From(AnalyzerHarness.GlobalUsings), filePath: $"{project}.GlobalUsings.cs");
            foreach (var name in documents)
            {
                var id = DocumentId.CreateNewId(projectId);
                first ??= id;
                solution = solution.AddDocument(id, name + ".cs", SourceText.From(Source(name)), filePath: name + ".cs");
            }
        }
        return (solution, first!);
    }

    private static Solution FixAll(Solution solution, DocumentId start, CodeFixProvider provider, string id, FixAllScope scope, ImmutableArray<Diagnostic> diagnostics)
    {
        var document = solution.GetDocument(start)!;
        var first = diagnostics.First(d => d.Location.SourceTree!.FilePath == document.FilePath);
        var actions = new List<CodeAction>();
        provider.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => actions.Add(a), CancellationToken.None)).GetAwaiter().GetResult();
        Assert.True(actions.Count == 1, $"{id}: {actions.Count} actions for {first} in\n{document.GetTextAsync().GetAwaiter().GetResult()}\nchanges: {string.Join(" | ", document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!.GetChanges(first.Location.SourceTree!))}");
        var key = actions[0].EquivalenceKey!;
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll!.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, provider, scope, key, [id], new Provider(diagnostics), CancellationToken.None);
        var action = fixAll.GetFixAsync(context).GetAwaiter().GetResult();
        Assert.NotNull(action);
        var applied = action!.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult().OfType<ApplyChangesOperation>().Single();
        return applied.ChangedSolution;
    }

    /// <summary>The analyzer's diagnostics with <paramref name="id"/>, everywhere.</summary>
    private static ImmutableArray<Diagnostic> Diagnostics(Solution solution, string id) =>
        [.. solution.Projects.SelectMany(p => AnalyzerHarness.Analyze(p.GetCompilationAsync().GetAwaiter().GetResult()!)).Where(d => d.Id == id)];

    private static Dictionary<string, int> Counts(Solution solution, string id)
    {
        var found = Diagnostics(solution, id);
        return solution.Projects.SelectMany(p => p.Documents).Where(d => !d.Name.StartsWith("GlobalUsings", StringComparison.Ordinal))
            .ToDictionary(d => d.Name, d => found.Count(x => x.Location.SourceTree!.FilePath == d.FilePath));
    }

    private static Microsoft.CodeAnalysis.Compilation Compilation(Solution solution, string document) =>
        solution.Projects.Single(p => p.Documents.Any(d => d.Name == document)).GetCompilationAsync().GetAwaiter().GetResult()!;

    private static string Text(Solution solution, string document) =>
        solution.Projects.SelectMany(p => p.Documents).Single(d => d.Name == document).GetTextAsync().GetAwaiter().GetResult().ToString();

    /// <summary>Hands Fix All the diagnostics it is given (possibly computed on an older solution, as a batch tool may).</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => project.Documents.Any(doc => doc.FilePath == d.Location.SourceTree?.FilePath)));

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());
    }
}
