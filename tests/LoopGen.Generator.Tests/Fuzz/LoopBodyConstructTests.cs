using LoopGen.Analyzers;
using LoopGen.Generator.Tests.Support;
using LoopGen.Generator.Tests.Variants;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// Every construct snippet of <see cref="SourceMutator"/> placed in each spot of a few small kernels (inside a for,
/// a while and a foreach body, before a loop): where the result compiles as C#, the generator does not throw, the
/// generated code compiles with no warning, the analyzers do not throw, a method left eager has a diagnostic, and the
/// compiled entry agrees with the eager method.
/// </summary>
public sealed class LoopBodyConstructTests(ITestOutputHelper output)
{
    private const string Here = "/*HERE*/";

    private static readonly string[] Kernels =
    [
        "[Compile] public static Tensor ForBody(Tensor x, int n) { for (int i = 0; i < n; i++) { " + Here + " x = x * 0.5f + 1f; } return x; }",
        "[Compile] public static Tensor WhileBody(Tensor x, int n) { int i = 0; while (i < n) { i++; " + Here + " x = x + i; } return x; }",
        "[Compile] public static Tensor ForeachBody(Tensor x, Tensor xs) { foreach (var row in xs) { " + Here + " x = x + row.Sum(); } return x; }",
        "[Compile] public static Tensor BeforeLoop(Tensor x, int n) { " + Here + " for (int i = 0; i < n; i++) x = x * 0.5f; return x; }",
    ];

    public static TheoryData<int> Spots() => new(Enumerable.Range(0, Kernels.Length));

    [Theory]
    [MemberData(nameof(Spots))]
    public async Task EverySnippetInThisSpotBuildsCleanAndAgreesWithEager(int spot)
    {
        // One method per snippet, all in one class: the methods that do not compile as C# are dropped (a snippet may
        // name what the kernel lacks), the rest go through the generator, the analyzers and the runs together.
        var kernel = Kernels[spot];
        var name = kernel[(kernel.IndexOf("Tensor ", StringComparison.Ordinal) + 7)..kernel.IndexOf('(', StringComparison.Ordinal)];
        var methods = SourceMutator.AllSnippets.Select((snippet, j) => (Snippet: snippet, Text: kernel.Replace(Here, snippet, StringComparison.Ordinal).Replace(name + "(", name + j + "(", StringComparison.Ordinal))).ToList();
        var kept = Enumerable.Range(0, methods.Count).ToList();
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation;
        while (true)
        {
            compilation = Compile(kept.Select(j => methods[j].Text));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count == 0) break;
            var tree = compilation.SyntaxTrees.First(t => t.FilePath == "K.cs");
            var bad = errors.Where(e => e.Location.SourceTree == tree).Select(e => tree.GetRoot().FindNode(e.Location.SourceSpan).AncestorsAndSelf()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
            int before = kept.Count;
            kept.RemoveAll(j => bad.Contains(name + j));
            Assert.True(kept.Count < before, "errors outside the snippets' methods (a test bug): " + errors[0]);
        }
        var failures = new List<string>();
        var run = GeneratorHarness.Run(compilation);
        if (run.Result.Results.Any(r => r.Exception is not null) || run.GeneratorDiagnostics.Any(d => d.Id is "CS8785" or "LG9999"))
        {
            failures.Add($"generator failure {run.Result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null)}{run.GeneratorDiagnostics.FirstOrDefault()}");
        }
        var broken = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
        foreach (var b in broken.Take(3)) failures.Add($"generated code does not compile clean: {b}\n{b.Location.SourceTree}");
        var analyzerDiagnostics = await run.Output.WithAnalyzers([new LoopGenAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        foreach (var crash in analyzerDiagnostics.Where(d => d.Id is "AD0001" or "LG9999")) failures.Add($"analyzer: {crash}");
        foreach (var j in kept.Where(j => run.AllGeneratedText.Contains(" " + name + j + " is not compiled", StringComparison.Ordinal)))
        {
            // A method left eager must say why, at a line of its own; under '#line hidden' (which also hides every line
            // before the file's first #line) the compiler drops analyzer diagnostics, so there it cannot.
            var tree = run.Output.SyntaxTrees.First(t => t.FilePath == "K.cs");
            var declaration = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First(m => m.Identifier.ValueText == name + j);
            if (GeneratorHarness.IsHidden(tree, declaration.Identifier.SpanStart)) continue;
            bool said = analyzerDiagnostics.Any(d => d.Id.StartsWith("LG", StringComparison.Ordinal) && d.Location.SourceTree == tree
                && tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == name + j));
            if (!said) failures.Add($"snippet `{methods[j].Snippet}`: left eager with no diagnostic; {methods[j].Text}");
        }
        int compared = 0;
        if (broken.Count == 0)
        {
            var type = KernelRunner.Load(run.Output).GetType("Fz.K")!;
            foreach (var j in kept)
            {
                try
                {
                    compared += KernelRunner.CompareAll(type.Assembly, seed: 5, t => t == type, m => m == name + j);
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or System.Reflection.TargetInvocationException)
                {
                    failures.Add($"snippet `{methods[j].Snippet}`: compiled and eager differ: {e.Message}");
                }
            }
        }
        output.WriteLine($"{kernel}: {methods.Count} snippets, {kept.Count} compile as C#, {compared} compiled entries compared with eager, {failures.Count} failures");
        foreach (var f in failures) output.WriteLine("---- " + f[..Math.Min(f.Length, 6000)]);
        Assert.True(failures.Count == 0, $"{failures.Count} failures; first:\n{failures.FirstOrDefault()}");
        Assert.True(kept.Count >= methods.Count / 3, $"only {kept.Count} snippets compile in this spot: the test checks too little");
    }

    private static Microsoft.CodeAnalysis.CSharp.CSharpCompilation Compile(IEnumerable<string> methods)
    {
        // A '#line default' first and after each method: a snippet's own #line (hidden, another file) stays its method's.
        var source = "#line default\nnamespace Fz;\npublic static partial class K\n{\n    private static int s_field;\n    public static int Field => s_field;\n    "
            + string.Join("\n#line default\n    ", methods) + "\n}\n";
        var compilation = GeneratorHarness.Compilation(("K.cs", source), ("GlobalUsings.cs", ProjectFiles.GlobalUsings));
        return compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
    }
}
