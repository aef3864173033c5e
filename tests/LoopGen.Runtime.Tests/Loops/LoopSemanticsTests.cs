using IrOps = LoopGen.Ir.Ops;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Loops;

/// <summary>Fori, While and Scan against plain C# references on fresh random inputs.</summary>
public sealed class LoopSemanticsTests
{
    [Fact]
    public void Fori_index_is_the_loop_counter()
    {
        // sum of i*x over i in [3, 17)
        var x = Rand.Floats(4);
        var result = Loop.Fori(3, 17, (i, acc) => acc + i.Cast(DType.F32) * Tensor.From(x, 4), Tensor.Zeros(DType.F32, 4));
        var expected = new float[4];
        for (int i = 3; i < 17; i++) for (int k = 0; k < 4; k++) expected[k] += i * x[k];
        AssertClose(expected, result.ToArray<float>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(100)]
    public void Unroll_gives_the_same_result(int unroll)
    {
        var x = Rand.Floats(3, 0.5f, 1.5f);
        var f = Jit.Compile((Tensor t, int u) => Loop.Fori(0, 10, (i, c) => c * t + i.Cast(DType.F32), Tensor.Ones(DType.F32, 3), unroll: u));
        var expected = new float[3];
        for (int k = 0; k < 3; k++)
        {
            float c = 1;
            for (int i = 0; i < 10; i++) c = c * x[k] + i;
            expected[k] = c;
        }
        var t = Tensor.From(x, 3);
        AssertClose(expected, f.Invoke(t, unroll).ToArray<float>());
        Assert.Equal(unroll >= 10 ? 0 : 1, f.Lower(t, unroll).WhileCount);
    }

    [Fact]
    public void Tuple_carries_keep_their_structure()
    {
        var a = Rand.Floats(5);
        var (sum, count, prod) = Loop.Fori(0, 6, (i, c) => (c.Item1 + Tensor.From(a, 5), c.Item2 + 1, c.Item3 * 2.0), (Tensor.Zeros(DType.F32, 5), (Tensor)Tensor.Scalar(0), (Tensor)Tensor.Scalar(1.0)));
        AssertClose(a.Select(v => v * 6).ToArray(), sum.ToArray<float>());
        Assert.Equal(6, count.Item<int>());
        Assert.Equal(64.0, prod.Item<double>());
    }

    [Fact]
    public void Array_carries_work()
    {
        var r = Loop.Fori(0, 4, (i, c) => [c[1], c[0] + c[1]], new[] { Tensor.Scalar(0L), Tensor.Scalar(1L) });
        Assert.Equal(3L, r[0].Item<long>());
        Assert.Equal(5L, r[1].Item<long>());
    }

    [Fact]
    public void While_runs_until_convergence()
    {
        // Newton's iteration for sqrt(a), elementwise, until every step is below 1e-6.
        var a = Rand.Doubles(6, 0.5, 50);
        var at = Tensor.From(a, 6);
        var (x, _) = Loop.While(
            c => c.Item2 > 1e-9,
            c =>
            {
                var next = (c.Item1 + at / c.Item1) * 0.5;
                return (next, (next - c.Item1).Abs().Max());
            },
            (Tensor.Ones(DType.F64, 6) * 10.0, Tensor.Scalar(1.0)));
        AssertClose(a.Select(Math.Sqrt).ToArray(), x.ToArray<double>(), 1e-9);
    }

    [Fact]
    public void Nested_loops_nest_whiles()
    {
        var m = Rand.Floats(12);
        var f = Jit.Compile((Tensor mat) => Loop.Fori(0, 3, (i, acc) =>
            Loop.Fori(0, 4, (j, inner) => inner + mat[i, j], acc), Tensor.Scalar(0f)));
        var mt = Tensor.From(m, 3, 4);
        Assert.Equal(2, f.Lower(mt).WhileCount);
        Assert.Equal(m.Sum(), f.Invoke(mt).Item<float>(), 3);
        // eagerly too (each loop traced and run on the spot)
        Assert.Equal(m.Sum(), Loop.Fori(0, 3, (i, acc) => Loop.Fori(0, 4, (j, inner) => inner + mt[i, j], acc), Tensor.Scalar(0f)).Item<float>(), 3);
    }

    [Fact]
    public void Large_invariant_is_an_operand_not_a_constant()
    {
        const int n = 1 << 20;
        var w = Tensor.From(Rand.Floats(n), n);
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 5, (i, c) => c + w, x));
        var x = Tensor.Zeros(DType.F32, n);
        var lowered = f.Lower(x);
        Assert.True(lowered.TextBytes < 8_000, $"the module text should not embed the invariant: {lowered.TextBytes} bytes");
        var main = lowered.Module.Main;
        Assert.Equal(2, main.Parameters.Count); // x, then the captured w
        var loop = main.Body.Operations.Single(o => o.Name == IrOps.While);
        Assert.Contains(main.Parameters[1], loop.Operands);
        var result = f.Invoke(x).ToArray<float>();
        var wv = w.ToArray<float>();
        for (int k = 0; k < n; k += 4099) Assert.Equal(5 * wv[k], result[k], 4);
    }

    [Fact]
    public void Eager_loop_closing_over_a_tensor_passes_it_as_an_operand()
    {
        var w = Tensor.From(Rand.Floats(3), 3);
        var r = Loop.Fori(0, 4, (i, c) => c + w, Tensor.Zeros(DType.F32, 3));
        AssertClose(w.ToArray<float>().Select(v => 4 * v).ToArray(), r.ToArray<float>());
    }

    [Fact]
    public void Scan_stacks_outputs_like_a_cumulative_sum()
    {
        var xs = Rand.Floats(7 * 2);
        var (total, ys) = Loop.Scan((Tensor c, Tensor x) => (c + x, c + x), Tensor.Zeros(DType.F32, 2), Tensor.From(xs, 7, 2));
        Assert.Equal(new Shape(7, 2), ys.Shape);
        var expected = new float[14];
        float[] run = [0, 0];
        for (int t = 0; t < 7; t++)
        {
            for (int k = 0; k < 2; k++)
            {
                run[k] += xs[t * 2 + k];
                expected[t * 2 + k] = run[k];
            }
        }
        AssertClose(expected, ys.ToArray<float>());
        AssertClose(run, total.ToArray<float>());
    }

    [Fact]
    public void Reverse_scan_visits_rows_last_to_first_and_keeps_their_order()
    {
        var xs = Rand.Floats(6);
        var (_, ys) = Loop.Scan((Tensor c, Tensor x) => (c + x, c + x), Tensor.Scalar(0f), Tensor.From(xs, 6), reverse: true);
        var expected = new float[6];
        float run = 0;
        for (int t = 5; t >= 0; t--)
        {
            run += xs[t];
            expected[t] = run;
        }
        AssertClose(expected, ys.ToArray<float>());
    }

    [Fact]
    public void Scan_over_tuples_with_tuple_outputs()
    {
        var a = Rand.Floats(5);
        var b = Rand.Floats(5);
        var ((s, p), (ys1, ys2)) = Loop.Scan(
            ((Tensor S, Tensor P) c, (Tensor A, Tensor B) x) => ((c.S + x.A * x.B, c.P * 2f), (x.A + x.B, c.S)),
            (Tensor.Scalar(0f), Tensor.Scalar(1f)),
            (Tensor.From(a, 5), Tensor.From(b, 5)));
        float sum = 0;
        var expected2 = new float[5];
        for (int t = 0; t < 5; t++)
        {
            expected2[t] = sum;
            sum += a[t] * b[t];
        }
        Assert.Equal(sum, s.Item<float>(), 4);
        Assert.Equal(32f, p.Item<float>());
        AssertClose(a.Zip(b, (x, y) => x + y).ToArray(), ys1.ToArray<float>());
        AssertClose(expected2, ys2.ToArray<float>());
    }

    [Fact]
    public void Scan_with_a_length_gets_the_index()
    {
        var (_, ys) = Loop.Scan((Tensor c, Tensor i) => (c, i * i), Tensor.Scalar(0), 5);
        Assert.Equal(new[] { 0, 1, 4, 9, 16 }, ys.ToArray<int>());
        var (_, empty) = Loop.Scan((Tensor c, Tensor i) => (c, i.Cast(DType.F32)), Tensor.Scalar(0), 0);
        Assert.Equal(new Shape(0), empty.Shape);
    }

    [Fact]
    public void Rnn_scan_matches_the_plain_loop()
    {
        const int steps = 9, hidden = 4, inputs = 3;
        var w = Tensor.From(Rand.Floats(inputs * hidden, -0.5f, 0.5f), inputs, hidden);
        var u = Tensor.From(Rand.Floats(hidden * hidden, -0.5f, 0.5f), hidden, hidden);
        var xs = Tensor.From(Rand.Floats(steps * inputs), steps, inputs);
        var h0 = Tensor.Zeros(DType.F32, hidden);

        // eager reference: a plain C# loop over rows
        var h = h0;
        var outs = new List<Tensor>();
        for (int t = 0; t < steps; t++)
        {
            h = (Tensor.MatMul(xs[t], w) + Tensor.MatMul(h, u)).Tanh();
            outs.Add(h);
        }
        var reference = Tensor.Stack(outs);

        var rnn = Jit.Compile((Tensor x, Tensor h0_) => Loop.Scan((Tensor hh, Tensor xt) =>
        {
            var next = (Tensor.MatMul(xt, w) + Tensor.MatMul(hh, u)).Tanh();
            return (next, next);
        }, h0_, x));
        var (last, ys) = rnn.Invoke(xs, h0);
        AssertClose(reference.ToArray<float>(), ys.ToArray<float>(), 1e-5);
        AssertClose(h.ToArray<float>(), last.ToArray<float>(), 1e-5);
        Assert.Equal(1, rnn.Lower(xs, h0).WhileCount);
    }

    internal static void AssertClose(float[] expected, float[] actual, double tol = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }

    internal static void AssertClose(double[] expected, double[] actual, double tol = 1e-9)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * (1 + Math.Abs(expected[i])), $"[{i}]: expected {expected[i]}, got {actual[i]}");
        }
    }
}
