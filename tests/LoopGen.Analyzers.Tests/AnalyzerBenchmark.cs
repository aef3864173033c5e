using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Diagnostics;
using System.Text;
using LoopGen.Analyzers.Tests.Support;
using Xunit.Abstractions;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// How long the analyzer takes on one file of 200 [Compile] methods (for, while, collected outputs, ifs, and some with
/// diagnostics). Prints figures, asserts none: run with
/// <c>dotnet test tests/LoopGen.Analyzers.Tests --filter AnalyzerBenchmark --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class AnalyzerBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoHundredCompileMethods()
    {
        var source = Source(200);
        var rows = new List<(double Compiler, double AnalyzerWall, double AnalyzerOwn)>();
        int count = 0;
        for (int i = 0; i < 6; i++)
        {
            // A fresh compilation each run: nothing bound is reused from the previous one. The compiler's own
            // diagnostics first (binding every body), then the analyzer on the same compilation, as in a build.
            var compilation = AnalyzerHarness.Compilation([("Bench.cs", source)]);
            var sw = Stopwatch.StartNew();
            Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            double compiler = sw.Elapsed.TotalMilliseconds;
            var withAnalyzers = compilation.WithAnalyzers(
                [new LoopGenAnalyzer()],
                new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
            sw.Restart();
            count = (await withAnalyzers.GetAnalyzerDiagnosticsAsync()).Length;
            double wall = sw.Elapsed.TotalMilliseconds;
            var own = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(withAnalyzers.Analyzers[0], CancellationToken.None)).ExecutionTime.TotalMilliseconds;
            rows.Add((compiler, wall, own));
        }
        output.WriteLine($"200 [Compile] methods, {source.Split('\n').Length} lines, {count} LoopGen diagnostics; one thread; {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, {(IsDebugBuild ? "Debug" : "Release")} build of the analyzer");
        output.WriteLine("run  compiler diagnostics  analyzer (wall)  analyzer (own time)");
        for (int i = 0; i < rows.Count; i++) output.WriteLine($"{(i == 0 ? "cold" : "warm"),4}  {rows[i].Compiler,17:F0} ms  {rows[i].AnalyzerWall,12:F0} ms  {rows[i].AnalyzerOwn,15:F0} ms");
        var warm = rows.Skip(1).Select(r => r.AnalyzerOwn).Order().ToList();
        output.WriteLine($"warm median analyzer own time: {warm[warm.Count / 2]:F0} ms = {warm[warm.Count / 2] / 200:F2} ms per method");
        Assert.True(count > 0);
    }

    private static bool IsDebugBuild =>
        typeof(LoopGenAnalyzer).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled);

    internal static string Source(int methods)
    {
        var sb = new StringBuilder("using LoopGen;\n\nnamespace Bench;\n\npublic static partial class Kernels\n{\n");
        for (int k = 0; k < methods; k++)
        {
            sb.Append((k % 5) switch
            {
                0 => $$"""
                        [Compile]
                        public static Tensor For{{k}}(Tensor x, int n)
                        {
                            for (int i = 0; i < n; i++) x = x * 0.5f + i;
                            return x;
                        }

                    """,
                1 => $$"""
                        [Compile]
                        public static Tensor While{{k}}(Tensor x, Tensor limit)
                        {
                            while (x.Sum() > limit) x = x * 0.5f;
                            return x;
                        }

                    """,
                2 => $$"""
                        [Compile]
                        public static Tensor Collect{{k}}(Tensor x, int n)
                        {
                            var ys = new List<Tensor>();
                            for (int i = 0; i < n; i++)
                            {
                                if (x.Sum() > 0f) x = x - 1f;
                                else x = x + 2f;
                                ys.Add(x);
                            }
                            return Tensor.Stack(ys);
                        }

                    """,
                3 => $$"""
                        [Compile]
                        public static Tensor Grow{{k}}(Tensor x, int n)
                        {
                            var acc = Tensor.Zeros(DType.F32, 0);
                            for (int i = 0; i < n; i++)
                            {
                                acc = Tensor.Concat([acc, x], 0);
                                Console.WriteLine("step");
                            }
                            return acc;
                        }

                    """,
                _ => $$"""
                        [Compile]
                        public static Tensor Nested{{k}}(Tensor x, int rows, int cols)
                        {
                            int count = 0;
                            for (int i = 0; i < rows; i++)
                            {
                                for (int j = 0; j < cols; j++) { x = x * 0.9f + (i - j); count++; }
                            }
                            return x + count;
                        }

                    """,
            });
        }
        return sb.Append("}\n").ToString();
    }
}
