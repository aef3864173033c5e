namespace LoopGen.Tests.Bounded;

/// <summary>
/// A reshape that only adds or drops size-1 axes keeps every element of a bounded tensor in place, so its valid
/// length carries on (onnx-diagnostic's <c>x[:i+1].unsqueeze(1)</c>); any other reshape still throws (BoundedErrorTests).
/// </summary>
public sealed class BoundedUnitAxesTests
{
    private static readonly Tensor X = Tensor.From(Enumerable.Range(0, 20).Select(i => (float)i).ToArray(), 2, 10);

    private static float[] Columns(int from, int to) =>
        [.. Enumerable.Range(0, 2).SelectMany(r => Enumerable.Range(from, to - from).Select(c => (float)(10 * r + c)))];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void ExpandDims_keeps_the_valid_length(int axis)
    {
        var f = Jit.Compile((Tensor x, Tensor a, Tensor b) => Tensor.SliceDynamic(x, 1, a, b).ExpandDims(axis) * 2f);
        var y = f.Invoke(X, Tensor.Scalar(2), Tensor.Scalar(6));
        var expected = new List<int> { 2, 4 };
        expected.Insert(axis, 1);
        Assert.Equal(expected, y.Shape.ToArray());
        Assert.Equal(Columns(2, 6).Select(v => v * 2f), y.ToArray<float>());
    }

    [Fact]
    public void Adding_then_dropping_a_unit_axis_gives_the_slice_back()
    {
        var f = Jit.Compile((Tensor x, Tensor a, Tensor b) => Tensor.SliceDynamic(x, 1, a, b).ExpandDims(1).Reshape(2, -1));
        var back = f.Invoke(X, Tensor.Scalar(2), Tensor.Scalar(6));
        Assert.Equal(new[] { 2, 4 }, back.Shape.ToArray());
        Assert.Equal(Columns(2, 6), back.ToArray<float>());
        var g = Jit.Compile((Tensor x, Tensor a, Tensor b) => Tensor.SliceDynamic(x, 1, a, b).ExpandDims(0).ExpandDims(3));
        var y = g.Invoke(X, Tensor.Scalar(1), Tensor.Scalar(4));
        Assert.Equal(new[] { 1, 2, 3, 1 }, y.Shape.ToArray());
        Assert.Equal(Columns(1, 4), y.ToArray<float>());
    }
}
