using System.Collections.Concurrent;
using System.Collections.Immutable;
using LoopGen.Analyzers.Tests.Support;
using LoopGen.Generator;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The generator and the analyzers share one lifting analysis per method and compilation (they are one assembly): the
/// analysis hook counts the analyses that really run. And the sharing never serves a stale answer: after another file
/// changes what a method means (its [Compile] callee breaks or is fixed), the diagnostics are those of a fresh, unshared
/// analysis of the same text.
/// </summary>
public sealed class SharedAnalysisTests
{
    private const string Callers = """
        using LoopGen;

        namespace App;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Caller(Tensor x, int n)
            {
                for (int i = 0; i < n; i++)
                {
                    x = Helpers.Step(x) + Helpers.Step(x * 2f);
                    x = x - Helpers.Step(x);
                }
                return x;
            }

            [Compile]
            public static Tensor Other(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = Helpers.Step(x) * 0.5f;
                return x;
            }

            [Compile]
            public static Tensor Grow(Tensor x, int n)
            {
                var acc = Tensor.Zeros(DType.F32, 0);
                for (int i = 0; i < n; i++) acc = Tensor.Concat([acc, x], 0);
                return acc;
            }
        }
        """;

    private const string GoodHelper = """
        using LoopGen;

        namespace App;

        public static partial class Helpers
        {
            [Compile]
            public static Tensor Step(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = x * 0.5f;
                return x;
            }
        }
        """;

    // The same callee, now with a carry that grows: it cannot be compiled, so its compiled callers get LG0004.
    private const string BrokenHelper = """
        using LoopGen;

        namespace App;

        public static partial class Helpers
        {
            [Compile]
            public static Tensor Step(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = Tensor.Concat([x, x], 0);
                return x;
            }
        }
        """;

    [Fact]
    public async Task GeneratorAndAnalyzersAnalyseEachMethodOnce()
    {
        var counts = new ConcurrentDictionary<string, int>();
        GeneratorTestHooks.OnAnalyze.Value = name => counts.AddOrUpdate(name, 1, (_, c) => c + 1);
        try
        {
            var output = Generate(Compile(Callers, GoodHelper));
            // A build may drop the generator's input compilation before the analyzers run: the shared verdicts must not need it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var afterGenerator = new Dictionary<string, int>(counts);
            var diagnostics = await Analyzers(output);

            // Four [Compile] methods, Step called from four places: four analyses in all, every one in the generator.
            Assert.Equal(new Dictionary<string, int> { ["Caller"] = 1, ["Other"] = 1, ["Grow"] = 1, ["Step"] = 1 }, new Dictionary<string, int>(counts));
            Assert.Equal(afterGenerator, new Dictionary<string, int>(counts));
            // And the shared verdicts give what an analysis of its own gives.
            Assert.Equal(Ids(await Analyzers(Compile(Callers, GoodHelper))), Ids(diagnostics));
            Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.CarryShapeVaries);
        }
        finally
        {
            GeneratorTestHooks.OnAnalyze.Value = null;
        }
    }

    [Fact]
    public async Task AnalyzersAloneAnalyseACalleeOncePerCompilationNotPerCallSite()
    {
        var counts = new ConcurrentDictionary<string, int>();
        GeneratorTestHooks.OnAnalyze.Value = name => counts.AddOrUpdate(name, 1, (_, c) => c + 1);
        try
        {
            var diagnostics = await Analyzers(Compile(Callers, BrokenHelper));
            Assert.Equal(1, counts["Step"]);
            Assert.Equal(1, counts["Caller"]);
            // The broken callee is reported at each of its four calls from compiled loops.
            Assert.Equal(4, diagnostics.Count(d => d.Id == DiagnosticIds.UntraceableCall && d.GetMessage().Contains("'Step' is [Compile] but cannot be compiled itself", StringComparison.Ordinal)));
        }
        finally
        {
            GeneratorTestHooks.OnAnalyze.Value = null;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnEditOfAnotherFileIsSeen(bool breakIt)
    {
        // An IDE session: the generator and analyzers run, then the helper's file is edited (the caller's tree object is
        // kept, as the IDE keeps unchanged documents); the generator runs again on the new compilation, and the analyzers
        // run on its output and, before it, on the new compilation alone.
        string before = breakIt ? GoodHelper : BrokenHelper, after = breakIt ? BrokenHelper : GoodHelper;
        var input = Compile(Callers, before);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new LoopGenGenerator().AsSourceGenerator()], parseOptions: AnalyzerHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        var first = await Analyzers(output);

        var helperTree = input.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
        var edited = input.ReplaceSyntaxTree(helperTree, CSharpSyntaxTree.ParseText(after, AnalyzerHarness.ParseOptions, "Helpers.cs"));
        var alone = await Analyzers(edited);
        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var editedOutput, out _);
        var again = await Analyzers(editedOutput);

        var fresh = Ids(await Analyzers(Compile(Callers, after)));
        Assert.Equal(fresh, Ids(alone));
        Assert.Equal(fresh, Ids(again));
        Assert.NotEqual(Ids(first), fresh);
        int calleeReports = Ids(again).Count(d => d.Id == DiagnosticIds.UntraceableCall);
        Assert.Equal(breakIt ? 4 : 0, calleeReports);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Microsoft.CodeAnalysis.Compilation Generate(CSharpCompilation input)
    {
        var driver = CSharpGeneratorDriver.Create([new LoopGenGenerator().AsSourceGenerator()], parseOptions: AnalyzerHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        Assert.NotEmpty(driver.GetRunResult().GeneratedTrees);
        return output;
    }

    private static CSharpCompilation Compile(string callers, string helper) =>
        AnalyzerHarness.Compilation([("Kernels.cs", callers), ("Helpers.cs", helper)]);

    private static async Task<ImmutableArray<Diagnostic>> Analyzers(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var all = await compilation.WithAnalyzers([new LoopGenAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return all;
    }

    private static List<(string Id, string File, int Start, int Length)> Ids(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal))
            .Select(d => (d.Id, d.Location.SourceTree?.FilePath ?? "", d.Location.SourceSpan.Start, d.Location.SourceSpan.Length))
            .OrderBy(d => d.Item2, StringComparer.Ordinal).ThenBy(d => d.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
}
