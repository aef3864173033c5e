using Xunit.Abstractions;
using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// Gradients through every loop form against finite differences, rolled against the same loop traced unrolled, the
/// op count of the gradient module against the trip count, checkpointing, bounded while loops and their errors.
/// </summary>
public sealed class LoopGradTests(ITestOutputHelper output)
{
    private readonly GradCheck _check = new(output);

    /// <summary>A small recurrent step: h' = tanh(W h + x·u).</summary>
    private static Tensor Step(Tensor w, Tensor u, Tensor h, Tensor x) => (Tensor.MatMul(w, h) + x * u).Tanh();

    private static Tensor RnnFori(Tensor[] p, int n, int unroll) =>
        Loop.Fori(0, n, (i, h) => Step(p[0], p[1], h, i.Cast(DType.F64) * 0.1), p[2], unroll: unroll).Square().Sum();

    [Fact]
    public void Fori_with_a_static_trip_count_matches_finite_differences_and_the_unrolled_gradient()
    {
        var inputs = new[] { _check.Uniform(-0.6, 0.6, 3, 3), _check.Tensor(3), _check.Tensor(3) };
        var rolled = _check.Check("fori", p => RnnFori(p, 9, unroll: 1), inputs);
        var unrolled = Jit.Grad((Tensor[] p) => RnnFori(p, 9, unroll: 9)).Invoke(inputs);
        for (int i = 0; i < 3; i++) GradCheck.AssertClose(unrolled[i], rolled[i], 1e-12, $"input{i}");
        // Partial unrolling (3 copies per rolled iteration) differentiates too.
        var partly = Jit.Grad((Tensor[] p) => RnnFori(p, 9, unroll: 3)).Invoke(inputs);
        for (int i = 0; i < 3; i++) GradCheck.AssertClose(unrolled[i], partly[i], 1e-12, $"input{i}");

        var lowered = Jit.Grad((Tensor[] p) => RnnFori(p, 9, unroll: 1)).Lower(inputs);
        Assert.Equal(2, lowered.WhileCount); // forward (storing residuals) + backward
        Assert.Equal(0, Jit.Grad((Tensor[] p) => RnnFori(p, 9, unroll: 9)).Lower(inputs).WhileCount);
    }

    [Fact]
    public void The_gradient_module_does_not_grow_with_the_trip_count()
    {
        var inputs = new[] { _check.Uniform(-0.6, 0.6, 3, 3), _check.Tensor(3), _check.Tensor(3) };
        var counts = new List<int>();
        foreach (int n in new[] { 10, 1_000, 100_000 })
        {
            var lowered = Jit.Grad((Tensor[] p) => RnnFori(p, n, unroll: 1)).Lower(inputs);
            output.WriteLine($"N = {n}: {lowered.OpCount} ops, {lowered.WhileCount} while, {lowered.TextBytes} bytes of text");
            counts.Add(lowered.OpCount);
            Assert.Equal(2, lowered.WhileCount);
        }
        Assert.Single(counts.Distinct());
    }

    [Fact]
    public void Scan_with_xs_and_collected_ys_forward_and_reverse()
    {
        var xs = _check.Tensor(6, 2);
        var w = _check.Tensor(2);
        foreach (bool reverse in new[] { false, true })
        {
            Tensor Loss(Tensor[] p)
            {
                var (h, ys) = Loop.Scan((Tensor h, Tensor x) =>
                {
                    var next = (h * p[0] + x * p[1]).Sin();
                    return (next, next * x);
                }, p[2], p[3], reverse: reverse);
                return (ys * w).Sum() + h.Sum();
            }
            var inputs = new[] { _check.Tensor(2), _check.Tensor(2), _check.Tensor(2), xs };
            var rolled = _check.Check(reverse ? "reverse scan" : "scan", Loss, inputs);
            // The same recurrence written out with plain tensor ops, as the unrolled reference.
            var unrolled = Jit.Grad((Tensor[] p) =>
            {
                var h = p[2];
                var rows = new Tensor[6];
                for (int k = 0; k < 6; k++)
                {
                    int t = reverse ? 5 - k : k;
                    var x = p[3][t];
                    h = (h * p[0] + x * p[1]).Sin();
                    rows[t] = h * x;
                }
                return (Tensor.Stack(rows) * w).Sum() + h.Sum();
            }).Invoke(inputs);
            for (int i = 0; i < 4; i++) GradCheck.AssertClose(unrolled[i], rolled[i], 1e-12, $"input{i}");
        }
    }

