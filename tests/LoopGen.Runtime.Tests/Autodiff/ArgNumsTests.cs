using LoopGen.Tests.Support;
using Xunit.Abstractions;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// Gradients with respect to any arguments (JAX's argnums): each selected argument's gradient against central finite
/// differences in f64, for functions with rolled loops; tuples and arrays of tensors as arguments; and a clear error
/// naming an argument that cannot carry a gradient.
/// </summary>
public sealed class ArgNumsTests(ITestOutputHelper output)
{
    private readonly GradCheck _check = new(output);

    /// <summary>An RNN as a scan over the rows of xs: h ← tanh(W h + x), the loss reads every h and the last one.</summary>
    private static Tensor Rnn(Tensor w, Tensor xs, Tensor h0)
    {
        var (last, ys) = Loop.Scan((Tensor h, Tensor x) =>
        {
            var next = (Tensor.MatMul(w, h) + x).Tanh();
            return (next, next * next);
        }, h0, xs);
        return ys.Sum() + (last * 0.5).Sum();
    }

    /// <summary>Checks <paramref name="grads"/> (one per input) against finite differences of <paramref name="loss"/>.</summary>
    private void AssertMatchesFiniteDifferences(string what, Func<Tensor[], Tensor> loss, Tensor[] inputs, Tensor[] grads, double tolerance = 1e-6)
    {
        var fd = GradCheck.FiniteDifferences(loss, inputs);
        double worst = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i].Shape, grads[i].Shape);
            Assert.Equal(inputs[i].DType, grads[i].DType);
            var got = grads[i].ToArray<double>();
            for (int j = 0; j < got.Length; j++)
            {
                double err = Math.Abs(got[j] - fd[i][j]) / (1 + Math.Abs(fd[i][j]));
                worst = Math.Max(worst, err);
                Assert.True(err <= tolerance, $"{what}: d/d input{i}[{j}] = {got[j]:R} but finite differences give {fd[i][j]:R} (seed {_check.Seed})");
            }
        }
        output.WriteLine($"{what}: max relative error vs finite differences {worst:E2}");
    }

    [Fact]
    public void The_gradients_of_a_scan_rnn_with_respect_to_weights_inputs_and_initial_state_match_finite_differences()
    {
        var (w, xs, h0) = (_check.Uniform(-0.6, 0.6, 3, 3), _check.Tensor(7, 3), _check.Tensor(3));
        var grad = Jit.Grad((Tensor w, Tensor xs, Tensor h0) => Rnn(w, xs, h0), argnums: [0, 1, 2]);
        var (dw, dxs, dh0) = grad.Invoke(w, xs, h0);
        AssertMatchesFiniteDifferences("rnn argnums 0,1,2", p => Rnn(p[0], p[1], p[2]), [w, xs, h0], [dw!, dxs!, dh0!]);
        Assert.Equal(2, grad.Lower(w, xs, h0).WhileCount); // still one rolled forward and one rolled backward loop

        // A subset, in any order: only those come back, the others are null; the values are the same.
        var some = Jit.ValueAndGrad((Tensor w, Tensor xs, Tensor h0) => Rnn(w, xs, h0), argnums: [2, 0]);
        var (loss, (sw, sxs, sh0)) = some.Invoke(w, xs, h0);
        Assert.Null(sxs);
        GradCheck.AssertClose(dw!, sw!, 1e-12, "dw");
        GradCheck.AssertClose(dh0!, sh0!, 1e-12, "dh0");
        Assert.Equal(Jit.Compile((Tensor w, Tensor xs, Tensor h0) => Rnn(w, xs, h0)).Invoke(w, xs, h0).Item<double>(), loss.Item<double>(), 12);

        // The first argument alone equals the classic Jit.Grad.
        var first = Jit.Grad((Tensor w, Tensor xs, Tensor h0) => Rnn(w, xs, h0)).Invoke(w, xs, h0);
        GradCheck.AssertClose(first, dw!, 1e-12, "dw vs Jit.Grad");
    }

    [Fact]
    public void A_two_argument_function_with_a_fori_loop_differentiates_with_respect_to_its_second_argument()
    {
        // f(w, x) = Σ (fori 5: x ← sin(w ⊙ x) + x·0.3)², differentiated with respect to x only.
        static Tensor F(Tensor w, Tensor x) => Loop.Fori(0, 5, (i, v) => (w * v).Sin() + v * 0.3, x).Square().Sum();
        var (w, x) = (_check.Tensor(4), _check.Tensor(4));
        var (none, dx) = Jit.Grad((Tensor w, Tensor x) => F(w, x), argnums: [1]).Invoke(w, x);
        Assert.Null(none);
        AssertMatchesFiniteDifferences("fori argnums 1", p => F(w, p[0]), [x], [dx!]);
    }

    [Fact]
    public void Tuples_and_arrays_of_tensors_are_differentiated_argument_by_argument()
    {
        // Argument 0 is a (W, b) tuple, argument 1 data, argument 2 an array of two initial states.
        static Tensor F((Tensor W, Tensor B) layer, Tensor xs, Tensor[] init) =>
            Loop.Scan((Tensor[] h, Tensor x) =>
            {
                var a = (Tensor.MatMul(layer.W, h[0]) + layer.B + x).Tanh();
                return (new[] { a, h[1] * 0.9 + a * h[0] }, a);
            }, init, xs).Ys.Square().Sum();
        var (wt, b, xs, s0, s1) = (_check.Uniform(-0.6, 0.6, 2, 2), _check.Tensor(2), _check.Tensor(4, 2), _check.Tensor(2), _check.Tensor(2));
        var grad = Jit.Grad(((Tensor W, Tensor B) layer, Tensor xs, Tensor[] init) => F(layer, xs, init), argnums: [0, 2]);
        var (dLayer, dxs, dInit) = grad.Invoke((wt, b), xs, [s0, s1]);
        Assert.Null(dxs);
        Assert.Equal(2, dInit!.Length);
        AssertMatchesFiniteDifferences("tuple and array arguments", p => F((p[0], p[1]), xs, [p[2], p[3]]), [wt, b, s0, s1], [dLayer.W, dLayer.B, dInit[0], dInit[1]]);
    }

    [Fact]
    public void A_vjp_with_respect_to_two_arguments_matches_finite_differences_of_the_dot_with_the_cotangent()
    {
        static Tensor F(Tensor a, Tensor b) => Loop.Fori(0, 4, (i, v) => (v * b).Tanh() + a, a);
        var (a, b, ct) = (_check.Tensor(3), _check.Tensor(3), _check.Tensor(3));
        var (value, (da, db)) = Jit.Vjp((Tensor a, Tensor b) => F(a, b), argnums: [0, 1]).Invoke(a, b, ct);
        GradCheck.AssertClose(Jit.Compile((Tensor a, Tensor b) => F(a, b)).Invoke(a, b), value, 1e-12, "value");
        AssertMatchesFiniteDifferences("vjp argnums 0,1", p => (F(p[0], p[1]) * ct).Sum(), [a, b], [da!, db!]);
    }

    [Fact]
    public void A_non_differentiable_argument_in_argnums_is_an_error_naming_it()
    {
        var x = _check.Tensor(3);
        var steps = Tensor.From(new[] { 1, 2, 3 }, 3);
        var e = Assert.Throws<GradientException>(() =>
            Jit.Grad((Tensor x, Tensor steps) => (x * steps.Cast(DType.F64)).Sum(), argnums: [0, 1]).Invoke(x, steps));
        Assert.Contains("argument 1 ('steps')", e.Message);
        Assert.Contains("s32[3]", e.Message);
        output.WriteLine(e.Message);

        var mask = Tensor.From(new[] { true, false, true }, 3);
        e = Assert.Throws<GradientException>(() =>
            Jit.Grad((Tensor x, (Tensor Scale, Tensor Mask) m) => Tensor.Where(m.Mask, x * m.Scale, x).Sum(), argnums: [1]).Invoke(x, (x, mask)));
        Assert.Contains("argument 1 ('m')", e.Message);
        Assert.Contains("its element m.Item2", e.Message);
        Assert.Contains("pred[3]", e.Message);
        output.WriteLine(e.Message);

        e = Assert.Throws<GradientException>(() => Jit.Grad((Tensor x, int n) => (x * n).Sum(), argnums: [1]).Invoke(x, 3));
        Assert.Contains("argument 1 ('n')", e.Message);
        Assert.Contains("static Int32", e.Message);
        output.WriteLine(e.Message);

        var bad = Assert.Throws<ArgumentException>(() => Jit.Grad((Tensor x, Tensor y) => (x * y).Sum(), argnums: [0, 2]));
        Assert.Contains("argnums contains 2, but the function has 2 arguments", bad.Message);
        Assert.Throws<ArgumentException>(() => Jit.Grad((Tensor x, Tensor y) => (x * y).Sum(), argnums: [1, 1]));
        Assert.Throws<ArgumentException>(() => Jit.Grad((Tensor x, Tensor y) => (x * y).Sum(), argnums: []));
    }

    [Fact]
    public void Inside_another_compiled_function_the_per_argument_gradient_is_traced_inline()
    {
        static Tensor F(Tensor w, Tensor x) => Loop.Fori(0, 3, (i, v) => (w * v).Tanh() + x, x).Square().Sum();
        var (w, x) = (_check.Tensor(3), _check.Tensor(3));
        var grad = Jit.Grad((Tensor w, Tensor x) => F(w, x), argnums: [0, 1]);
        var (dw, dx) = grad.Invoke(w, x);
        // An SGD step on both arguments as one compiled function: the gradient is emitted into its trace.
        var sgd = Jit.Compile((Tensor w, Tensor x) =>
        {
            var (gw, gx) = grad.Invoke(w, x);
            return (w - gw! * 0.1) + (x - gx! * 0.1);
        });
        GradCheck.AssertClose((w - dw! * 0.1) + (x - dx! * 0.1), sgd.Invoke(w, x), 1e-12, "inline step");
    }
}
