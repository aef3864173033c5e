using LoopGen.Analyzers.Tests.Support;
using LoopGen.CodeFixes;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The LG0006 code fix on a carry grown by pieces whose width depends on the data (the seed's quadratic form): the
/// pieces are collected and joined once after the loop, which then lifts as one <c>Loop.ForConcat</c> (no diagnostic
/// left after the fix; the fixed form runs compiled vs eager in the end-to-end kernel <c>Bounded.CropConcatCollected</c>).
/// </summary>
public sealed class BoundedCodeFixTests
{
    private const string Growing = """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor CropConcat(Tensor w, Tensor splits, int crop)
            {
                var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    int end = splits[k + 1].Item<int>();
                    var extract = w[.., start..end];
                    acc = Tensor.Concat([acc, extract[.., ..Math.Min(extract.Shape[1], crop)]], 1);
                }
                return acc;
            }

            [Compile]
            public static Tensor Rows(Tensor w, Tensor splits)
            {
                var acc = w[..0];
                foreach (var k in Enumerable.Range(0, splits.Shape[0] - 1))
                    acc = Tensor.Concat([acc, w[splits[k].Item<int>()..splits[k + 1].Item<int>()] * 2f]);
                return acc;
            }
        }
        """;

    [Fact]
    public void AGrowingCarryOfVaryingWidthBecomesACollectedListAndThenLifts() => CodeFixHarness.Verify(new CollectOutputCodeFix(), Growing[..Growing.IndexOf("    [Compile]\n    public static Tensor Rows", StringComparison.Ordinal)].TrimEnd() + "\n}", """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor CropConcat(Tensor w, Tensor splits, int crop)
            {
                var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
                var accParts = new List<Tensor>();
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    int end = splits[k + 1].Item<int>();
                    var extract = w[.., start..end];
                    accParts.Add(extract[.., ..Math.Min(extract.Shape[1], crop)]);
                }
                acc = Tensor.Concat([acc, .. accParts], 1);
                return acc;
            }
        }
        """);

    [Fact]
    public void FixAllRewritesBothLoops() => CodeFixHarness.VerifyFixAll(new CollectOutputCodeFix(), Growing, """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor CropConcat(Tensor w, Tensor splits, int crop)
            {
                var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
                var accParts = new List<Tensor>();
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    int end = splits[k + 1].Item<int>();
                    var extract = w[.., start..end];
                    accParts.Add(extract[.., ..Math.Min(extract.Shape[1], crop)]);
                }
                acc = Tensor.Concat([acc, .. accParts], 1);
                return acc;
            }

            [Compile]
            public static Tensor Rows(Tensor w, Tensor splits)
            {
                var acc = w[..0];
                var accParts = new List<Tensor>();
                foreach (var k in Enumerable.Range(0, splits.Shape[0] - 1))
                    accParts.Add(w[splits[k].Item<int>()..splits[k + 1].Item<int>()] * 2f);
                acc = Tensor.Concat([acc, .. accParts]);
                return acc;
            }
        }
        """);
}
