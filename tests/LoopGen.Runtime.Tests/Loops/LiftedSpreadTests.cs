namespace LoopGen.Tests.Loops;

/// <summary>
/// The spread entries (Lifted.ForiTuple&lt;T1, T2&gt;, …, WhileTuple&lt;T1, …, T4&gt;: the carries as the lambda's
/// parameters) against plain C# loops, eagerly and traced, and the carry name a shape error reports.
/// </summary>
public sealed class LiftedSpreadTests
{
    [Fact]
    public void ForiTuple_of_two_with_static_and_traced_bounds_steps_fibonacci()
    {
        long a = 0, b = 1;
        for (int k = 3; k < 13; k++) (a, b) = (b, a + b);
        var (ta, tb) = Lifted.ForiTuple<Tensor, Tensor>(3, 13, (i, x, y) => (y, x + y), (Tensor.Scalar(0L), Tensor.Scalar(1L)), ["a", "b"]);
        Assert.Equal((a, b), (ta.Item<long>(), tb.Item<long>()));
        var traced = Jit.Compile((Tensor lo, Tensor hi) =>
            Lifted.ForiTuple<Tensor, Tensor>(lo, hi, (i, x, y) => (y, x + y), (Tensor.Scalar(0L), Tensor.Scalar(1L)), ["a", "b"]).Item2);
        Assert.Equal(b, traced.Invoke(Tensor.Scalar(3), Tensor.Scalar(13)).Item<long>());
    }

    [Fact]
    public void ForiTuple_of_three_and_four_hand_each_carry_its_own_slot()
    {
        // Each carry takes a different update, so a swapped slot changes the result.
        long s = 0, p = 1, q = 0, m = 0;
        for (int k = 0; k < 6; k++) (s, p, q, m) = (s + k, p * 2, q + s, Math.Max(m, k * 3));
        var (s3, p3, q3) = Lifted.ForiTuple<Tensor, Tensor, Tensor>(0, 6, (i, a, b, c) => (a + i.Cast(DType.S64), b * 2L, c + a),
            (Tensor.Scalar(0L), Tensor.Scalar(1L), Tensor.Scalar(0L)), ["s", "p", "q"]);
        Assert.Equal((s, p, q), (s3.Item<long>(), p3.Item<long>(), q3.Item<long>()));
        var traced = Jit.Compile((Tensor n) =>
        {
            var (a, b, c, d) = Lifted.ForiTuple<Tensor, Tensor, Tensor, Tensor>(Tensor.Scalar(0), n,
                (i, a, b, c, d) => (a + i.Cast(DType.S64), b * 2L, c + a, Tensor.Maximum(d, i.Cast(DType.S64) * 3L)),
                (Tensor.Scalar(0L), Tensor.Scalar(1L), Tensor.Scalar(0L), Tensor.Scalar(0L)), ["s", "p", "q", "m"]);
            return Tensor.Stack([a, b, c, d]);
        });
        Assert.Equal(new[] { s, p, q, m }, traced.Invoke(Tensor.Scalar(6)).ToArray<long>());
    }

    [Fact]
    public void WhileTuple_spread_runs_until_the_condition_fails()
    {
        float x = 1f;
        int steps = 0, odd = 0;
        float total = 0f;
        while (x < 100f) (x, steps, odd, total) = (x * 3f, steps + 1, 1 - odd, total + x);
        var (x2, s2) = Lifted.WhileTuple<Tensor, Tensor>((v, n) => v < 100f, (v, n) => (v * 3f, n + 1), (Tensor.Scalar(1f), Tensor.Scalar(0)), ["x", "steps"]);
        Assert.Equal((x, steps), (x2.Item<float>(), s2.Item<int>()));
        var three = Jit.Compile((Tensor v) => Lifted.WhileTuple<Tensor, Tensor, Tensor>((a, n, o) => a < 100f, (a, n, o) => (a * 3f, n + 1, 1 - o),
            (v, Tensor.Scalar(0), Tensor.Scalar(0)), ["x", "steps", "odd"]).Item3);
        Assert.Equal(odd, three.Invoke(Tensor.Scalar(1f)).Item<int>());
        var (_, _, _, t4) = Lifted.WhileTuple<Tensor, Tensor, Tensor, Tensor>((a, n, o, t) => a < 100f, (a, n, o, t) => (a * 3f, n + 1, 1 - o, t + a),
            (Tensor.Scalar(1f), Tensor.Scalar(0), Tensor.Scalar(0), Tensor.Scalar(0f)), ["x", "steps", "odd", "total"]);
        Assert.Equal(total, t4.Item<float>());
    }

    [Fact]
    public void A_carry_error_in_a_spread_loop_names_the_carry()
    {
        var e = Assert.Throws<LoopCarryException>(() =>
            Lifted.ForiTuple<Tensor, Tensor>(0, 2, (i, a, b) => (a, Tensor.Concat([b, b])), (Tensor.Zeros(DType.F32, 2), Tensor.Zeros(DType.F32, 2)), ["a", "acc"]));
        Assert.Equal("acc", e.CarryName);
    }
}
