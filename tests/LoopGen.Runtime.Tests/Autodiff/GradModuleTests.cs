using LoopGen.Ir.Text;
using LoopGen.Tests.Support;
using Xunit.Abstractions;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// The gradient modules themselves: they print and parse back unchanged, the real MLIR parser accepts them (where
/// installed), and every loop form's rolled gradient equals the gradient of the same loop traced unrolled.
/// </summary>
public sealed class GradModuleTests(ITestOutputHelper output)
{
    private readonly GradCheck _check = new(output);

    private static Tensor Rnn(Tensor[] p, int unroll) =>
        Loop.Fori(0, 6, (i, h) => (Tensor.MatMul(p[0], h) + p[1]).Tanh(), p[2], unroll: unroll).Sum();

    private static Tensor Nested(Tensor[] p, int unroll) =>
        Loop.Fori(0, 3, (i, x) => Loop.Fori(0, 4, (j, y) => (y * p[0]).Sin() + p[1], x, unroll: unroll) * 0.7, p[2], unroll: unroll).Sum();

    private static Tensor CondInLoop(Tensor[] p, int unroll) =>
        Loop.Fori(0, 5, (i, x) => Loop.Cond(x.Sum() > 0, () => (x * p[0]).Tanh(), () => x * p[1] - 0.3), p[2], unroll: unroll).Sum();

    private static Tensor Collected(Tensor[] p, int unroll)
    {
        // Collected outputs as the generator lifts them: a scan's ys, used after the loop; unrolled, a C# list stacked.
        if (unroll > 1)
        {
            var h = p[2];
            var rows = new List<Tensor>();
            for (int i = 0; i < 5; i++)
            {
                rows.Add(h * h);
                h = (h * p[0]).Cos() + p[1];
            }
            return (Tensor.Stack(rows) * Tensor.Arange(1, 6).Cast(DType.F64).Reshape(5, 1)).Sum();
        }
        var (_, ys) = Loop.Scan((Tensor h, Tensor i) => ((h * p[0]).Cos() + p[1], h * h), p[2], 5);
        return (ys * Tensor.Arange(1, 6).Cast(DType.F64).Reshape(5, 1)).Sum();
    }

    public static TheoryData<string> Forms => new() { "rnn", "nested", "cond in loop", "collected" };

    private static Func<Tensor[], int, Tensor> Form(string name) => name switch
    {
        "rnn" => Rnn,
        "nested" => Nested,
        "cond in loop" => CondInLoop,
        "collected" => Collected,
        _ => throw new ArgumentException(name),
    };

    private Tensor[] Inputs() => [_check.Uniform(-0.5, 0.5, 3, 3), _check.Tensor(3), _check.Tensor(3)];

    [Theory]
    [MemberData(nameof(Forms))]
    public void Rolled_equals_unrolled(string form)
    {
        var f = Form(form);
        var inputs = Inputs();
        // Weights in [-1, 1]: with |w| up to 2 the nested form's twelve sin steps grow its third derivative to ~1e6,
        // and central differences (step 2e-5) are then off by ~5e-6 relative (seed 16): an error of the check, not of the gradient.
        if (form != "rnn") inputs = [_check.Uniform(-1, 1, 3), _check.Tensor(3), _check.Tensor(3)];
        var rolled = Jit.Grad((Tensor[] p) => f(p, 1)).Invoke(inputs);
        var unrolled = Jit.Grad((Tensor[] p) => f(p, 100)).Invoke(inputs);
        for (int i = 0; i < inputs.Length; i++) GradCheck.AssertClose(unrolled[i], rolled[i], 1e-12, $"{form} input{i}");
        _check.Check(form, p => f(p, 1), inputs);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void The_gradient_module_prints_and_parses_back_unchanged(string form)
    {
        var f = Form(form);
        var lowered = Jit.Grad((Tensor[] p) => f(p, 1)).Lower(form == "rnn" ? Inputs() : [_check.Tensor(3), _check.Tensor(3), _check.Tensor(3)]);
        Assert.Equal(lowered.Text, MlirPrinter.Print(MlirParser.Parse(lowered.Text)));
        Assert.True(lowered.WhileCount >= 2, lowered.PrettyText);
    }

    [MlirOptTheory]
    [MemberData(nameof(Forms))]
    public void Mlir_opt_accepts_the_gradient_module(string form)
    {
        var f = Form(form);
        var lowered = Jit.Grad((Tensor[] p) => f(p, 1), new GradOptions { Checkpoint = true }).Lower([_check.Tensor(3), _check.Tensor(3), _check.Tensor(3)]);
        MlirOpt.AssertParses(lowered.Text);
    }

    [Fact]
    public void Collected_outputs_are_not_stored_as_residuals()
    {
        // The scan's ys buffer is written, never read, by the body. Of the rest only h is stored per iteration: the
        // counter is the iteration number (recomputed), and cos(h·p0) is not read by its own VJP (−sin of its input), so
        // its stack is a dead carry and goes.
        var residuals = Jit.Grad((Tensor[] p) => Collected(p, 1)).Residuals([_check.Tensor(3), _check.Tensor(3), _check.Tensor(3)]);
        var loop = Assert.Single(residuals);
        Assert.Equal(5 * 3 * 8, loop.StoredBytes); // 5 iterations × h (f64[3])
    }

    private static Tensor Layers(Tensor[] p, int lower) =>
        Loop.Fori(lower, lower + 5, (i, h) => h + Tensor.MatMul(h, p[0][i - lower]).Tanh(), p[1]).Square().Sum();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_scan_over_stacked_weights_stores_only_what_the_backward_loop_reads(int lower)
    {
        // ws[i] of a counted loop: the counter is recomputed from the iteration number (not stored), its negative-index
        // wrap folds away (no select left), and of the saved dot and tanh only tanh is read back — the dot's stack is a
        // dead carry and goes. What stays per iteration: h entering it and tanh (f64[2, 3] each).
        var inputs = new[] { _check.Uniform(-0.5, 0.5, 5, 3, 3), _check.Tensor(2, 3) };
        var grad = Jit.Grad((Tensor[] p) => Layers(p, lower));
        var lowered = grad.Lower(inputs);
        Assert.Equal(2, lowered.WhileCount);
        Assert.Equal(0, lowered.Module.CountOperations(LoopGen.Ir.Ops.Select));
        Assert.Equal(5 * 2 * (2 * 3 * 8), Assert.Single(grad.Residuals(inputs)).StoredBytes);
        _check.Check($"layers from {lower}", p => Layers(p, lower), inputs);
        var unrolled = Jit.Grad((Tensor[] p) => Loop.Fori(lower, lower + 5, (i, h) => h + Tensor.MatMul(h, p[0][i - lower]).Tanh(), p[1], unroll: 5).Square().Sum()).Invoke(inputs);
        var rolled = grad.Invoke(inputs);
        for (int k = 0; k < 2; k++) GradCheck.AssertClose(unrolled[k], rolled[k], 1e-12, $"input{k}");
    }
}
