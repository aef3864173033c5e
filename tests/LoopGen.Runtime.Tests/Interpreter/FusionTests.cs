using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Interpreter;

/// <summary>Fused elementwise trees give what the ops give one by one, on every size (chunk edges, parallel split).</summary>
public sealed class FusionTests
{
    private static Tensor Tree(Tensor x, Tensor y) => ((x * 2f + 1f).Tanh() * y - (y / 3f).Exp()) + x * x;

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(2049)]
    [InlineData(140_001)] // past FusedKernel.ParallelThreshold: split over the cores
    public void A_fused_tree_equals_the_ops_run_one_by_one_and_plain_arrays(int n)
    {
        var xs = Rand.Floats(n);
        var ys = Rand.Floats(n);
        var x = Tensor.From(xs, n);
        var y = Tensor.From(ys, n);
        var f = Jit.Compile<Tensor, Tensor, Tensor>(Tree);
        var fused = f.Invoke(x, y).ToArray<float>();
        var eager = Tree(x, y).ToArray<float>(); // op by op, the unfused kernels
        Assert.Equal(eager, fused);
        for (int i = 0; i < n; i++)
        {
            float expected = (MathF.Tanh(xs[i] * 2f + 1f) * ys[i] - MathF.Exp(ys[i] / 3f)) + xs[i] * xs[i];
            Assert.True(MathF.Abs(expected - fused[i]) <= 1e-5f * (1 + MathF.Abs(expected)), $"[{i}]: {fused[i]} vs {expected}");
        }
        // Called again (the arena reuses its buffers), the same answer.
        Assert.Equal(fused, f.Invoke(x, y).ToArray<float>());
    }

    [Fact]
    public void The_tree_becomes_one_op_and_the_scalars_are_not_broadcast()
    {
        var f = Jit.Compile((Tensor x) => (x * 2f + 1f).Tanh());
        var main = f.Lower(Tensor.From(Rand.Floats(16), 16)).Module.Main;
        Assert.Contains(main.Body.Operations, o => o.Name == Ops.BroadcastInDim);
        var rewritten = Fusion.Rewrite(main);
        var names = rewritten.Body.Operations.Select(o => o.Name).ToList();
        Assert.Single(names, Fusion.FusedOp);
        Assert.DoesNotContain(Ops.BroadcastInDim, names);
        Assert.DoesNotContain(Ops.Tanh, names);
        Assert.NotSame(main.Body, rewritten.Body); // the traced module itself is left alone
    }

    [Fact]
    public void A_value_used_twice_is_computed_once_and_f64_fuses_too()
    {
        var f = Jit.Compile((Tensor x) =>
        {
            var s = (x * 0.5).Sin(); // used twice: materialised, then a leaf of the next tree
            return (s * s + s.Exp(), s.Sqrt().Abs() - 1.0);
        });
        var xs = Rand.Doubles(3000);
        var x = Tensor.From(xs, xs.Length);
        var (a, b) = f.Invoke(x);
        var ra = a.ToArray<double>();
        var rb = b.ToArray<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            double s = Math.Sin(xs[i] * 0.5);
            Assert.Equal(s * s + Math.Exp(s), ra[i], 1e-12);
            Assert.Equal(Math.Abs(Math.Sqrt(s)) - 1.0, rb[i], 1e-12);
        }
    }

    [Fact]
    public void Inside_a_loop_body_the_tree_fuses_and_the_carry_is_right()
    {
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 5, (i, c) => (c * 0.5f + 1f).Tanh(), x));
        var xs = Rand.Floats(5000);
        var got = f.Invoke(Tensor.From(xs, xs.Length)).ToArray<float>();
        for (int j = 0; j < xs.Length; j++)
        {
            float c = xs[j];
            for (int i = 0; i < 5; i++) c = MathF.Tanh(c * 0.5f + 1f);
            Assert.True(MathF.Abs(c - got[j]) <= 1e-6f, $"[{j}]: {got[j]} vs {c}");
        }
    }
}
