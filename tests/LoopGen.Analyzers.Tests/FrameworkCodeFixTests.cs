using LoopGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The fixes through Roslyn's own code-fix test framework (Microsoft.CodeAnalysis.CSharp.CodeFix.Testing): it checks
/// the diagnostics of the markup exactly, applies the fix, and by default also runs Fix All at document, project and
/// solution scope and checks each gives the same text. Sources compile against the .NET 10 reference assemblies
/// (Basic.Reference.Assemblies, no download) and the LoopGen runtime.
/// </summary>
public sealed class FrameworkCodeFixTests
{
    private sealed class Test<TFix> : CSharpCodeFixTest<LoopGenAnalyzer, TFix, DefaultVerifier>
        where TFix : Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider, new()
    {
        public Test(bool enableAll = false)
        {
            // No reference package to resolve: the references are added below.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0");
            foreach (var state in new[] { TestState, FixedState })
            {
                state.AdditionalReferences.AddRange(Support.AnalyzerHarness.References.Value);
                state.Sources.Add(("GlobalUsings.cs", Support.AnalyzerHarness.GlobalUsings));
            }
            if (enableAll)
            {
                SolutionTransforms.Add((solution, projectId) =>
                {
                    var options = solution.GetProject(projectId)!.CompilationOptions!;
                    return solution.WithProjectCompilationOptions(projectId,
                        options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(DiagnosticIds.RecompilesPerValue, ReportDiagnostic.Info)));
                });
            }
        }
    }

    [Fact]
    public async Task AddPartial()
    {
        var test = new Test<AddPartialCodeFix>
        {
            TestCode = """
                using LoopGen;

                public static class {|LG0002:Outer|}
                {
                    public static class {|LG0002:Inner|}
                    {
                        [Compile]
                        public static Tensor Twice(Tensor x) => x * 2f;
                    }
                }
                """,
            FixedCode = """
                using LoopGen;

                public static partial class Outer
                {
                    public static partial class Inner
                    {
                        [Compile]
                        public static Tensor Twice(Tensor x) => x * 2f;
                    }
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task AddDynamic()
    {
        var test = new Test<AddDynamicCodeFix>(enableAll: true)
        {
            TestCode = """
                using LoopGen;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Smooth(Tensor x, {|LG0013:int n|})
                    {
                        for (int i = 0; i < n; i++) x = x * 0.5f;
                        return x;
                    }
                }
                """,
            FixedCode = """
                using LoopGen;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Smooth(Tensor x, [Dynamic] int n)
                    {
                        for (int i = 0; i < {|LG0012:n|}; i++) x = x * 0.5f;
                        return x;
                    }
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task CollectOutput()
    {
        var test = new Test<CollectOutputCodeFix>
        {
            TestCode = """
                using LoopGen;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Rows(Tensor xs)
                    {
                        var acc = xs[0];
                        foreach (var x in xs)
                            {|LG0006:acc = Tensor.Concat([acc, x * 2f])|};
                        return acc;
                    }
                }
                """,
            FixedCode = """
                using LoopGen;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Rows(Tensor xs)
                    {
                        var acc = xs[0];
                        var accParts = new List<Tensor>();
                        foreach (var x in xs)
                            accParts.Add(x * 2f);
                        acc = Tensor.Concat([acc, .. accParts]);
                        return acc;
                    }
                }
                """,
        };
        await test.RunAsync();
    }
}
