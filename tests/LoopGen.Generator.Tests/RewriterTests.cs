using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>The syntax-tree rewrite: names that cannot clash, no user using needed, line mapping, callees that are not compiled.</summary>
public sealed class RewriterTests
{
    [Fact]
    public void GeneratedNamesAvoidEveryUserName()
    {
        // The user's type has members and locals named like the generator's scaffolding; the twin must still bind them.
        var run = GeneratorHarness.Run("""
            using LoopGen;

            namespace Demo;

            public static partial class Kernels
            {
                private static readonly float __carry0 = 2f;
                private static float __break1 => 3f;

                [Compile]
                public static Tensor Step(Tensor x, int n)
                {
                    Tensor __t2 = x * 0f;
                    for (int __xs3 = 0; __xs3 < n; __xs3++)
                    {
                        if (__xs3 == 1) continue;
                        __t2 = __t2 + x * __carry0 + __break1;
                    }
                    return __t2;
                }
            }
            """);
        run.AssertClean();
        var text = run.AllGeneratedText;
        Assert.Contains("StepCompiled", text, StringComparison.Ordinal);
        Assert.Contains("__lg_", text, StringComparison.Ordinal); // the prefix moved off "__", which the user's names use
        Assert.DoesNotContain("__continue", text.Replace("__lg_continue", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void TheGeneratedFileHasNoUsingAndEveryTypeIsQualified()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(
            ("A.cs", """
                using LoopGen;
                using M = System.Math;
                using static System.MathF;

                namespace Demo;

                public static partial class Kernels
                {
                    [Compile]
                    public static Tensor Step(Tensor x, int n)
                    {
                        for (int i = 0; i < n; i++) x = x * Sqrt(4f) + (float)M.Abs(-1.0);
                        return x;
                    }
                }
                """),
            ("B.cs", """
                using T = LoopGen.Tensor;
                using LoopGen;

                namespace Demo;

                public static partial class Kernels
                {
                    [Compile]
                    public static T Other(T x, int n)
                    {
                        for (int i = 0; i < n; i++) x = T.Stack([x, x]).Sum(0) * 0.5f;
                        return x;
                    }
                }
                """)));
        run.AssertClean();
        var text = run.AllGeneratedText;
        Assert.DoesNotContain("\nusing ", text, StringComparison.Ordinal);
        Assert.Contains("global::System.MathF.Sqrt(4f)", text, StringComparison.Ordinal);
        Assert.Contains("global::System.Math.Abs(", text, StringComparison.Ordinal);
        Assert.Contains("global::LoopGen.Tensor.Stack(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryUserStatementGetsASpanDirectiveOnItsOwnLine()
    {
        var run = GeneratorHarness.Run("""
            using LoopGen;
            namespace Demo;
            public static partial class Kernels
            {
                [Compile]
                public static Tensor Step(Tensor x, int n) { for (int i = 0; i < n; i++) { x = x + 1; x = x * 2f; } return x; }
            }
            """);
        run.AssertClean();
        var lines = run.AllGeneratedText.Split('\n');
        // Line 6 holds four statements; each maps to its own span (1-based columns, end exclusive).
        Assert.Contains(lines, l => l.Trim() == "#line (6,50)-(6,77) \"Source.cs\"");
        Assert.Contains(lines, l => l.Trim() == "#line (6,80)-(6,90) \"Source.cs\"");
        Assert.Contains(lines, l => l.Trim() == "#line (6,91)-(6,102) \"Source.cs\"");
        Assert.Contains(lines, l => l.Trim() == "#line (6,105)-(6,114) \"Source.cs\"");
        Assert.All(lines.Where(l => l.Contains("#line", StringComparison.Ordinal)), l => Assert.StartsWith("#line", l.TrimStart(), StringComparison.Ordinal));
    }

    [Fact]
    public void CallingACompileMethodThatIsNotCompiledIsDiagnosedNotBroken()
    {
        var run = GeneratorHarness.Run("""
            using LoopGen;

            namespace Demo;

            public static partial class Kernels
            {
                private static int _calls;

                [Compile]
                public static Tensor Broken(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) { _calls = i; x = x + 1; }
                    return x;
                }

                [Compile]
                public static Tensor Caller(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = Broken(x, 2);
                    return x;
                }
            }
            """);
        run.AssertClean();
        var text = run.AllGeneratedText;
        Assert.DoesNotContain("BrokenCompiled", text, StringComparison.Ordinal);
        Assert.Contains("// LoopGen: Caller is not compiled: 'Broken' is [Compile] but cannot be compiled itself", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TypesWhoseNamesDifferOnlyByCaseGetTwoFiles()
    {
        var run = GeneratorHarness.Run("""
            using LoopGen;

            namespace Demo.lower { public static partial class K { [Compile] public static Tensor A(Tensor x, int n) { for (int i = 0; i < n; i++) x = x + 1; return x; } } }
            namespace Demo.Lower { public static partial class K { [Compile] public static Tensor A(Tensor x, int n) { for (int i = 0; i < n; i++) x = x + 2; return x; } } }
            """);
        run.AssertClean();
        var hints = run.Sources.Select(s => s.HintName).ToList();
        Assert.Equal(2, hints.Count);
        Assert.Equal(2, hints.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
