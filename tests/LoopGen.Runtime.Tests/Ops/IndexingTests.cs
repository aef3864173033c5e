using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Indexers, tensor indices, SetAt and the dynamic slice helpers, against array loops.</summary>
public class IndexingTests
{
    private static double[] Sub(double[] d, int[] shape, int r0, int r1, int c0, int c1)
    {
        var list = new List<double>();
        for (int i = r0; i < r1; i++) for (int j = c0; j < c1; j++) list.Add(d[i * shape[1] + j]);
        return [.. list];
    }

    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.S32)]
    [InlineData(DType.Pred)]
    public void Int_and_from_end_indices(DType dt)
    {
        var (x, d) = Random(dt, 3, 4);
        int i = LoopGen.Tests.Support.Rand.Int(0, 3);
        AssertTensor(x[i], dt, [4], Sub(d, [3, 4], i, i + 1, 0, 4));
        AssertTensor(x[^1], dt, [4], Sub(d, [3, 4], 2, 3, 0, 4));
        AssertTensor(x[-2], dt, [4], Sub(d, [3, 4], 1, 2, 0, 4));
        AssertTensor(x[i, ^1], dt, [], [d[i * 4 + 3]]);
        AssertTensor(x[1][2], dt, [], [d[6]]);
    }

    [Fact]
    public void Ranges_and_mixed()
    {
        var (x, d) = Random(DType.F64, 3, 4);
        int[] s = [3, 4];
        AssertTensor(x[1..3], DType.F64, [2, 4], Sub(d, s, 1, 3, 0, 4));
        AssertTensor(x[..], DType.F64, [3, 4], d);
        AssertTensor(x[..^1, 1..], DType.F64, [2, 3], Sub(d, s, 0, 2, 1, 4));
        AssertTensor(x[1, 2..^1], DType.F64, [1], Sub(d, s, 1, 2, 2, 3));
        AssertTensor(x[.., 2], DType.F64, [3], [d[2], d[6], d[10]]);
        AssertTensor(x[TensorIndex.All, ^2], DType.F64, [3], [d[2], d[6], d[10]]);
        AssertTensor(x[2..2], DType.F64, [0, 4], []);
        var (v, dv) = Random(DType.S64, 5);
        AssertTensor(v[^3..], DType.S64, [3], dv[2..]);
    }

    [Theory]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    public void Tensor_index_selects_like_an_int(DType idxType)
    {
        var (x, d) = Random(DType.F32, 4, 3);
        int i = LoopGen.Tests.Support.Rand.Int(0, 4);
        var t = FromDoubles([i], idxType);
        AssertTensor(x[t], DType.F32, [3], Sub(d, [4, 3], i, i + 1, 0, 3));
        AssertTensor(x[t, 1..], DType.F32, [2], Sub(d, [4, 3], i, i + 1, 1, 3));
        AssertTensor(x[1, t % 3], DType.F32, [], [d[3 + i % 3]]);
        var neg = FromDoubles([-1], idxType); // Python-style: -1 is the last row
        AssertTensor(x[neg], DType.F32, [3], Sub(d, [4, 3], 3, 4, 0, 3));
        var big = FromDoubles([10], idxType); // past the end: clamped, as dynamic_slice does
        AssertTensor(x[big], DType.F32, [3], Sub(d, [4, 3], 3, 4, 0, 3));
        Tensor loop = i; // a weak int, as a lifted loop counter would be
        AssertTensor(x[loop], DType.F32, [3], Sub(d, [4, 3], i, i + 1, 0, 3));
    }

    [Fact]
    public void SetAt_returns_an_updated_copy()
    {
        var (x, d) = Random(DType.F32, 3, 4);
        var (row, dr) = Random(DType.F32, 4);
        var y = x.SetAt(1, row);
        var expected = (double[])d.Clone();
        for (int j = 0; j < 4; j++) expected[4 + j] = dr[j];
        AssertTensor(y, DType.F32, [3, 4], expected);
        AssertTensor(x, DType.F32, [3, 4], d); // the original is untouched

        var z = x.SetAt(^1, 1..3, 9);
        var e2 = (double[])d.Clone();
        e2[9] = 9;
        e2[10] = 9;
        AssertTensor(z, DType.F32, [3, 4], e2);

        var k = Tensor.Scalar(2);
        var w = x.SetAt(k, Tensor.Zeros(DType.S32, 4));
        var e3 = (double[])d.Clone();
        for (int j = 0; j < 4; j++) e3[8 + j] = 0;
        AssertTensor(w, DType.F32, [3, 4], e3);

        var u = x.SetAt([0, 0], -5);
        var e4 = (double[])d.Clone();
        e4[0] = -5;
        AssertTensor(u, DType.F32, [3, 4], e4);
    }

    [Fact]
    public void Dynamic_slice_and_update_helpers()
    {
        var (x, d) = Random(DType.S32, 4, 5);
        int r = LoopGen.Tests.Support.Rand.Int(0, 3);
        int c = LoopGen.Tests.Support.Rand.Int(0, 3);
        var sl = Tensor.DynamicSlice(x, [Tensor.Scalar(r), c], [2, 3]);
        AssertTensor(sl, DType.S32, [2, 3], Sub(d, [4, 5], r, r + 2, c, c + 3));
        var clamped = Tensor.DynamicSlice(x, [3, 4], [2, 3]); // starts clamp to 2, 2
        AssertTensor(clamped, DType.S32, [2, 3], Sub(d, [4, 5], 2, 4, 2, 5));

        var (u, du) = Random(DType.S32, 2, 2);
        var up = Tensor.DynamicUpdateSlice(x, u, [Tensor.Scalar((long)r), c]);
        var expected = (double[])d.Clone();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) expected[(r + i) * 5 + c + j] = du[i * 2 + j];
        AssertTensor(up, DType.S32, [4, 5], expected);
    }
}
