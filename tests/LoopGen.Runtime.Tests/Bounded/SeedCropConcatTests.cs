namespace LoopGen.Tests.Bounded;

/// <summary>seeds/002's loop (onnx-diagnostic's crop-and-concatenate example) through Loop.ForConcat.</summary>
public sealed class SeedCropConcatTests
{
    internal static Tensor CropConcat(Tensor w, Tensor splits, int crop) =>
        Loop.ForConcat(0, splits.Type.Shape[0] - 1, k =>
        {
            var extract = Tensor.SliceDynamic(w, 1, splits[k], splits[k + 1]);
            var cropped = Tensor.SliceDynamic(extract, 1, 0, Tensor.Minimum(Tensor.SizeOf(extract, 1), crop));
            return [cropped];
        }, [1], ["cropped"])[0];

    [Fact]
    public void Seed_inputs_give_two_by_fourteen_in_eager_and_compiled_code()
    {
        var data = new float[44];
        for (int i = 0; i < data.Length; i++) data[i] = i;
        var w = Tensor.From(data, 2, 22);
        var splits = Tensor.From(new[] { 0, 5, 15, 20, 22 });
        var eager = CropConcat(w, splits, 4);
        var f = Jit.Compile((Tensor a, Tensor b) => CropConcat(a, b, 4));
        var compiled = f.Invoke(w, splits);
        Assert.Equal(new[] { 2, 14 }, eager.Shape.ToArray());
        Assert.Equal(new[] { 2, 14 }, compiled.Shape.ToArray());
        Assert.Equal(eager.ToArray<float>(), compiled.ToArray<float>());
        System.Console.WriteLine(f.Lower(w, splits).Text);
    }
}