    [Fact]
    public void Nested_loops()
    {
        static Tensor Loss(Tensor[] p) =>
            Loop.Fori(0, 4, (i, x) => Loop.Fori(0, 3, (j, y) => (y * p[0] + j.Cast(DType.F64) * p[1]).Tanh(), x) * 0.9 + p[1], p[2]).Sum();
        // The gain p[0] in [-1, 1]: with gains up to 2 through 12 nested tanh, the step-size truncation of the finite
        // differences reached 1e-6 relative for some seeds (seed 14: the gradient equals the unrolled one exactly and a
        // step of 1e-6 agrees to 1e-8; the default 1e-5 does not).
        var inputs = new[] { _check.Uniform(-1, 1, 3), _check.Tensor(3), _check.Tensor(3) };
        _check.Check("nested fori", Loss, inputs);
        var lowered = Jit.Grad((Tensor[] p) => Loss(p)).Lower(inputs);
        output.WriteLine($"nested: {lowered.OpCount} ops, {lowered.WhileCount} while");
    }

    [Fact]
    public void Cond_inside_a_loop()
    {
        static Tensor Loss(Tensor[] p) => Loop.Fori(0, 6, (i, x) =>
            Loop.Cond(x.Sum() > 0, () => (x * p[0]).Sin(), () => (x * x * p[1]).Tanh() + 0.5), p[2]).Sum(); // bounded: no blow-up that finite differences cannot resolve
        var inputs = new[] { _check.Tensor(4), _check.Tensor(4), _check.Tensor(4) };
        _check.Check("cond in fori", Loss, inputs);
        Assert.True(Jit.Grad((Tensor[] p) => Loss(p)).Lower(inputs).Module.CountOperations(IrOps.If) >= 2);
    }

    /// <summary>The shape the generator gives a loop with break and continue: flags in the carry, conditions as Cond.</summary>
    private static Tensor BreakContinue(Tensor[] p, int? maxTrips)
    {
        Tensor Cond((Tensor X, Tensor J, Tensor Break) c) => !c.Break & (c.J < 8);
        (Tensor, Tensor, Tensor) Body((Tensor X, Tensor J, Tensor Break) c)
        {
            var brk = Loop.Cond(c.X.Sum() > 30, () => (Tensor)true, () => c.Break);
            var cont = c.J % 3 == 1;
            var x = Loop.Cond(!(brk | cont), () => c.X * p[0] + p[1], () => c.X);
            return (x, c.J + 1, brk);
        }
        var init = (p[2], (Tensor)Tensor.Scalar(0), (Tensor)Tensor.Scalar(false));
        var result = maxTrips is int m ? Loop.While(Cond, Body, init, maxTrips: m) : Loop.While(Cond, Body, init);
        return result.Item1.Sum();
    }

    [Fact]
    public void Break_and_continue_flags_in_a_bounded_while()
    {
        var inputs = new[] { _check.Uniform(1.1, 1.6, 3), _check.Uniform(0.0, 1.0, 3), _check.Uniform(0.5, 2, 3) };
        _check.Check("break/continue", p => BreakContinue(p, maxTrips: 8), inputs);
        // The same loop without a bound on the loop, bounded through the options instead.
        var viaOptions = Jit.Grad((Tensor[] p) => BreakContinue(p, maxTrips: null), new GradOptions { MaxTrips = 8 }).Invoke(inputs);
        var direct = Jit.Grad((Tensor[] p) => BreakContinue(p, maxTrips: 8)).Invoke(inputs);
        for (int i = 0; i < 3; i++) GradCheck.AssertClose(direct[i], viaOptions[i], 1e-12);
    }

    private static Tensor Grow(Tensor[] p, int? maxTrips)
    {
        // Runs until the values pass 10: the trip count depends on the data.
        Tensor Cond(Tensor x) => x.Sum() < 10;
        Tensor Body(Tensor x) => x * p[0] + p[1];
        return (maxTrips is int m ? Loop.While(Cond, Body, p[2], maxTrips: m) : Loop.While(Cond, Body, p[2])).Square().Sum();
    }

