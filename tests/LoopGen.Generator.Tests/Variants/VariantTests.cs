using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Tests.Variants;

/// <summary>
/// The project's own kernels (the end-to-end kernels and the samples' kernels) through every source variant: the
/// generator must not throw, the output must compile with no warning, and every compiled entry must agree with its
/// eager reference on random inputs.
/// </summary>
public sealed class VariantTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in KernelSets.Keys)
        {
            foreach (var variant in SourceVariants.All.Keys) data.Add(set, variant);
        }
        return data;
    }

    private static readonly Dictionary<string, string> KernelSets = new(StringComparer.Ordinal)
    {
        ["EndToEnd"] = "tests/LoopGen.EndToEnd/Kernels",
        ["Samples"] = "samples/LoopGen.Samples/Kernels",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void VariantCompilesCleanAndAgreesWithEager(string set, string variant)
    {
        var files = ProjectFiles.Read(KernelSets[set]);
        var sources = SourceVariants.All[variant](files).Append(("GlobalUsings.cs", ProjectFiles.GlobalUsings)).ToArray();
        var compilation = GeneratorHarness.Compilation(sources);
        var userErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(userErrors.Count == 0, "the variant itself does not compile (a test bug):\n" + string.Join("\n", userErrors.Take(5)) + "\n\n" + string.Join("\n\n", sources.Select(s => s.Item2)));

        var run = GeneratorHarness.Run(compilation);
        run.AssertClean();
        var notCompiled = run.AllGeneratedText.Split('\n').Where(l => l.Contains("is not compiled:", StringComparison.Ordinal)).ToList();
        var baseline = GeneratorHarness.Run(GeneratorHarness.Compilation(files.Append(("GlobalUsings.cs", ProjectFiles.GlobalUsings)).ToArray()));
        int expectedNotCompiled = baseline.AllGeneratedText.Split('\n').Count(l => l.Contains("is not compiled:", StringComparison.Ordinal));
        Assert.True(notCompiled.Count == expectedNotCompiled, $"the variant lost compiled methods:\n{string.Join("\n", notCompiled)}");

        int compared = KernelRunner.CompareAll(KernelRunner.Load(run.Output), seed: 1234);
        Assert.True(compared >= 5, $"only {compared} compiled entries could be compared with eager");
    }
}
