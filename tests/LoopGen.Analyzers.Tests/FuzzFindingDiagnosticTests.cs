using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// What the fuzz tests (tests/LoopGen.Generator.Tests/Fuzz) found compiled silently wrong or throwing when traced, now
/// refused at build time: a tensor turned into text (LG0024), a tensor parameter read back to C# outside the loops
/// (LG0018), a switch guarded by a tensor in a form no select expresses (LG0016).
/// </summary>
public sealed class FuzzFindingDiagnosticTests
{
    private static string Kernel(string members) => $$"""
        using LoopGen;

        namespace User;

        public static partial class K
        {
        {{members}}
        }
        """;

    [Theory]
    [InlineData("string text = {|LG0024:$\"{x}\"|};", "'x' is turned into text")]
    [InlineData("string text = {|LG0024:$\"sum {x.Sum()}\"|};", "'x.Sum()' is turned into text")]
    [InlineData("string text = {|LG0024:x.ToString()|};", "'x' is turned into text")]
    [InlineData("string text = {|LG0024:\"x = \" + x|};", "'x' is turned into text")]
    public void LG0024_TensorTurnedIntoText(string statement, string message)
    {
        var d = AnalyzerHarness.Verify(Kernel($$"""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    {{statement}}
                    for (int i = 0; i < n; i++) x = x + text.Length;
                    return x;
                }
            """));
        Assert.Contains(message, d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0024_InsideALoopToo()
    {
        AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) { string s = {|LG0024:$"{x}"|}; x = x + s.Length; }
                    return x;
                }
            """));
    }

    [Fact]
    public void LG0018_ParameterReadBeforeTheLoop()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    float peak = {|LG0018:x.Max().Item<float>()|};
                    var all = {|LG0018:x.ToArray<float>()|};
                    for (int i = 0; i < n; i++) x = x / peak + all.Length;
                    return x;
                }
            """));
        Assert.Contains("reads tensor argument 'x' back to C#", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0018_NotForAConstantNorForANumberParameter()
    {
        AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    float one = Tensor.From(new float[] { 1f }, 1).Sum().Item<float>();
                    for (int i = 0; i < n; i++) x = x * one;
                    return x;
                }
            """));
    }

    [Fact]
    public void LG0016_TensorGuardWithoutAFinalDiscard()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        var y = x.Rank switch { 0 => x, 1 {|LG0016:when x.Sum() > 0f|} => x * 2f, 2 => -x };
                        x = y;
                    }
                    return x;
                }
            """));
        Assert.Contains("the switch guarded by the tensor 'x.Sum() > 0f' cannot be lifted", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void TensorGuardThatASelectExpressesHasNoDiagnostic()
    {
        AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = x.Rank switch { 0 => x, 1 when x.Sum() > 0f => x * 2f, _ => -x };
                    return x;
                }
            """));
    }
}