    [Fact]
    public void Bounded_while_runs_the_backward_loop_from_the_actual_trip_count()
    {
        var inputs = new[] { _check.Uniform(1.2, 1.5, 3), _check.Uniform(0.0, 0.3, 3), _check.Uniform(0.2, 1, 3) };
        int trips = 0;
        for (var x = inputs[2].ToArray<double>(); x.Sum() < 10; trips++)
        {
            x = x.Select((v, i) => v * inputs[0].ToArray<double>()[i] + inputs[1].ToArray<double>()[i]).ToArray();
        }
        output.WriteLine($"the loop runs {trips} iterations; bound 40");
        _check.Check("bounded while", p => Grow(p, maxTrips: 40), inputs);
        var residuals = Jit.Grad((Tensor[] p) => Grow(p, maxTrips: 40)).Residuals(inputs);
        Assert.Equal(40 * 3 * 8, Assert.Single(residuals).StoredBytes);
    }

    [Fact]
    public void A_run_past_the_bound_fails_clearly()
    {
        var inputs = new[] { Tensor.From(new[] { 1.1, 1.1 }, 2), Tensor.From(new[] { 0.0, 0.0 }, 2), Tensor.From(new[] { 1.0, 1.0 }, 2) };
        var e = Assert.Throws<GradientException>(() => Jit.Grad((Tensor[] p) => Grow(p, maxTrips: 3)).Invoke(inputs));
        Assert.Contains("past its bound of 3", e.Message);
        Assert.Contains("LoopGradTests.cs:", e.Message);
        output.WriteLine(e.Message);
    }

    [Fact]
    public void An_unbounded_dynamic_while_is_an_error_naming_the_loop()
    {
        var inputs = new[] { _check.Tensor(3), _check.Tensor(3), _check.Tensor(3) };
        var e = Assert.Throws<GradientException>(() => Jit.Grad((Tensor[] p) => Grow(p, maxTrips: null)).Invoke(inputs));
        Assert.Contains("Loop.While at LoopGradTests.cs:", e.Message);
        Assert.Contains("maxTrips", e.Message);
        Assert.Contains("GradOptions", e.Message);
        output.WriteLine(e.Message);
    }

    [Fact]
    public void Checkpointing_gives_the_same_gradient_with_less_residual_memory()
    {
        const int n = 100;
        var inputs = new[] { _check.Uniform(-0.3, 0.3, 4, 4), _check.Tensor(4), _check.Tensor(4) };
        var plain = Jit.Grad((Tensor[] p) => RnnFori(p, n, 1));
        var checkpointed = Jit.Grad((Tensor[] p) => RnnFori(p, n, 1), new GradOptions { Checkpoint = true });
        var a = plain.Invoke(inputs);
        var b = checkpointed.Invoke(inputs);
        for (int i = 0; i < 3; i++) GradCheck.AssertClose(a[i], b[i], 1e-12, $"input{i}");
        _check.Check("checkpointed fori", p => RnnFori(p, 13, 1), inputs, options: new GradOptions { Checkpoint = true, CheckpointEvery = 4 });

        var plainStats = Assert.Single(plain.Residuals(inputs));
        var ckStats = Assert.Single(checkpointed.Residuals(inputs));
        // Stored per iteration: h (4 f64) — W and u are invariants, never stored, and the counter is the iteration number,
        // recomputed — and the body's tanh (4 f64), which the checkpointed loop recomputes instead. The dot product is
        // saved too but tanh's VJP reads only tanh's result, so that stack is a dead carry and goes.
        long h = 4 * 8;
        Assert.Equal(n * (h + 4 * 8), plainStats.PeakBytes);
        var carriesOnly = Jit.Grad((Tensor[] p) => RnnFori(p, n, 1), new GradOptions { SaveIntermediates = false });
        Assert.Equal(n * h, Assert.Single(carriesOnly.Residuals(inputs)).PeakBytes);
        // A checkpoint is the whole carry entering a segment, the counter (4 bytes) included.
        long carry = 4 + h;
        var c = carriesOnly.Invoke(inputs);
        for (int i = 0; i < 3; i++) GradCheck.AssertClose(a[i], c[i], 1e-12, $"input{i}");
        Assert.Equal(10, ckStats.Segment);
        Assert.Equal(10 * carry + 10 * carry, ckStats.PeakBytes);
        output.WriteLine($"N = {n}: residual bytes {plainStats.PeakBytes} plain, {ckStats.PeakBytes} checkpointed (k = {ckStats.Segment})");
    }

