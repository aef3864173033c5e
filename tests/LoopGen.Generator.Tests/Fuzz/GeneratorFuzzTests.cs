using System.Collections.Immutable;
using LoopGen.Analyzers;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// The generator and the analyzers over mutated sources (a fixed seed here; <c>LOOPGEN_FUZZ_CASES</c> and
/// <c>LOOPGEN_FUZZ_SEED</c> set a larger or other run): no generator exception, no analyzer exception, no internal
/// error, and for every input that compiles, generated code that compiles with no warning.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MutatedSourcesNeverBreakTheGeneratorOrTheBuild()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_CASES"), out var c) ? c : 50;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_SEED"), out var s) ? s : 20261201;
        var rng = new Random(seed);
        var corpus = Corpus();
        int compiling = 0, generatorExceptions = 0, analyzerExceptions = 0, internalErrors = 0, brokenOutputs = 0, compiledMethods = 0;
        var failures = new List<string>();
        for (int k = 0; k < cases; k++)
        {
            var set = corpus[rng.Next(corpus.Count)];
            int target = rng.Next(set.Length);
            var files = set.Select((f, i) => i == target ? (f.Path, SourceMutator.Mutate(f.Text, rng)) : f).Append(("GlobalUsings.cs", ProjectFiles.GlobalUsings)).ToArray();
            var compilation = GeneratorHarness.Compilation(files);
            bool compiles = !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
            if (compiles) compiling++;

            var run = GeneratorHarness.Run(compilation);
            if (run.Result.Results.Any(r => r.Exception is not null) || run.GeneratorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                generatorExceptions++;
                failures.Add($"case {k}: generator exception\n{files[target].Item2}");
            }
            if (run.GeneratorDiagnostics.Any(d => d.Id == "LG9999"))
            {
                internalErrors++;
                failures.Add($"case {k}: {run.GeneratorDiagnostics.First(d => d.Id == "LG9999").GetMessage()}\n{files[target].Item2}");
            }
            compiledMethods += run.AllGeneratedText.Split('\n').Count(l => l.Contains("[global::System.CodeDom.Compiler.GeneratedCode", StringComparison.Ordinal)) / 3;
            if (compiles)
            {
                var broken = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
                if (broken.Count > 0)
                {
                    brokenOutputs++;
                    failures.Add($"case {k}: generated code does not compile clean: {broken[0]}\n{files[target].Item2}\n----\n{run.AllGeneratedText}");
                }
                var analyzerDiagnostics = await run.Output.WithAnalyzers([new LoopGenAnalyzer()]).GetAnalyzerDiagnosticsAsync();
                if (analyzerDiagnostics.Any(d => d.Id is "AD0001" or "LG9999"))
                {
                    analyzerExceptions++;
                    failures.Add($"case {k}: analyzer: {analyzerDiagnostics.First(d => d.Id is "AD0001" or "LG9999")}\n{files[target].Item2}");
                }
            }
        }
        output.WriteLine($"seed {seed}: {cases} mutated projects, {compiling} compile as C#, ~{compiledMethods} compiled methods generated; "
            + $"generator exceptions {generatorExceptions}, internal errors {internalErrors}, analyzer exceptions {analyzerExceptions}, uncompilable outputs {brokenOutputs}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures; first:\n{failures.FirstOrDefault()}");
        Assert.True(compiling >= cases / 5, $"only {compiling} of {cases} mutated projects compile: the fuzzer tests too little valid code");
    }

    private static List<(string Path, string Text)[]> Corpus()
    {
        var sets = new List<(string, string)[]> { ProjectFiles.Read("tests/LoopGen.EndToEnd/Kernels"), ProjectFiles.Read("samples/LoopGen.Samples/Kernels") };
        sets.AddRange(ProjectFiles.Read("tests/LoopGen.Generator.Tests/Corpus").Select(f => new[] { f }));
        return sets;
    }
}
