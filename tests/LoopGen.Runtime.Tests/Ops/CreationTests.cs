using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Zeros, ones, full, iota and arange.</summary>
public class CreationTests
{
    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.F64)]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    [InlineData(DType.Pred)]
    public void Zeros_ones_full(DType dt)
    {
        AssertTensor(Tensor.Zeros(dt, 2, 3), dt, [2, 3], new double[6]);
        AssertTensor(Tensor.Ones(dt, 4), dt, [4], [1, 1, 1, 1]);
        AssertTensor(Tensor.Ones(dt), dt, [], [1]);
        AssertTensor(Tensor.Zeros(dt, 0, 3), dt, [0, 3], []);
        double v = dt == DType.Pred ? 1 : 7;
        AssertTensor(Tensor.Full(v, dt, 3, 1), dt, [3, 1], [v, v, v]);
        var (x, _) = Random(dt, 2, 2);
        AssertTensor(Tensor.ZerosLike(x), dt, [2, 2], new double[4]);
        AssertTensor(Tensor.OnesLike(x), dt, [2, 2], [1, 1, 1, 1]);
    }

    [Fact]
    public void Generic_creation()
    {
        AssertTensor(Tensor.Zeros<float>(2), DType.F32, [2], [0, 0]);
        AssertTensor(Tensor.Ones<long>(1, 2), DType.S64, [1, 2], [1, 1]);
        AssertTensor(Tensor.Full(2.5, 3), DType.F64, [3], [2.5, 2.5, 2.5]);
        AssertTensor(Tensor.Full(true, 2), DType.Pred, [2], [1, 1]);
        AssertTensor(Tensor.FullLike(Tensor.Zeros<int>(2), -4), DType.S32, [2], [-4, -4]);
    }

    [Fact]
    public void Iota_and_arange()
    {
        int n = LoopGen.Tests.Support.Rand.Int(0, 10);
        AssertTensor(Tensor.Arange(n), DType.S32, [n], [.. Enumerable.Range(0, n).Select(i => (double)i)]);
        AssertTensor(Tensor.Iota(DType.F64, 4), DType.F64, [4], [0, 1, 2, 3]);
        var expected = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) expected[i * 3 + j] = i;
        AssertTensor(Tensor.Iota(DType.S64, new Shape(2, 3), 0), DType.S64, [2, 3], expected);
        AssertTensor(Tensor.Arange(2, 11, 3), DType.S32, [3], [2, 5, 8]);
        AssertTensor(Tensor.Arange(5, 0, -2), DType.S32, [3], [5, 3, 1]);
        AssertTensor(Tensor.Arange(3, 3), DType.S32, [0], []);
    }
}