    [Fact]
    public void Vjp_of_a_loop_with_stacked_outputs()
    {
        var vjp = Jit.Vjp((Tensor x, Tensor xs) => Loop.Scan((Tensor h, Tensor r) => ((h + r).Cos(), h * r), x, xs));
        var x = _check.Tensor(3);
        var xs = _check.Tensor(5, 3);
        var ctH = _check.Tensor(3);
        var ctYs = _check.Tensor(5, 3);
        var (value, grad) = vjp.Invoke(x, xs, (ctH, ctYs));
        // The VJP is the gradient of <outputs, cotangent>: checked against finite differences of that scalar.
        _check.Check("vjp", p =>
        {
            var (h, ys) = Loop.Scan((Tensor h, Tensor r) => ((h + r).Cos(), h * r), p[0], xs);
            return (h * ctH).Sum() + (ys * ctYs).Sum();
        }, [x]);
        var expected = Jit.Grad((Tensor p) =>
        {
            var (h, ys) = Loop.Scan((Tensor h, Tensor r) => ((h + r).Cos(), h * r), p, xs);
            return (h * ctH).Sum() + (ys * ctYs).Sum();
        }).Invoke(x);
        GradCheck.AssertClose(expected, grad, 1e-12);
        Assert.Equal(new Shape(5, 3), value.Item2.Shape);
    }

    [Fact]
    public void Value_and_grad_traces_once_per_signature_and_works_inside_a_compiled_step()
    {
        var step = Jit.ValueAndGrad(((Tensor W, Tensor U) p, Tensor h0, int n) =>
            Loop.Fori(0, n, (i, h) => Step(p.W, p.U, h, 0.5), h0).Sum());
        var w = _check.Uniform(-0.5, 0.5, 3, 3);
        var u = _check.Tensor(3);
        var h0 = _check.Tensor(3);
        var (loss, (dw, du)) = step.Invoke((w, u), h0, 5);
        for (int k = 0; k < 2; k++) step.Invoke((w, u), h0, 5);
        Assert.Equal(1, step.CacheCount);
        Assert.Equal(1, step.TraceCount);
        step.Invoke((w, u), h0, 6); // a static argument is part of the signature
        Assert.Equal(2, step.CacheCount);

        var forward = Jit.Compile((Tensor W, Tensor U, Tensor h) => Loop.Fori(0, 5, (i, c) => Step(W, U, c, 0.5), h).Sum());
        Assert.Equal(forward.Invoke(w, u, h0).Item<double>(), loss.Item<double>(), 12);

        // One SGD step compiled whole: the gradient is traced inline into the step's module.
        var sgd = Jit.Compile(((Tensor W, Tensor U) p, Tensor h) =>
        {
            var (_, g) = step.Invoke(p, h, 5);
            return (p.W - 0.1 * g.Item1, p.U - 0.1 * g.Item2);
        });
        var (w2, u2) = sgd.Invoke((w, u), h0);
        GradCheck.AssertClose(w - 0.1 * dw, w2, 1e-12);
        GradCheck.AssertClose(u - 0.1 * du, u2, 1e-12);
    }

    /// <summary>A static outer loop whose body runs a data-dependent while (bounded), optionally inside a Cond.</summary>
    private static Tensor NestedBounded(Tensor[] p, int maxTrips, bool inCond)
    {
        Tensor Inner(Tensor x) => Loop.While(v => v.Sum() < 6, v => v * p[0] + p[1], x, maxTrips: maxTrips);
        return Loop.Fori(0, 3, (i, x) =>
        {
            var grown = inCond ? Loop.Cond(x.Sum() > -100, () => Inner(x), () => x) : Inner(x);
            return grown * 0.5;
        }, p[2]).Square().Sum();
    }

