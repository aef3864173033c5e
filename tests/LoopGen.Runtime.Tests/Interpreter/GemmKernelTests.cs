using LoopGen.Backends.Interpreter.Kernels;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Interpreter;

/// <summary>
/// The blocked kernel itself (<see cref="Gemm.Multiply{T}"/>) over plain arrays against a naive triple loop in
/// double: every shape class (1×N, N×1, K=1, empty, tiles cut at every edge, split over rows and over columns),
/// offsets inside a batch, C filled with garbage first (the kernel overwrites it), NaN and ±Inf propagation, and
/// extents that do not fit their arrays.
/// </summary>
public sealed class GemmKernelTests
{
    private static double[] Naive(double[] a, int aOff, double[] b, int bOff, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[aOff + (i * k) + p] * b[bOff + (p * n) + j];
                c[(i * n) + j] = s;
            }
        }
        return c;
    }

    private static void AssertClose(double expected, double got, int k, double tol, string where)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(got), $"{where}: expected NaN, got {got}");
            return;
        }
        if (double.IsInfinity(expected))
        {
            Assert.True(expected == got, $"{where}: expected {expected}, got {got}");
            return;
        }
        Assert.True(Math.Abs(got - expected) <= tol * Math.Sqrt(Math.Max(k, 1)) * (1 + Math.Abs(expected)), $"{where}: {got} vs {expected}");
    }

    public static TheoryData<int, int, int, bool> Shapes => new()
    {
        { 1, 1, 1, false },
        { 1, 37, 53, false },     // one row
        { 41, 29, 1, false },     // one column
        { 23, 1, 45, false },     // K = 1
        { 6, 256, 32, false },    // exactly one micro-tile, one depth block
        { 7, 257, 33, false },    // one past every edge
        { 97, 513, 65, true },    // several row blocks and depth blocks, in parallel
        { 6, 700, 1000, true },   // one row block: split over columns
        { 130, 300, 17, true },   // narrow: edge panels only
        { 200, 64, 200, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void F32_kernel_matches_naive_loops(int m, int k, int n, bool parallel)
    {
        const int aOff = 3, bOff = 5, cOff = 7;
        var a = Rand.Floats(aOff + (m * k));
        var b = Rand.Floats(bOff + (k * n));
        var c = new float[cOff + (m * n) + 2];
        c.AsSpan().Fill(float.NaN);
        Gemm.Multiply(a, aOff, b, bOff, c, cOff, m, k, n, parallel);
        var expected = Naive([.. a.Select(v => (double)v)], aOff, [.. b.Select(v => (double)v)], bOff, m, k, n);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], c[cOff + i], k, 1e-5, $"[{i / n},{i % n}]");
        // Nothing outside the result is written.
        Assert.True(float.IsNaN(c[cOff - 1]) && float.IsNaN(c[cOff + (m * n)]));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void F64_kernel_matches_naive_loops(int m, int k, int n, bool parallel)
    {
        var a = Rand.Doubles(m * k);
        var b = Rand.Doubles(k * n);
        var c = new double[m * n];
        c.AsSpan().Fill(double.NaN);
        Gemm.Multiply(a, 0, b, 0, c, 0, m, k, n, parallel);
        var expected = Naive(a, 0, b, 0, m, k, n);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], c[i], k, 1e-13, $"[{i / n},{i % n}]");
    }

    [Theory]
    [InlineData(0, 5, 9)]
    [InlineData(5, 0, 9)]
    [InlineData(5, 9, 0)]
    public void Empty_extents_leave_a_zero_or_empty_result(int m, int k, int n)
    {
        var c = Enumerable.Repeat(7f, (m * n) + 1).ToArray();
        Gemm.Multiply(new float[m * k], 0, new float[k * n], 0, c, 0, m, k, n, parallel: true);
        // K = 0: every element is an empty sum; the guard element past the result stays.
        Assert.All(c[..(m * n)], v => Assert.Equal(0f, v));
        Assert.Equal(7f, c[m * n]);
    }

    [Theory]
    [InlineData(13, 300, 40, false)]
    [InlineData(100, 300, 100, true)]
    public void NaN_and_infinity_propagate_like_the_naive_loop(int m, int k, int n, bool parallel)
    {
        var a = Rand.Doubles(m * k);
        var b = Rand.Doubles(k * n);
        a[(2 * k) + 260] = double.NaN;       // row 2 of C: all NaN (in the second depth block)
        a[(5 * k) + 1] = double.PositiveInfinity;
        b[(1 * n) + 3] = 0;                  // row 5, column 3: ∞·0 = NaN; the rest of row 5: ±∞
        b[(7 * n) + (n - 1)] = double.NegativeInfinity; // last column: -∞ or +∞ where a's column 7 is not zero
        var c = new double[m * n];
        Gemm.Multiply(a, 0, b, 0, c, 0, m, k, n, parallel);
        var expected = Naive(a, 0, b, 0, m, k, n);
        Assert.Contains(expected, double.IsNaN);
        Assert.Contains(expected, double.IsInfinity);
        for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], c[i], k, 1e-13, $"[{i / n},{i % n}]");
        var cf = new float[m * n];
        Gemm.Multiply([.. a.Select(v => (float)v)], 0, [.. b.Select(v => (float)v)], 0, cf, 0, m, k, n, parallel);
        for (int i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i])) AssertClose(expected[i], cf[i], k, 1e-5, $"f32 [{i / n},{i % n}]");
        }
    }

    [Fact]
    public void Extents_that_do_not_fit_the_arrays_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[11], 0, new float[12], 0, new float[12], 0, 3, 4, 3, parallel: false));
        Assert.Contains("[3×4]·[4×3]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[12], 1, new float[12], 0, new float[9], 0, 3, 4, 3, parallel: false));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[12], 0, new float[12], 0, new float[8], 0, 3, 4, 3, parallel: false));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[12], 0, new float[12], 0, new float[9], 0, -3, 4, 3, parallel: false));
    }

    [Theory]
    [InlineData(1, 40, 30)]
    [InlineData(30, 40, 1)]
    [InlineData(20, 1, 30)]
    [InlineData(0, 4, 9)]
    [InlineData(9, 0, 4)]
    [InlineData(3, 2, 0)]
    public void Compiled_matmul_of_edge_shapes_matches_naive_and_eager(int m, int k, int n)
    {
        var a = Rand.Doubles(m * k);
        var b = Rand.Doubles(k * n);
        var expected = Naive(a, 0, b, 0, m, k, n);
        var ta = Tensor.From(a, m, k);
        var tb = Tensor.From(b, k, n);
        var f = Jit.Compile((Tensor x, Tensor y) => x.MatMul(y));
        foreach (var got in new[] { f.Invoke(ta, tb), ta.MatMul(tb) })
        {
            Assert.Equal(new[] { m, n }, got.Shape.Dims.ToArray());
            var values = got.ToArray<double>();
            Assert.Equal(expected.Length, values.Length);
            for (int i = 0; i < values.Length; i++) AssertClose(expected[i], values[i], k, 1e-13, $"[{i}]");
        }
    }

    public static TheoryData<string, int, int, int, int> CompiledShapes => new()
    {
        // Square sizes at and around the tile edges (12/6 rows, 32/16 columns), non-square, and batches of them.
        { "f32", 1, 1, 1, 1 }, { "f32", 1, 7, 7, 7 }, { "f32", 1, 63, 63, 63 }, { "f32", 1, 65, 65, 65 }, { "f32", 1, 127, 127, 127 },
        { "f64", 1, 1, 1, 1 }, { "f64", 1, 7, 7, 7 }, { "f64", 1, 63, 63, 63 }, { "f64", 1, 65, 65, 65 }, { "f64", 1, 127, 127, 127 },
        { "f32", 1, 63, 127, 65 }, { "f64", 1, 127, 65, 63 }, { "f32", 1, 131, 263, 97 }, { "f64", 1, 300, 7, 129 },
        { "f32", 3, 65, 63, 127 }, { "f64", 3, 63, 127, 65 }, { "f32", 5, 7, 65, 63 }, { "f64", 2, 127, 300, 130 },
    };

    // The compiled and the eager matmul through dot_general (both reach the blocked kernel for f32/f64 beyond the
    // smallest shapes), batched too, against a naive triple loop per matrix.
    [Theory]
    [MemberData(nameof(CompiledShapes))]
    public void Compiled_matmul_of_odd_and_batched_shapes_matches_naive_and_eager(string dtype, int batch, int m, int k, int n)
    {
        var a = Rand.Doubles(batch * m * k);
        var b = Rand.Doubles(batch * k * n);
        if (dtype == "f32")
        {
            // Round the inputs to f32 first so the double reference sees the same operands.
            a = [.. a.Select(v => (double)(float)v)];
            b = [.. b.Select(v => (double)(float)v)];
        }
        int[] aShape = batch == 1 ? [m, k] : [batch, m, k];
        int[] bShape = batch == 1 ? [k, n] : [batch, k, n];
        var ta = dtype == "f32" ? Tensor.From(a.Select(v => (float)v).ToArray(), aShape) : Tensor.From(a, aShape);
        var tb = dtype == "f32" ? Tensor.From(b.Select(v => (float)v).ToArray(), bShape) : Tensor.From(b, bShape);
        var f = Jit.Compile((Tensor x, Tensor y) => x.MatMul(y));
        double tol = dtype == "f32" ? 1e-5 : 1e-13;
        foreach (var got in new[] { f.Invoke(ta, tb), ta.MatMul(tb) })
        {
            Assert.Equal(batch == 1 ? new[] { m, n } : new[] { batch, m, n }, got.Shape.Dims.ToArray());
            var values = dtype == "f32" ? [.. got.ToArray<float>().Select(v => (double)v)] : got.ToArray<double>();
            for (int bi = 0; bi < batch; bi++)
            {
                var expected = Naive(a, bi * m * k, b, bi * k * n, m, k, n);
                for (int i = 0; i < expected.Length; i++) AssertClose(expected[i], values[(bi * m * n) + i], k, tol, $"{dtype} batch {bi} [{i / n},{i % n}]");
            }
        }
    }

    [Fact]
    public void Integer_matmul_is_exact()
    {
        const int m = 17, k = 300, n = 23;
        var a = Rand.Ints(m * k);
        var b = Rand.Ints(k * n);
        var got = Jit.Compile((Tensor x, Tensor y) => x.MatMul(y)).Invoke(Tensor.From(a, m, k), Tensor.From(b, k, n)).ToArray<int>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int s = 0;
                for (int p = 0; p < k; p++) s += a[(i * k) + p] * b[(p * n) + j];
                Assert.Equal(s, got[(i * n) + j]);
            }
        }
    }
}
