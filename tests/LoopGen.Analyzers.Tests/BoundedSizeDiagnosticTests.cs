using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// Sizes read from the data (issue 11): the seed's crop-and-concatenate loop and its variants lift with no diagnostic;
/// LG0020–LG0023 each on the smallest method that shows it; LG0014 stays for a read used as data.
/// </summary>
public sealed class BoundedSizeDiagnosticTests
{
    private static string Kernel(string members) => $$"""
        using LoopGen;

        namespace User;

        public static partial class K
        {
        {{members}}
        }
        """;

    [Fact]
    public void TheSeedsLoopAndItsVariantsLiftWithNoDiagnostic() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor CropConcat(Tensor w, Tensor splits, int crop)
            {
                var cropped = new List<Tensor>();
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    int end = splits[k + 1].Item<int>();
                    var extract = w[.., start..end];
                    cropped.Add(extract[.., ..Math.Min(extract.Shape[1], crop)]);
                }
                return Tensor.Concat(cropped, 1);
            }

            [Compile]
            public static (Tensor, Tensor, int) TwoAxes(Tensor w, Tensor splits, int crop)
            {
                var wide = new List<Tensor>();
                var tall = new List<Tensor>();
                int total = 0;
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    long start = splits[k].Item<long>();
                    long end = splits[k + 1].Item<long>();
                    var rows = w[(int)start..(int)Math.Min(end, start + crop)];
                    total += (int)(end - start);
                    wide.Add(rows);
                    tall.Add(rows.Transpose(1, 0));
                }
                return (Tensor.Concat(wide, 0), Tensor.Concat(tall, 1), total);
            }
        """));

    [Fact]
    public void LG0020_ASizeFromTheDataWhereASizeMustBeKnownWhenTracing()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor w, Tensor splits)
                {
                    var parts = new List<Tensor>();
                    for (int k = 0; k < splits.Shape[0] - 1; k++)
                    {
                        int start = splits[k].Item<int>();
                        var pad = {|LG0020:Tensor.Zeros(DType.F32, start)|};
                        var extract = w[.., start..];
                        int width = extract.Shape[1];
                        parts.Add(extract + {|LG0020:Tensor.Zeros(DType.F32, 2, width)|}.Sum() + pad.Sum());
                    }
                    return Tensor.Concat(parts, 1);
                }
            """));
        Assert.Contains("'start' is a size the compiled code reads from the data ('splits[k].Item<int>()', line 13)", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'width' (line 16) is a size that depends on the data", d[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0014_StaysForAReadUsedAsData() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, Tensor counts, int n)
            {
                for (int k = 0; k < n; k++)
                {
                    int c = {|LG0014:counts[k].Item<int>()|};
                    float peak = {|LG0014:x.Max().Item<float>()|};
                    x = x * peak + c;
                }
                return x;
            }
        """));

    [Fact]
    public void LG0021_PiecesOfDataDependentSizeStackedOrJoinedOnATracedAxis()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor w, Tensor splits)
                {
                    var parts = new List<Tensor>();
                    for (int k = 0; k < splits.Shape[0] - 1; k++)
                    {
                        parts.Add(w[.., splits[k].Item<int>()..splits[k + 1].Item<int>()]);
                    }
                    return Tensor.Stack({|LG0021:parts|});
                }
            """));
        Assert.Contains("can only be joined with Tensor.Concat(parts, axis)", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0022_ARangeFromTheEndOrMixedWithAnIndex() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor w, Tensor splits)
            {
                var parts = new List<Tensor>();
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    var a = w[.., {|LG0022:start..^1|}];
                    var b = w[0, {|LG0022:start..|}];
                    parts.Add(a + b.Sum());
                }
                return Tensor.Concat(parts, 1);
            }
        """));

    [Fact]
    public void LG0023_AWholeShapeOrACarryOfDataDependentSize() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor w, Tensor splits)
            {
                var last = w;
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    var extract = w[.., start..];
                    var shape = {|LG0023:extract.Shape|};
                    {|LG0023:last = extract|};
                }
                return last;
            }
        """));
}