    [Fact]
    public void Bounded_while_nested_in_a_static_loop_and_in_a_cond()
    {
        var inputs = new[] { _check.Uniform(1.2, 1.5, 3), _check.Uniform(0.0, 0.3, 3), _check.Uniform(0.5, 1, 3) };
        _check.Check("bounded while in fori", p => NestedBounded(p, 30, inCond: false), inputs);
        _check.Check("bounded while in cond in fori", p => NestedBounded(p, 30, inCond: true), inputs);
    }

    [Fact]
    public void A_nested_bounded_while_past_its_bound_fails_clearly()
    {
        var inputs = new[] { Tensor.From(new[] { 1.1, 1.1 }, 2), Tensor.From(new[] { 0.0, 0.0 }, 2), Tensor.From(new[] { 1.0, 1.0 }, 2) };
        foreach (bool inCond in new[] { false, true })
        {
            var e = Assert.Throws<GradientException>(() => Jit.Grad((Tensor[] p) => NestedBounded(p, 2, inCond)).Invoke(inputs));
            Assert.Contains("past its bound of 2", e.Message);
            Assert.Contains("LoopGradTests.cs:", e.Message);
        }
        // Within the bound the same function differentiates.
        Jit.Grad((Tensor[] p) => NestedBounded(p, 40, inCond: false)).Invoke(inputs);
    }

    [Fact]
    public void Loop_MaxTrips_before_a_while_bounds_that_loop_only()
    {
        // The statement bounds the next loop at its level (the outer while); the fixed-count inner loop needs no bound.
        static Tensor Grow(Tensor[] p)
        {
            Loop.MaxTrips(40);
            return Loop.While(c => c.Sum() < 20, c => Loop.Fori(0, 2, (i, d) => d * p[1] + 0.05, c), p[0]).Sum();
        }
        var inputs = new[] { _check.Uniform(0.5, 1.0, 3), _check.Uniform(1.1, 1.3, 3) };
        _check.Check("Loop.MaxTrips while", Grow, inputs);
        Assert.Equal(40, Jit.Grad((Tensor[] p) => Grow(p)).Residuals(inputs).Max(s => s.Trips));
        Loop.MaxTrips(3); // outside a trace: nothing to bound, no effect
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.MaxTrips(-1));
    }

    [Fact]
    public void Dynamic_slices_and_updates_with_starts_traced_from_the_loop_counter_match_finite_differences()
    {
        // Row i of x is read (dynamic_slice at a traced start), transformed, and written at row 3 − i of the carry
        // (dynamic_update_slice at a traced start): both windows move with the counter.
        static Tensor F(Tensor[] p) =>
            Loop.Fori(0, 4, (i, acc) =>
            {
                var row = Tensor.DynamicSlice(p[0], [i, Tensor.Scalar(0)], [1, 3]);
                var old = Tensor.DynamicSlice(acc, [3 - i, Tensor.Scalar(0)], [1, 3]);
                return Tensor.DynamicUpdateSlice(acc, (row * p[1]).Tanh() + old * row, [3 - i, Tensor.Scalar(0)]);
            }, p[2]).Square().Sum();
        var inputs = new[] { _check.Tensor(4, 3), _check.Tensor(1, 3), _check.Tensor(4, 3) };
        var rolled = _check.Check("traced dynamic_slice / dynamic_update_slice starts", F, inputs);
        var unrolled = Jit.Grad((Tensor[] p) => Loop.Fori(0, 4, (i, acc) =>
        {
            var row = Tensor.DynamicSlice(p[0], [i, Tensor.Scalar(0)], [1, 3]);
            var old = Tensor.DynamicSlice(acc, [3 - i, Tensor.Scalar(0)], [1, 3]);
            return Tensor.DynamicUpdateSlice(acc, (row * p[1]).Tanh() + old * row, [3 - i, Tensor.Scalar(0)]);
        }, p[2], unroll: 4).Square().Sum()).Invoke(inputs);
        for (int k = 0; k < 3; k++) GradCheck.AssertClose(unrolled[k], rolled[k], 1e-12, $"input{k}");
    }
}
