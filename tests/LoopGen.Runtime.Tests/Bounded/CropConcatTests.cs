using System.Text.RegularExpressions;
using LoopGen.Ir;
using LoopGen.Tests.Support;
using LoopGen.Tests.TensorOps;

namespace LoopGen.Tests.Bounded;

/// <summary>
/// onnx-diagnostic's crop-and-concatenate loop (its example for <c>simple_loop_for</c>): crop each column window
/// <c>[splits[k], splits[k+1])</c> of W to at most <c>crop</c> columns and concatenate the crops, through Loop.ForConcat.
/// </summary>
public sealed partial class CropConcatTests
{
    internal static Tensor CropConcat(Tensor w, Tensor splits, int crop) =>
        Loop.ForConcat(0, splits.Shape[0] - 1, k =>
        {
            var extract = Tensor.SliceDynamic(w, 1, splits[k], splits[k + 1]);
            var cropped = Tensor.SliceDynamic(extract, 1, 0, Tensor.Minimum(Tensor.SizeOf(extract, 1), crop));
            return [cropped];
        }, [1], ["cropped"])[0];

    /// <summary>The crops on plain arrays, without any tensor op: W is rows × columns, row-major.</summary>
    internal static float[] Reference(float[] w, int rows, int columns, int[] splits, int crop, out int width)
    {
        var cols = new List<int>();
        for (int k = 0; k + 1 < splits.Length; k++)
        {
            for (int c = splits[k]; c < Math.Min(splits[k + 1], splits[k] + crop); c++) cols.Add(c);
        }
        width = cols.Count;
        var result = new float[rows * cols.Count];
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < cols.Count; j++) result[r * cols.Count + j] = w[r * columns + cols[j]];
        }
        return result;
    }

    /// <summary>The project's StableHLO type rules on every op but the structural ones (while, returns), regions included.</summary>
    internal static void VerifyTypes(Block block)
    {
        var plain = new Block();
        foreach (var op in block.Operations)
        {
            if (op.Name is not (Ops.While or Ops.Return or Ops.FuncReturn)) plain.Operations.Add(op);
            foreach (var region in op.Regions) VerifyTypes(region);
        }
        IrTypeCheck.Verify(plain);
    }

    [Fact]
    public void Example_inputs_give_two_by_fourteen_equal_to_the_plain_arrays_in_eager_and_compiled_code()
    {
        var data = new float[44];
        for (int i = 0; i < data.Length; i++) data[i] = i + 0.5f;
        var w = Tensor.From(data, 2, 22);
        int[] s = [0, 5, 15, 20, 22];
        var splits = Tensor.From(s);
        var expected = Reference(data, 2, 22, s, 4, out int width);
        Assert.Equal(14, width);

        var eager = CropConcat(w, splits, 4);
        var f = Jit.Compile((Tensor a, Tensor b) => CropConcat(a, b, 4));
        var compiled = f.Invoke(w, splits);
        Assert.Equal(new[] { 2, 14 }, eager.Shape.ToArray());
        Assert.Equal(new[] { 2, 14 }, compiled.Shape.ToArray());
        Assert.Equal(expected, eager.ToArray<float>());
        Assert.Equal(expected, compiled.ToArray<float>());

        var lowered = f.Lower(w, splits);
        Assert.Equal(1, lowered.WhileCount);
        Assert.Equal(0, lowered.Module.CountOperations(Ops.Concatenate) - 1); // only the window realignment, in the body
        VerifyTypes(lowered.Module.Main.Body);
    }

    [Fact]
    public void Random_windows_agree_with_eager_and_the_plain_arrays()
    {
        int seed = Environment.TickCount;
        var rng = new Random(seed);
        var f = Jit.Compile((Tensor a, Tensor b, Tensor c) => CropConcat(a, b, 3));
        for (int round = 0; round < 40; round++)
        {
            // One window, many windows, empty ones, ones wider and narrower than the crop.
            int windows = round switch { 0 => 1, 1 => 2, _ => rng.Next(1, 30) };
            int rows = rng.Next(1, 4);
            var s = new int[windows + 1];
            for (int k = 1; k <= windows; k++) s[k] = s[k - 1] + rng.Next(0, 7);
            int columns = s[^1] + rng.Next(0, 3);
            if (columns == 0) columns = 1;
            var data = new float[rows * columns];
            for (int i = 0; i < data.Length; i++) data[i] = (float)rng.NextDouble();
            var w = Tensor.From(data, rows, columns);
            var splits = Tensor.From(s);
            var expected = Reference(data, rows, columns, s, 3, out int width);
            string what = $"seed {seed}, round {round}, W [{rows},{columns}], splits [{string.Join(",", s)}]";

            var eager = CropConcat(w, splits, 3);
            var compiled = Jit.Compile((Tensor a, Tensor b) => CropConcat(a, b, 3)).Invoke(w, splits);
            Assert.True(new[] { rows, width }.SequenceEqual(eager.Shape.ToArray()), $"{what}: eager shape {eager.Shape}");
            Assert.True(new[] { rows, width }.SequenceEqual(compiled.Shape.ToArray()), $"{what}: compiled shape {compiled.Shape}");
            Assert.True(expected.SequenceEqual(eager.ToArray<float>()), $"{what}: eager values");
            Assert.True(expected.SequenceEqual(compiled.ToArray<float>()), $"{what}: compiled values");
        }
        GC.KeepAlive(f);
    }

    [Fact]
    public void Op_count_and_module_text_stay_flat_in_the_number_of_windows()
    {
        string Text(int windows)
        {
            var w = Tensor.Zeros(DType.F32, 2, 8 * windows);
            var splits = Tensor.From(Enumerable.Range(0, windows + 1).Select(k => 8 * k).ToArray());
            return Jit.Compile((Tensor a, Tensor b) => CropConcat(a, b, 4)).Lower(w, splits).Text;
        }
        string ten = Text(10), thousand = Text(1000);
        Assert.Equal(Numbers().Replace(ten, "N"), Numbers().Replace(thousand, "N"));
        Assert.NotEqual(ten, thousand); // the shapes do differ
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    [MlirOptFact]
    public void The_printed_module_parses_with_mlir_opt()
    {
        var w = Tensor.From(new float[44], 2, 22);
        var splits = Tensor.From(new[] { 0, 5, 15, 20, 22 });
        MlirOpt.AssertParses(Jit.Compile((Tensor a, Tensor b) => CropConcat(a, b, 4)).Lower(w, splits).Text);
    }
}
