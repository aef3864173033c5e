using System.Text.RegularExpressions;
using LoopGen.Generator.Parsing;
using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>
/// The interception parser drops calls by name before binding them (<see cref="CallTargetNames"/>): every call to a
/// <c>[Compile]</c> method must still get its interceptor, however the attribute or the call is written, and a call to
/// another method of the same name must not.
/// </summary>
public sealed partial class CallTargetNamesTests
{
    private const string Source = """
        using System.Collections.Generic;
        using LoopGen;
        using Jit = LoopGen.CompileAttribute;
        using static Demo.Kernels;

        namespace Demo;

        public static partial class Kernels
        {
            [Jit]
            public static Tensor Halve(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }

            [Compile]
            public static Tensor @Scale(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x * 2f;
                return x;
            }
        }

        public static class Other
        {
            public static Tensor Scale(Tensor x, int n) => x * n;
        }

        public static class Caller
        {
            public static List<Tensor> Run(Tensor x)
            {
                var results = new List<Tensor>();
                results.Add(Kernels.Halve(x, 2));
                results.Add(Halve(x, 3));
                results.Add(Kernels.Scale(x, 1));
                results.Add(Other.Scale(x, 1));
                return results;
            }
        }
        """;

    [Fact]
    public void EveryCallToACompiledMethodIsInterceptedAndNoOther()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(Source));
        run.AssertClean();
        var intercepted = Located().Matches(run.AllGeneratedText).Select(m => int.Parse(m.Groups[1].Value)).Order().ToList();
        // Lines of the source above: the aliased attribute's method twice (qualified, and through `using static`) and
        // the escaped name once; Other.Scale (same name, no [Compile]) and List.Add stay plain calls.
        Assert.Equal([35, 36, 37], intercepted);
    }

    [Fact]
    public void TheNameFilterKeepsAttributedMethodsOnly()
    {
        var compilation = GeneratorHarness.Compilation(Source);
        Assert.True(CallTargetNames.MayTarget(compilation, "Halve"));
        Assert.True(CallTargetNames.MayTarget(compilation, "Scale"));
        Assert.False(CallTargetNames.MayTarget(compilation, "Add"));
        Assert.False(CallTargetNames.MayTarget(compilation, "Run"));
    }

    [GeneratedRegex(@"InterceptsLocation\(1, ""[^""]*""\)\] // Source\.cs\((\d+),\d+\)")]
    private static partial Regex Located();
}
