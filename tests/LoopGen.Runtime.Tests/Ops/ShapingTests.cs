using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Reshape, transpose, expand/squeeze, broadcast, concat, stack, reverse and pad against index loops.</summary>
public class ShapingTests
{
    [Theory]
    [InlineData(DType.F32)]
    [InlineData(DType.S64)]
    [InlineData(DType.Pred)]
    public void Reshape_keeps_row_major_order(DType dt)
    {
        var (x, d) = Random(dt, 2, 3, 4);
        AssertTensor(x.Reshape(6, 4), dt, [6, 4], d);
        AssertTensor(x.Reshape(-1, 3), dt, [8, 3], d);
        AssertTensor(x.Reshape(24), dt, [24], d);
        AssertTensor(x.Flatten(), dt, [24], d);
        var (e, _) = Random(dt, 0, 3);
        AssertTensor(e.Reshape(3, 0), dt, [3, 0], []);
        AssertTensor(e.Reshape(-1, 1), dt, [0, 1], []); // -1 next to a 0 would be ambiguous (numpy rejects it too)
        var (s, ds) = Random(dt, 1, 1);
        AssertTensor(s.Reshape(), dt, [], ds);
    }

    [Fact]
    public void Transpose_permutes_axes()
    {
        var (x, d) = Random(DType.F64, 2, 3, 4);
        int[] perm = [2, 0, 1];
        int[] shape = [2, 3, 4];
        int[] outShape = [4, 2, 3];
        var expected = new double[24];
        for (int i = 0; i < 24; i++)
        {
            var o = Unravel(i, outShape);
            var src = new int[3];
            for (int k = 0; k < 3; k++) src[perm[k]] = o[k];
            expected[i] = d[Ravel(src, shape)];
        }
        AssertTensor(x.Transpose(2, 0, 1), DType.F64, outShape, expected);
        AssertTensor(x.Transpose(-1, 0, 1), DType.F64, outShape, expected);

        var (m, dm) = Random(DType.S32, 3, 5);
        var mt = new double[15];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 5; j++) mt[j * 3 + i] = dm[i * 5 + j];
        AssertTensor(m.T, DType.S32, [5, 3], mt);
        AssertTensor(m.Transpose(), DType.S32, [5, 3], mt);
        Assert.Same(m, m.Transpose(0, 1));
    }

    [Fact]
    public void ExpandDims_squeeze_broadcast_to()
    {
        var (x, d) = Random(DType.F32, 2, 3);
        AssertTensor(x.ExpandDims(0), DType.F32, [1, 2, 3], d);
        AssertTensor(x.ExpandDims(-1), DType.F32, [2, 3, 1], d);
        AssertTensor(x.ExpandDims(1).Squeeze(), DType.F32, [2, 3], d);
        AssertTensor(x.Reshape(1, 2, 1, 3).Squeeze(0, -2), DType.F32, [2, 3], d);
        var (r, dr) = Random(DType.F32, 3);
        var expected = Enumerable.Range(0, 12).Select(i => dr[i % 3]).ToArray();
        AssertTensor(r.BroadcastTo(2, 2, 3), DType.F32, [2, 2, 3], expected);
        var (c, dc) = Random(DType.S32, 2, 1);
        AssertTensor(c.BroadcastTo(2, 3), DType.S32, [2, 3], [dc[0], dc[0], dc[0], dc[1], dc[1], dc[1]]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Concat_joins_along_an_axis(int axis)
    {
        int a = axis < 0 ? axis + 2 : axis;
        int[] s1 = [2, 3], s2 = a == 0 ? [1, 3] : [2, 4], s3 = a == 0 ? [0, 3] : [2, 0];
        var (x, dx) = Random(DType.F32, s1);
        var (y, dy) = Random(DType.F32, s2);
        var (z, _) = Random(DType.F32, s3);
        var outShape = (int[])s1.Clone();
        outShape[a] = s1[a] + s2[a];
        var expected = new double[Count(outShape)];
        for (int i = 0; i < expected.Length; i++)
        {
            var idx = Unravel(i, outShape);
            if (idx[a] < s1[a])
            {
                expected[i] = dx[Ravel(idx, s1)];
            }
            else
            {
                idx[a] -= s1[a];
                expected[i] = dy[Ravel(idx, s2)];
            }
        }
        AssertTensor(Tensor.Concat([x, z, y], axis), DType.F32, outShape, expected);
    }

    [Fact]
    public void Concat_promotes_dtypes()
    {
        var (x, dx) = Random(DType.S32, 2);
        var (y, dy) = Random(DType.F64, 3);
        AssertTensor(Tensor.Concat([x, y]), DType.F64, [5], [.. dx, .. dy]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void Stack_adds_an_axis(int axis)
    {
        var parts = Enumerable.Range(0, 3).Select(_ => Random(DType.S64, 2, 4)).ToArray();
        int a = axis < 0 ? axis + 3 : axis;
        var outShape = new List<int> { 2, 4 };
        outShape.Insert(a, 3);
        var expected = new double[24];
        for (int i = 0; i < 24; i++)
        {
            var idx = Unravel(i, [.. outShape]).ToList();
            int which = idx[a];
            idx.RemoveAt(a);
            expected[i] = parts[which].Data[Ravel([.. idx], [2, 4])];
        }
        AssertTensor(Tensor.Stack(parts.Select(p => p.Tensor), axis), DType.S64, [.. outShape], expected);
        var scalars = Enumerable.Range(0, 4).Select(_ => Random(DType.F32, [])).ToArray();
        AssertTensor(Tensor.Stack(scalars.Select(s => s.Tensor)), DType.F32, [4], [.. scalars.Select(s => s.Data[0])]);
    }

    [Fact]
    public void Reverse_and_pad()
    {
        var (x, d) = Random(DType.F32, 2, 3);
        var rev = new double[6];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) rev[i * 3 + j] = d[i * 3 + (2 - j)];
        AssertTensor(x.Reverse(1), DType.F32, [2, 3], rev);
        AssertTensor(x.Reverse(0, 1), DType.F32, [2, 3], [.. d.Reverse()]);

        var padded = new double[4 * 6];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 6; j++)
                padded[i * 6 + j] = i is >= 1 and < 3 && j is >= 2 and < 5 ? d[(i - 1) * 3 + (j - 2)] : -1;
        AssertTensor(x.Pad([1, 2], [1, 1], -1), DType.F32, [4, 6], padded);
        AssertTensor(x.Pad([0, 0], [1, 0]), DType.F32, [3, 3], [.. d, 0, 0, 0]);
    }
}
