using LoopGen.Analyzers.Tests.Support;
using LoopGen.CodeFixes;

namespace LoopGen.Analyzers.Tests;

/// <summary>Each fix: input → expected text, and the output compiles with no LoopGen diagnostic left (checked by the harness).</summary>
public sealed class CodeFixTests
{
    // ---- LG0002: add partial ----

    [Fact]
    public void AddPartial_KeepsModifiersAndTrivia() => CodeFixHarness.Verify(new AddPartialCodeFix(), """
        using LoopGen;

        /// <summary>Docs stay.</summary>
        public static class Kernels // trailing comment
        {
            [Compile]
            public static Tensor Twice(Tensor x) => x * 2f;
        }
        """, """
        using LoopGen;

        /// <summary>Docs stay.</summary>
        public static partial class Kernels // trailing comment
        {
            [Compile]
            public static Tensor Twice(Tensor x) => x * 2f;
        }
        """);

    [Fact]
    public void AddPartial_WithoutModifiersAfterAnAttribute() => CodeFixHarness.Verify(new AddPartialCodeFix(), """
        using LoopGen;

        namespace User
        {
            [System.Serializable]
            class Kernels
            {
                [Compile]
                public static Tensor Twice(Tensor x) => x * 2f;
            }
        }
        """, """
        using LoopGen;

        namespace User
        {
            [System.Serializable]
            partial class Kernels
            {
                [Compile]
                public static Tensor Twice(Tensor x) => x * 2f;
            }
        }
        """);

    [Fact]
    public void AddPartial_FixAllReopensEveryContainingType() => CodeFixHarness.VerifyFixAll(new AddPartialCodeFix(), """
        using LoopGen;

        public static class Outer
        {
            public static class Inner
            {
                [Compile]
                public static Tensor Twice(Tensor x) => x * 2f;
            }
        }

        public sealed record Model(float Scale)
        {
            [Compile]
            public Tensor Apply(Tensor x) => x * Scale;
        }
        """, """
        using LoopGen;

        public static partial class Outer
        {
            public static partial class Inner
            {
                [Compile]
                public static Tensor Twice(Tensor x) => x * 2f;
            }
        }

        public sealed partial record Model(float Scale)
        {
            [Compile]
            public Tensor Apply(Tensor x) => x * Scale;
        }
        """);

    // ---- LG0013: add [Dynamic] ----

    [Fact]
    public void AddDynamic_ShortUnderUsingLoopGen() => CodeFixHarness.Verify(new AddDynamicCodeFix(), """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Repeat(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }
        }
        """, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Repeat(Tensor x, [Dynamic] int n)
            {
                for (int i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }
        }
        """, enableAll: true, DynamicNote);

    // A [Dynamic] bound is a dynamic trip count, which LG0012 notes (info) on the fixed loop: the one diagnostic allowed after this fix.
    private const string DynamicNote = DiagnosticIds.DynamicTripCount;

    [Fact]
    public void AddDynamic_QualifiedWithoutUsing() => CodeFixHarness.Verify(new AddDynamicCodeFix(), """
        public static partial class Kernels
        {
            [LoopGen.Compile]
            public static LoopGen.Tensor Repeat(LoopGen.Tensor x, long n)
            {
                for (long i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }
        }
        """, """
        public static partial class Kernels
        {
            [LoopGen.Compile]
            public static LoopGen.Tensor Repeat(LoopGen.Tensor x, [LoopGen.Dynamic] long n)
            {
                for (long i = 0; i < n; i++) x = x * 0.5f;
                return x;
            }
        }
        """, enableAll: true, DynamicNote);

    [Fact]
    public void AddDynamic_FixAll() => CodeFixHarness.VerifyFixAll(new AddDynamicCodeFix(), """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Grid(Tensor x, int rows, [System.ComponentModel.Description("c")] int cols)
            {
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) x = x * 0.9f;
                return x;
            }
        }
        """, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Grid(Tensor x, [Dynamic] int rows, [Dynamic][System.ComponentModel.Description("c")] int cols)
            {
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) x = x * 0.9f;
                return x;
            }
        }
        """, enableAll: true, DynamicNote);

    // ---- LG0006: collected output ----

    [Fact]
    public void CollectOutput_GrowingConcatBecomesACollectedList() => CodeFixHarness.Verify(new CollectOutputCodeFix(), """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Crops(Tensor w, int n)
            {
                var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
                // one crop per step
                for (int k = 0; k < n; k++)
                {
                    var crop = w * k;
                    acc = Tensor.Concat([acc, crop], 1); // grows
                }
                return acc;
            }
        }
        """, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Crops(Tensor w, int n)
            {
                var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
                // one crop per step
                var accParts = new List<Tensor>();
                for (int k = 0; k < n; k++)
                {
                    var crop = w * k;
                    accParts.Add(crop); // grows
                }
                acc = Tensor.Concat([acc, .. accParts], 1);
                return acc;
            }
        }
        """);

    [Fact]
    public void CollectOutput_FixAllRewritesEveryLoopOfTheDocument() => CodeFixHarness.VerifyFixAll(new CollectOutputCodeFix(), """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Rows(Tensor xs, Tensor ys)
            {
                var acc = xs[0];
                foreach (var x in xs)
                    acc = Tensor.Concat([acc, x * 2f]);
                var other = ys[0];
                foreach (var y in ys)
                {
                    other = Tensor.Concat([other, y + 1f]);
                }
                return Tensor.Concat([acc, other]);
            }
        }
        """, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Rows(Tensor xs, Tensor ys)
            {
                var acc = xs[0];
                var accParts = new List<Tensor>();
                foreach (var x in xs)
                    accParts.Add(x * 2f);
                acc = Tensor.Concat([acc, .. accParts]);
                var other = ys[0];
                var otherParts = new List<Tensor>();
                foreach (var y in ys)
                {
                    otherParts.Add(y + 1f);
                }
                other = Tensor.Concat([other, .. otherParts]);
                return Tensor.Concat([acc, other]);
            }
        }
        """);

    [Fact]
    public void CollectOutput_UnbracedBodyArrayFormAndAFreshName() => CodeFixHarness.Verify(new CollectOutputCodeFix(), """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Rows(Tensor xs, Tensor seed)
            {
                var seedParts = 0;
                foreach (var x in xs)
                    seed = Tensor.Concat(new[] { seed, x * 2f });
                return seed + seedParts;
            }
        }
        """, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Rows(Tensor xs, Tensor seed)
            {
                var seedParts = 0;
                var seedParts2 = new List<Tensor>();
                foreach (var x in xs)
                    seedParts2.Add(x * 2f);
                seed = Tensor.Concat([seed, .. seedParts2]);
                return seed + seedParts;
            }
        }
        """);

    [Theory]
    [InlineData("acc = Tensor.Concat([acc, x], 0); x = x + acc.Sum();")] // the loop reads the growing value
    [InlineData("acc = Tensor.Concat([acc, x, x], 0);")] // not the two-piece pattern
    [InlineData("if (i > 2) break; acc = Tensor.Concat([acc, x], 0);")] // a collected output cannot break
    public void CollectOutput_NotOfferedUnlessThePatternIsExact(string body) => CodeFixHarness.VerifyNoFix(new CollectOutputCodeFix(), $$"""
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                var acc = x;
                for (int i = 0; i < n; i++)
                {
                    {{body}}
                }
                return acc;
            }
        }
        """);
}
