using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>MatMul, Dot and Outer against naive loops.</summary>
public class LinearAlgebraTests
{
    // Naive batched matmul of a [B.., m, k] by b [B.., k, n], batch dims broadcast.
    private static double[] NaiveMatMul(double[] a, int[] sa, double[] b, int[] sb, out int[] shape)
    {
        int m = sa[^2], k = sa[^1], n = sb[^1];
        var batch = BroadcastShape(sa[..^2], sb[..^2]);
        shape = [.. batch, m, n];
        var r = new double[Count(shape)];
        for (int o = 0; o < r.Length; o++)
        {
            var idx = Unravel(o, shape);
            var bi = idx[..^2];
            double acc = 0;
            for (int t = 0; t < k; t++)
            {
                acc += At(a, sa, [.. bi, idx[^2], t]) * At(b, sb, [.. bi, t, idx[^1]]);
            }
            r[o] = acc;
        }
        return r;
    }

    public static TheoryData<int[], int[]> MatMulShapes => new()
    {
        { [3], [3] },
        { [2, 3], [3, 4] },
        { [3], [3, 4] },
        { [2, 3], [3] },
        { [1, 1], [1, 1] },
        { [0, 3], [3, 2] },
        { [2, 0], [0, 3] },
        { [5, 2, 3], [5, 3, 4] },
        { [5, 2, 3], [3, 4] },
        { [2, 3], [5, 3, 4] },
        { [6, 1, 2, 3], [5, 3, 4] },
        { [3], [5, 3, 4] },
        { [5, 2, 3], [3] },
    };

    [Theory]
    [MemberData(nameof(MatMulShapes))]
    public void MatMul_matches_naive_loops(int[] sa, int[] sb)
    {
        foreach (var dt in Numeric)
        {
            var (a, da) = Random(dt, sa);
            var (b, db) = Random(dt, sb);
            // numpy: a 1-d left operand is a row vector, a 1-d right operand a column vector; those axes are dropped.
            int[] ma = sa.Length == 1 ? [1, sa[0]] : sa;
            int[] mb = sb.Length == 1 ? [sb[0], 1] : sb;
            var expected = NaiveMatMul(da, ma, db, mb, out var shape);
            var outShape = shape.ToList();
            if (sb.Length == 1) outShape.RemoveAt(outShape.Count - 1);
            if (sa.Length == 1) outShape.RemoveAt(outShape.Count - (sb.Length == 1 ? 1 : 2));
            AssertTensor(Tensor.MatMul(a, b), dt, [.. outShape], [.. expected.Select(v => Store(v, dt))], tol: dt == DType.F32 ? 1e-5 : -1);
        }
    }

    [Fact]
    public void MatMul_promotes_and_instance_form()
    {
        var (a, da) = Random(DType.S32, 2, 3);
        var (b, db) = Random(DType.F64, 3, 2);
        var expected = NaiveMatMul(da, [2, 3], db, [3, 2], out _);
        AssertTensor(a.MatMul(b), DType.F64, [2, 2], expected, tol: 1e-12);
    }

    [Fact]
    public void Dot_follows_numpy()
    {
        var (a, da) = Random(DType.F64, 2, 3);
        var (b, db) = Random(DType.F64, 4, 3, 5);
        var expected = new double[2 * 4 * 5];
        for (int i = 0; i < 2; i++)
            for (int p = 0; p < 4; p++)
                for (int q = 0; q < 5; q++)
                {
                    double acc = 0;
                    for (int t = 0; t < 3; t++) acc += da[i * 3 + t] * db[(p * 3 + t) * 5 + q];
                    expected[(i * 4 + p) * 5 + q] = acc;
                }
        AssertTensor(Tensor.Dot(a, b), DType.F64, [2, 4, 5], expected, tol: 1e-12);
        var (v, dv) = Random(DType.F64, 3);
        AssertTensor(Tensor.Dot(v, v), DType.F64, [], [dv.Sum(x => x * x)], tol: 1e-12);
        AssertTensor(Tensor.Dot(a, 2), DType.F64, [2, 3], [.. da.Select(x => 2 * x)]);
    }

    [Fact]
    public void Outer_product()
    {
        var (a, da) = Random(DType.S32, 3);
        var (b, db) = Random(DType.S32, 2, 2);
        var expected = new double[12];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) expected[i * 4 + j] = da[i] * db[j];
        AssertTensor(Tensor.Outer(a, b), DType.S32, [3, 4], expected);
    }
}
