using System.Runtime.CompilerServices;
using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>
/// The twin of loops whose pieces have sizes that depend on the data (issue 11): the seed's crop-and-concatenate loop
/// becomes one <c>Loop.ForConcat</c>, its size reads traced ints, its ranges <c>Tensor.SliceDynamic</c>, its
/// <c>Shape[d]</c> reads <c>Tensor.SizeOf</c>. Compared with <c>Snapshots/*.verified.cs</c> (<c>LOOPGEN_ACCEPT=1</c>
/// accepts a reviewed change); each output must compile with no error and no warning.
/// </summary>
public sealed class BoundedSnapshotTests
{
    private static void Verify(string source, [CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Source.cs", source)));
        run.AssertClean();
        Snapshot.Verify(run.AllGeneratedText, testName);
    }

    [Fact]
    public void DataDependentSizes() => Verify("""
        using System;
        using System.Collections.Generic;
        using LoopGen;

        namespace Demo;

        public static partial class Crops
        {
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
            public static (Tensor, Tensor) RowsAndCount(Tensor w, Tensor splits, int crop)
            {
                var rows = new List<Tensor>();
                var cols = new List<Tensor>();
                int count = 0;
                for (int k = 0; k < splits.Shape[0] - 1; k++)
                {
                    int start = splits[k].Item<int>();
                    var piece = w[start..Math.Min(splits[k + 1].Item<int>(), start + crop), 1..];
                    count = count + piece.Shape[0];
                    rows.Add(piece);
                    cols.Add(piece.Transpose(1, 0));
                }
                return (Tensor.Concat(rows, 0) * count, Tensor.Concat(cols, 1));
            }
        }
        """);
}
