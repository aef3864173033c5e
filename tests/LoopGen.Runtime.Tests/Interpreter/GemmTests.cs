using LoopGen.Tests.Support;

namespace LoopGen.Tests.Interpreter;

/// <summary>The blocked matmul against a naive triple loop in double, on shapes that cross every block edge.</summary>
public sealed class GemmTests
{
    private static double[] Naive(double[] a, double[] b, int batch, int m, int k, int n)
    {
        var c = new double[batch * m * n];
        for (int q = 0; q < batch; q++)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a[(q * m * k) + (i * k) + p] * b[(q * k * n) + (p * n) + j];
                    c[(q * m * n) + (i * n) + j] = s;
                }
            }
        }
        return c;
    }

    [Theory]
    [InlineData(1, 7, 300, 19)]    // k past one KC block, edge tiles in both directions
    [InlineData(1, 150, 513, 70)]  // several MC blocks (parallel), three KC blocks
    [InlineData(3, 13, 9, 17)]     // batched, small: one matrix per task
    [InlineData(2, 96, 64, 128)]   // batched, exact tiles
    [InlineData(1, 4, 4, 8)]       // the smallest shape the blocked kernel takes
    public void F32_matmul_matches_naive_loops(int batch, int m, int k, int n)
    {
        var a = Rand.Floats(batch * m * k);
        var b = Rand.Floats(batch * k * n);
        var ta = batch == 1 ? Tensor.From(a, m, k) : Tensor.From(a, batch, m, k);
        var tb = batch == 1 ? Tensor.From(b, k, n) : Tensor.From(b, batch, k, n);
        var expected = Naive([.. a.Select(v => (double)v)], [.. b.Select(v => (double)v)], batch, m, k, n);
        var f = Jit.Compile((Tensor x, Tensor y) => x.MatMul(y));
        foreach (var got in new[] { f.Invoke(ta, tb).ToArray<float>(), ta.MatMul(tb).ToArray<float>() })
        {
            Assert.Equal(expected.Length, got.Length);
            for (int i = 0; i < got.Length; i++)
            {
                Assert.True(Math.Abs(got[i] - expected[i]) <= 1e-4 * Math.Sqrt(k) * (1 + Math.Abs(expected[i])), $"[{i}]: {got[i]} vs {expected[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1, 100, 260, 33)]
    [InlineData(4, 10, 5, 9)]
    public void F64_matmul_matches_naive_loops(int batch, int m, int k, int n)
    {
        var a = Rand.Doubles(batch * m * k);
        var b = Rand.Doubles(batch * k * n);
        var ta = batch == 1 ? Tensor.From(a, m, k) : Tensor.From(a, batch, m, k);
        var tb = batch == 1 ? Tensor.From(b, k, n) : Tensor.From(b, batch, k, n);
        var expected = Naive(a, b, batch, m, k, n);
        var got = Jit.Compile((Tensor x, Tensor y) => x.MatMul(y)).Invoke(ta, tb).ToArray<double>();
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i], got[i], 1e-11);
    }
}
