using Microsoft.CodeAnalysis;
using LoopGen.Generator.Parsing;
using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>
/// The generator never throws and never writes code that does not compile, whatever the user's code looks like
/// (broken, unsupported, odd names). Each case of <c>Corpus/*.cs</c> is one user file.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory(), "*.cs").OrderBy(f => f, StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NoGeneratorExceptionAndNoErrorsInGeneratedCode(string file)
    {
        var source = File.ReadAllText(Path.Combine(CorpusDirectory(), file));
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation((file, source)));
        run.AssertNoGeneratorFailure();
        Assert.True(run.ErrorsInGeneratedCode.Count == 0, string.Join("\n", run.ErrorsInGeneratedCode) + "\n\n" + run.AllGeneratedText);
    }

    [Fact]
    public void CorpusHasAtLeastTwentyCases() => Assert.True(Cases().Count >= 20);

    [Fact]
    public void AnExceptionInTheTransformBecomesLG9999AndAComment()
    {
        GeneratorTestHooks.BeforeLift.Value = name => throw new InvalidOperationException("boom in " + name);
        try
        {
            var run = GeneratorHarness.Run("""
                using LoopGen;

                namespace Demo;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Step(Tensor x)
                    {
                        for (int i = 0; i < 2; i++) x = x + 1;
                        return x;
                    }
                }
                """);
            foreach (var r in run.Result.Results) Assert.Null(r.Exception);
            var lg = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("LG9999", lg.Id);
            Assert.Equal(DiagnosticSeverity.Warning, lg.Severity);
            Assert.Equal("Step", lg.Location.SourceTree!.GetText().ToString(lg.Location.SourceSpan));
            Assert.Contains("'Step'", lg.GetMessage(), StringComparison.Ordinal);
            Assert.Contains("InvalidOperationException: boom in Step", lg.GetMessage(), StringComparison.Ordinal);
            Assert.Empty(run.CompilerProblems);
            Assert.Contains("// LoopGen: Step is not compiled: internal error (InvalidOperationException: boom in Step)", run.AllGeneratedText, StringComparison.Ordinal);
            Assert.DoesNotContain("StepCompiled", run.AllGeneratedText, StringComparison.Ordinal);
        }
        finally
        {
            GeneratorTestHooks.BeforeLift.Value = null;
        }
    }

    private static string CorpusDirectory([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Corpus");
}
