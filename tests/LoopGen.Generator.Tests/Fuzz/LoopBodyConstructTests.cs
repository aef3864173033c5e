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
        int compiling = 0, compared = 0;
        var failures = new List<string>();
        foreach (var snippet in SourceMutator.AllSnippets)
        {
            var source = "namespace Fz;\npublic static partial class K\n{\n    private static int s_field;\n    public static int Field => s_field;\n    "
                + Kernels[spot].Replace(Here, snippet, StringComparison.Ordinal) + "\n}\n";
            var compilation = GeneratorHarness.Compilation(("K.cs", source), ("GlobalUsings.cs", ProjectFiles.GlobalUsings));
            compilation = compilation.WithOptions(compilation.Options.WithAllowUnsafe(true));
            if (compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) continue;
            compiling++;
            var run = GeneratorHarness.Run(compilation);
            string Where() => $"snippet `{snippet}` in {Kernels[spot][..Kernels[spot].IndexOf('(', StringComparison.Ordinal)]}";
            if (run.Result.Results.Any(r => r.Exception is not null) || run.GeneratorDiagnostics.Any(d => d.Id is "CS8785" or "LG9999"))
            {
                failures.Add($"{Where()}: generator failure {run.Result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null)}{run.GeneratorDiagnostics.FirstOrDefault()}");
                continue;
            }
            var broken = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
            if (broken.Count > 0)
            {
                failures.Add($"{Where()}: generated code does not compile clean: {broken[0]}\n{run.AllGeneratedText}");
                continue;
            }
            var analyzerDiagnostics = await run.Output.WithAnalyzers([new LoopGenAnalyzer()]).GetAnalyzerDiagnosticsAsync();
            if (analyzerDiagnostics.FirstOrDefault(d => d.Id is "AD0001" or "LG9999") is { } crash) failures.Add($"{Where()}: analyzer: {crash}");
            bool eager = run.AllGeneratedText.Contains(" is not compiled", StringComparison.Ordinal);
            if (eager && !analyzerDiagnostics.Any(d => d.Id.StartsWith("LG", StringComparison.Ordinal)))
            {
                failures.Add($"{Where()}: left eager with no diagnostic: {run.AllGeneratedText.Split('\n').First(l => l.Contains(" is not compiled", StringComparison.Ordinal))}");
            }
            try
            {
                compared += KernelRunner.CompareAll(KernelRunner.Load(run.Output), seed: 5);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or System.Reflection.TargetInvocationException)
            {
                failures.Add($"{Where()}: compiled and eager differ: {e.Message}");
            }
        }
        output.WriteLine($"{Kernels[spot]}: {SourceMutator.AllSnippets.Count} snippets, {compiling} compile as C#, {compared} compiled entries compared with eager, {failures.Count} failures");
        foreach (var f in failures) output.WriteLine("---- " + f[..Math.Min(f.Length, 6000)]);
        Assert.True(failures.Count == 0, $"{failures.Count} failures; first:\n{failures.FirstOrDefault()}");
        Assert.True(compiling >= SourceMutator.AllSnippets.Count / 3, $"only {compiling} snippets compile in this spot: the test checks too little");
    }
}
