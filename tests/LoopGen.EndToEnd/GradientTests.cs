using LoopGen.EndToEnd.Kernels;

namespace LoopGen.EndToEnd;

/// <summary>
/// Gradients of <c>[Compile]</c> methods: the intercepted call traces the generated twin inline into the gradient's
/// trace, so its lifted loops are differentiated as rolled loops. Checked against central finite differences of the
/// plain (eager) method, in f64 on fresh random inputs.
/// </summary>
public sealed class GradientTests
{
    private static double[][] FiniteDifferences(Func<Tensor[], double> f, Tensor[] inputs, double h = 1e-6)
    {
        var result = new double[inputs.Length][];
        for (int i = 0; i < inputs.Length; i++)
        {
            var values = inputs[i].ToArray<double>();
            result[i] = new double[values.Length];
            for (int j = 0; j < values.Length; j++)
            {
                double Eval(double x)
                {
                    var copy = (double[])values.Clone();
                    copy[j] = x;
                    return f([.. inputs.Select((t, k) => k == i ? Tensor.From(copy, t.Shape.ToArray()) : t)]);
                }
                result[i][j] = (Eval(values[j] + h) - Eval(values[j] - h)) / (2 * h);
            }
        }
        return result;
    }

    private static void AssertMatches(double[][] expected, Tensor[] actual, int seed)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            var got = actual[i].ToArray<double>();
            for (int j = 0; j < got.Length; j++)
            {
                Assert.True(Math.Abs(got[j] - expected[i][j]) <= 1e-6 * (1 + Math.Abs(expected[i][j])),
                    $"input{i}[{j}]: gradient {got[j]:R}, finite differences {expected[i][j]:R} (seed {seed})");
            }
        }
    }

    private static Tensor Random(Random r, double scale, params int[] shape)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        return Tensor.From([.. Enumerable.Range(0, n).Select(_ => (r.NextDouble() * 2 - 1) * scale)], shape);
    }

    [Fact]
    public void ValueAndGrad_of_a_compiled_method_with_a_foreach_over_time_steps()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (w, u, v) = (Random(r, 0.5, 4, 4), Random(r, 1, 4), Random(r, 1, 4));
        var data = Random(r, 1, 12, 2);
        var step = Jit.ValueAndGrad(((Tensor W, Tensor U, Tensor V) p, Tensor d) => Recurrent.Loss(p.W, p.U, p.V, d));
        var (loss, (dw, du, dv)) = step.Invoke((w, u, v), data);

        Assert.Equal(Recurrent.LossEager(w, u, v, data).Item<double>(), loss.Item<double>(), 12);
        var fd = FiniteDifferences(p => Recurrent.LossEager(p[0], p[1], p[2], data).Item<double>(), [w, u, v]);
        AssertMatches(fd, [dw, du, dv], seed);

        // The gradient module keeps the time loop rolled: its size does not depend on the sequence length.
        var short_ = step.Lower((w, u, v), Random(r, 1, 5, 2));
        var long_ = step.Lower((w, u, v), Random(r, 1, 500, 2));
        Assert.Equal(short_.OpCount, long_.OpCount);
        Assert.Equal(2, long_.WhileCount);
    }

    [Fact]
    public void ValueAndGrad_of_a_compiled_method_with_respect_to_several_arguments_weights_and_inputs()
    {
        // The spelling: each trainable is its own argument, argnums picks them (here the data too, as JAX would).
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var (w, u, v) = (Random(r, 0.5, 4, 4), Random(r, 1, 4), Random(r, 1, 4));
        var data = Random(r, 1, 9, 2);
        var step = Jit.ValueAndGrad((Tensor w, Tensor u, Tensor v, Tensor d) => Recurrent.Loss(w, u, v, d), argnums: [0, 1, 3]);
        var (loss, (dw, du, dv, dd)) = step.Invoke(w, u, v, data);

        Assert.Null(dv);
        Assert.Equal(Recurrent.LossEager(w, u, v, data).Item<double>(), loss.Item<double>(), 12);
        var fd = FiniteDifferences(p => Recurrent.LossEager(p[0], p[1], v, p[2]).Item<double>(), [w, u, data]);
        AssertMatches(fd, [dw!, du!, dd!], seed);
        Assert.Equal(2, step.Lower(w, u, v, data).WhileCount);
    }

    [Fact]
    public void Grad_of_a_compiled_method_with_break_needs_a_bound()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var x = Tensor.From([.. Enumerable.Range(0, 3).Select(_ => 0.5 + r.NextDouble())], 3);
        // break makes the trip count data-dependent: without a bound the error names the loop and the fix.
        var unbounded = Jit.Grad((Tensor p) => Control.BreakEarly(p, 20).Sum());
        var e = Assert.Throws<GradientException>(() => unbounded.Invoke(x));
        Assert.Contains("Control.cs:", e.Message);
        Assert.Contains("MaxTrips", e.Message);

        var bounded = Jit.Grad((Tensor p) => Control.BreakEarly(p, 20).Sum(), new GradOptions { MaxTrips = 20 });
        var g = bounded.Invoke(x);
        var fd = FiniteDifferences(p => Control.BreakEarlyEager(p[0], 20).Sum().Item<double>(), [x]);
        AssertMatches(fd, [g], seed);
    }

    [Fact]
    public void Loop_MaxTrips_bounds_each_loop_of_a_compiled_method_on_its_own()
    {
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var x = Tensor.From([.. Enumerable.Range(0, 3).Select(_ => 0.5 + r.NextDouble())], 3);
        // Two data-dependent loops, bounded 12 and 30 by Loop.MaxTrips statements: no GradOptions needed.
        var grad = Jit.Grad((Tensor p) => BoundedLoops.GrowThenShrink(p, 40).Sum());
        var g = grad.Invoke(x);
        var fd = FiniteDifferences(p => BoundedLoops.GrowThenShrinkEager(p[0], 40).Sum().Item<double>(), [x]);
        AssertMatches(fd, [g], seed);
        Assert.Equal(BoundedLoops.GrowThenShrinkEager(x, 40).ToArray<double>(), BoundedLoops.GrowThenShrinkCompiled(x, 40).ToArray<double>());
        Assert.Equal(new[] { 30, 12 }, grad.Residuals(x).Select(s => s.Trips).Order().Reverse());

        // From 300 the shrinking loop needs 33 iterations: past its own bound of 30, a clear error, not a wrong gradient.
        var big = Tensor.From(new[] { 300.0, 300.0, 300.0 }, 3);
        var e = Assert.Throws<GradientException>(() => grad.Invoke(big));
        Assert.Contains("bound of 30", e.Message);
        Assert.Contains("BoundedLoops.cs:", e.Message);
    }

    [Fact]
    public void Grad_through_a_lifted_switch_statement_in_a_loop()
    {
        // The switch becomes a chain of Loop.Cond (stablehlo.if) inside the rolled loop: each section's gradient flows.
        int seed = Environment.TickCount;
        var r = new Random(seed);
        var x = Tensor.From([.. Enumerable.Range(0, 3).Select(_ => r.NextDouble() * 2 - 1)], 3);
        var g = Jit.Grad((Tensor p) => (Switches.SwitchStatement(p, 9) * Switches.SwitchStatement(p, 9)).Sum()).Invoke(x);
        var fd = FiniteDifferences(p =>
        {
            var y = Switches.SwitchStatementEager(p[0], 9);
            return (y * y).Sum().Item<double>();
        }, [x]);
        AssertMatches(fd, [g], seed);
    }
}
