using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;
using Xunit.Abstractions;

namespace LoopGen.EndToEnd;

/// <summary>
/// The seed's crop-and-concatenate loop as a C# user writes it (issue 11), compiled by the generator into one
/// <c>Loop.ForConcat</c>: equal to the plain method exactly (values and shape) on the seed's inputs and on random
/// sorted splits (empty windows, windows wider and narrower than the crop, one window, many), one rolled while, an op
/// count flat in the number of windows.
/// </summary>
public sealed class BoundedSizeTests
{
    private const int Seed = 1100;
    private readonly ITestOutputHelper _output;

    public BoundedSizeTests(ITestOutputHelper output) => _output = output;

    private static Tensor Seeds(out Tensor splits)
    {
        var data = new float[44];
        for (int i = 0; i < data.Length; i++) data[i] = i;
        splits = Tensor.From(new[] { 0, 5, 15, 20, 22 }, 5);
        return Tensor.From(data, 2, 22);
    }

    private static void AssertExactlyEqual(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.Shape.ToArray().SequenceEqual(actual.Shape.ToArray()), $"{what}: shape {expected.Shape} vs {actual.Shape}");
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.ToArray<float>(), actual.ToArray<float>());
    }

    [Fact]
    public void TheSeedsInputsGiveTwoByFourteenBothWays()
    {
        var w = Seeds(out var splits);
        var compiled = Bounded.CropConcatCompiled(w, splits, 4);
        var eager = Bounded.CropConcatEager(w, splits, 4);
        Assert.Equal(new[] { 2, 14 }, compiled.Shape.ToArray());
        AssertExactlyEqual(eager, compiled, "seed");
        // Independently: the columns kept are 0-3, 5-8, 15-18 and 20-21 of each row.
        int[] columns = [0, 1, 2, 3, 5, 6, 7, 8, 15, 16, 17, 18, 20, 21];
        var expected = new[] { 0, 1 }.SelectMany(row => columns.Select(c => (float)(row * 22 + c))).ToArray();
        Assert.Equal(expected, compiled.ToArray<float>());
        Assert.Equal(1, Bounded.CropConcatLower(w, splits, 4).WhileCount);
    }

    public static TheoryData<string> Kernels() => ["CropConcat", "CropConcatByWidth", "CropRows", "CropTwoOutputs", "CropConcatCollected"];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void CompiledEqualsEagerExactlyOnRandomSplits(string name)
    {
        _output.WriteLine($"seed {Seed}");
        var rng = new Random(Seed);
        for (int round = 0; round < 25; round++)
        {
            var (w, splits, crop) = Crops.Random(rng);
            try
            {
                switch (name)
                {
                    case "CropConcat":
                        AssertExactlyEqual(Bounded.CropConcatEager(w, splits, crop), Bounded.CropConcatCompiled(w, splits, crop), name);
                        break;
                    case "CropConcatByWidth":
                        AssertExactlyEqual(Bounded.CropConcatByWidthEager(w, splits, crop), Bounded.CropConcatByWidthCompiled(w, splits, crop), name);
                        break;
                    case "CropConcatCollected":
                        AssertExactlyEqual(Bounded.CropConcatCollectedEager(w, splits, crop), Bounded.CropConcatCollectedCompiled(w, splits, crop), name);
                        break;
                    case "CropRows":
                        var rows = w.Transpose(1, 0);
                        AssertExactlyEqual(Bounded.CropRowsEager(rows, splits, crop), Bounded.CropRowsCompiled(rows, splits, crop), name);
                        break;
                    default:
                        var v = Results.Random(rng, w.Shape[1], 3);
                        var e = Bounded.TwoOutputsEager(w, v, splits, crop);
                        var c = Bounded.TwoOutputsCompiled(w, v, splits, crop);
                        AssertExactlyEqual(e.Columns, c.Columns, "columns");
                        AssertExactlyEqual(e.Rows, c.Rows, "rows");
                        Assert.Equal(e.Total, c.Total);
                        break;
                }
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{name}, seed {Seed}, round {round}: w {w.Shape}, splits [{string.Join(", ", splits.ToArray<int>())}], crop {crop}: {ex.Message}", ex);
            }
        }
    }

    [Fact]
    public void EmptyWindowsOneWindowAndManyWindows()
    {
        var rng = new Random(Seed + 1);
        var w = Results.Random(rng, 2, 30);
        foreach (var points in new[] { new[] { 3, 3, 3 }, new[] { 0, 30 }, new[] { 7, 7, 9, 30, 30 }, Enumerable.Range(0, 31).ToArray() })
        {
            var splits = Tensor.From(points, points.Length);
            foreach (var crop in new[] { 0, 1, 4, 40 })
            {
                AssertExactlyEqual(Bounded.CropConcatEager(w, splits, crop), Bounded.CropConcatCompiled(w, splits, crop), $"splits [{string.Join(", ", points)}], crop {crop}");
            }
        }
    }

    [Fact]
    public void NoWindowFailsBothWaysAsTensorConcatOfNothing()
    {
        var w = Results.Random(new Random(Seed), 2, 5);
        var splits = Tensor.From(new[] { 2 }, 1);
        var eager = Assert.Throws<ArgumentException>(() => Bounded.CropConcatEager(w, splits, 4));
        var compiled = Assert.Throws<ArgumentException>(() => Bounded.CropConcatCompiled(w, splits, 4));
        Assert.StartsWith("Concat: needs at least one tensor", eager.Message, StringComparison.Ordinal);
        Assert.StartsWith("Concat: needs at least one tensor", compiled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRolledWhileWritingEachPieceAtARunningOffset()
    {
        int[] counts = [10, 100, 1000];
        var lowered = counts.Select(n => { var (w, splits) = Crops.ForLowering(n); return Bounded.CropConcatLower(w, splits, 4); }).ToList();
        foreach (var l in lowered)
        {
            Assert.Equal(1, l.WhileCount);
            // Linear: each piece is written into the preallocated output at a running offset (with the flat op count
            // below, no value grows with the number of windows).
            Assert.Contains("stablehlo.dynamic_update_slice", l.Text, StringComparison.Ordinal);
        }
        Assert.All(lowered, l => Assert.Equal(lowered[0].OpCount, l.OpCount));
        _output.WriteLine($"ops for {string.Join(", ", counts)} windows: {string.Join(", ", lowered.Select(l => l.OpCount))}");
    }
}
