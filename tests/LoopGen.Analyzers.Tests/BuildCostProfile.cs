using System.Collections.Concurrent;
using System.Diagnostics;
using LoopGen.Analyzers.Tests.Support;
using LoopGen.Generator;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// Where a build's time goes with LoopGen, in process (the view of tools/build-cost.sh without MSBuild): the 200
/// [Compile] methods of <see cref="AnalyzerBenchmark"/> plus a runner calling each one, compiled (emitted) without
/// LoopGen, then with it: the generator (its phases from the pipeline's timing hook), the emit of user + generated
/// code, and the analyzers on the generator's output as in a build. Prints figures, asserts only what must hold
/// whatever the machine: each method analysed once in all. Allocations are this thread's (the driver runs the
/// pipeline on the calling thread here). Run with
/// <c>dotnet test tests/LoopGen.Analyzers.Tests --filter BuildCostProfile --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class BuildCostProfile(ITestOutputHelper output)
{
    private static readonly CSharpParseOptions Parse = AnalyzerHarness.ParseOptions.WithFeatures([new("InterceptorsNamespaces", "LoopGen.Generated")]);

    [Fact]
    public async Task TwoHundredMethodsAndTheirCallSites()
    {
        const int methods = 200;
        var sources = new[] { ("Kernels.cs", AnalyzerBenchmark.Source(methods)), ("Runner.cs", Runner(methods)) };
        var rows = new List<Dictionary<string, double>>();
        int analyses = 0;
        for (int round = 0; round < 5; round++)
        {
            var row = new Dictionary<string, double>();
            var sw = Stopwatch.StartNew();
            EmitOk(Compilation(sources));
            row["plain build: emit"] = sw.Elapsed.TotalMilliseconds;

            var timings = new ConcurrentDictionary<string, double>();
            var counts = new ConcurrentDictionary<string, int>();
            var allocated = new ConcurrentDictionary<string, double>();
            GeneratorTestHooks.Timings.Value = timings;
            GeneratorTestHooks.Allocations.Value = allocated;
            GeneratorTestHooks.AllocatedBytes.Value = GC.GetAllocatedBytesForCurrentThread;
            GeneratorTestHooks.OnAnalyze.Value = name => counts.AddOrUpdate(name, 1, (_, c) => c + 1);
            try
            {
                var input = Compilation(sources);
                long bytes = GC.GetAllocatedBytesForCurrentThread();
                sw.Restart();
                CSharpGeneratorDriver.Create([new LoopGenGenerator().AsSourceGenerator()], parseOptions: Parse)
                    .RunGeneratorsAndUpdateCompilation(input, out var withGenerated, out _);
                row["with: generator (all)"] = sw.Elapsed.TotalMilliseconds;
                row["with: generator (all), MB allocated"] = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1048576.0;
                foreach (var (phase, ms) in timings) row["  " + phase] = ms;
                foreach (var (phase, mb) in allocated) row["  " + phase + ", MB"] = mb;
                sw.Restart();
                EmitOk(withGenerated);
                row["with: emit (user + generated code)"] = sw.Elapsed.TotalMilliseconds;
                var withAnalyzers = withGenerated.WithAnalyzers(
                    [new LoopGenAnalyzer()],
                    new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
                sw.Restart();
                await withAnalyzers.GetAnalyzerDiagnosticsAsync();
                row["with: analyzers (wall)"] = sw.Elapsed.TotalMilliseconds;
                row["with: analyzers (own time)"] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(withAnalyzers.Analyzers[0], CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            }
            finally
            {
                GeneratorTestHooks.Timings.Value = null;
                GeneratorTestHooks.Allocations.Value = null;
                GeneratorTestHooks.AllocatedBytes.Value = null;
                GeneratorTestHooks.OnAnalyze.Value = null;
            }
            analyses = counts.Values.Sum();
            Assert.All(counts, c => Assert.Equal(1, c.Value));
            rows.Add(row);
        }
        Assert.Equal(methods, analyses);

        output.WriteLine($"{methods} [Compile] methods + {methods} call sites; {analyses} lifting analyses in generator + analyzers; ms (MB where the row says so), cold (first round) / warm median, per method warm");
        foreach (var key in rows[0].Keys)
        {
            var warm = rows.Skip(1).Select(r => r.GetValueOrDefault(key)).Order().ToList();
            output.WriteLine($"{key,-62} {rows[0][key],9:F1} {warm[warm.Count / 2],9:F1}   ({warm[warm.Count / 2] / methods:F3}/method)");
        }
    }

    private static CSharpCompilation Compilation(IEnumerable<(string Path, string Text)> sources) =>
        CSharpCompilation.Create(
            "Bench",
            sources.Append(("GlobalUsings.cs", AnalyzerHarness.GlobalUsings)).Select(s => CSharpSyntaxTree.ParseText(s.Item2, Parse, s.Item1)),
            AnalyzerHarness.References.Value,
            AnalyzerHarness.Options(enableAll: false));

    private static void EmitOk(Microsoft.CodeAnalysis.Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
    }

    private static string Runner(int methods)
    {
        var calls = Enumerable.Range(0, methods).Select(k => "        results.Add(Kernels." + (k % 5) switch
        {
            0 => $"For{k}(x, 8)",
            1 => $"While{k}(x, limit)",
            2 => $"Collect{k}(x, 4)",
            3 => $"Grow{k}(x, 3)",
            _ => $"Nested{k}(x, 3, 2)",
        } + ");");
        return "using LoopGen;\n\nnamespace Bench;\n\npublic static class Runner\n{\n    public static List<Tensor> RunAll()\n    {\n"
            + "        var x = Tensor.Ones(DType.F32, 4);\n        var limit = Tensor.Full(1.0, DType.F32);\n        var results = new List<Tensor>();\n"
            + string.Join("\n", calls) + "\n        return results;\n    }\n}\n";
    }
}
