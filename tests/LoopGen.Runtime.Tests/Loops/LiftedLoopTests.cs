namespace LoopGen.Tests.Loops;

/// <summary>
/// The entries generated twins call (Lifted.ForiOne, WhileTuple, …) against plain C# loops, eagerly and traced, and
/// the caller's location they forward to the loop's messages.
/// </summary>
public sealed class LiftedLoopTests
{
    private static readonly float[] Start = [1f, -2f, 0.5f];

    [Fact]
    public void ForiOne_with_static_and_traced_bounds_adds_each_index()
    {
        var expected = Start.Select(v => v + (2 + 3 + 4 + 5)).ToArray();
        var x = Tensor.From(Start, 3);
        Assert.Equal(expected, Lifted.ForiOne(2, 6, (i, c) => c + i.Cast(DType.F32), x, ["x"]).ToArray<float>());
        var traced = Jit.Compile((Tensor v, Tensor lo, Tensor hi) => Lifted.ForiOne(lo, hi, (i, c) => c + i.Cast(DType.F32), v, ["x"]));
        Assert.Equal(expected, traced.Invoke(x, Tensor.Scalar(2), Tensor.Scalar(6)).ToArray<float>());
    }

    [Fact]
    public void ForiTuple_and_ForiArray_step_fibonacci()
    {
        long a = 0, b = 1;
        for (int k = 0; k < 10; k++) (a, b) = (b, a + b);
        var (ta, tb) = Lifted.ForiTuple<(Tensor, Tensor)>(0, 10, (i, c) => (c.Item2, c.Item1 + c.Item2), (Tensor.Scalar(0L), Tensor.Scalar(1L)), ["a", "b"]);
        Assert.Equal((a, b), (ta.Item<long>(), tb.Item<long>()));
        var traced = Jit.Compile((Tensor n) => Lifted.ForiArray(Tensor.Scalar(0), n, (i, c) => [c[1], c[0] + c[1]], [Tensor.Scalar(0L), Tensor.Scalar(1L)], null)[0]);
        Assert.Equal(a, traced.Invoke(Tensor.Scalar(10)).Item<long>());
    }

    [Fact]
    public void While_entries_run_until_the_condition_fails()
    {
        float x = 1f;
        int steps = 0;
        while (x < 100f) (x, steps) = (x * 3f, steps + 1);
        var one = Jit.Compile((Tensor v) => Lifted.WhileOne(c => c < 100f, c => c * 3f, v, ["x"]));
        Assert.Equal(x, one.Invoke(Tensor.Scalar(1f)).Item<float>());
        var (tx, ts) = Lifted.WhileTuple<(Tensor, Tensor)>(c => c.Item1 < 100f, c => (c.Item1 * 3f, c.Item2 + 1), (Tensor.Scalar(1f), Tensor.Scalar(0)), ["x", "steps"]);
        Assert.Equal((x, steps), (tx.Item<float>(), ts.Item<int>()));
        var array = Lifted.WhileArray(c => c[0] < 100f, c => [c[0] * 3f, c[1] + 1], [Tensor.Scalar(1f), Tensor.Scalar(0)], null);
        Assert.Equal(steps, array[1].Item<int>());
    }

    [Fact]
    public void Scan_collects_one_row_per_iteration()
    {
        var rows = new List<float>();
        float c = 0f;
        for (int k = 0; k < 4; k++)
        {
            c += k;
            rows.Add(c * 2f);
        }
        var f = Jit.Compile((Tensor init) => Lifted.Scan<Tensor, Tensor>((carry, i) =>
        {
            var next = carry + i.Cast(DType.F32);
            return (next, next * 2f);
        }, init, 4, ["c"]).Ys);
        Assert.Equal(rows, f.Invoke(Tensor.Scalar(0f)).ToArray<float>());
    }

    [Fact]
    public void Cond_takes_the_branch_of_the_predicate()
    {
        var f = Jit.Compile((Tensor v) => Lifted.Cond<Tensor, Tensor>(v.Sum() > 0f, v, s => s * 2f, s => s - 1f));
        var negated = Start.Select(v => -v).ToArray();
        Assert.True(Start.Sum() < 0f && negated.Sum() > 0f);
        Assert.Equal(Start.Select(v => v - 1f), f.Invoke(Tensor.From(Start, 3)).ToArray<float>());
        Assert.Equal(negated.Select(v => v * 2f), f.Invoke(Tensor.From(negated, 3)).ToArray<float>());
    }

    [Fact]
    public void When_runs_its_branch_or_hands_the_state_back()
    {
        var f = Jit.Compile((Tensor v, Tensor flag) => Lifted.When<(Tensor, Tensor)>(!flag, (v, flag), s => (s.Item1 * 3f, s.Item2)).Item1);
        var x = Tensor.From(Start, 3);
        Assert.Equal(Start.Select(v => v * 3f), f.Invoke(x, Tensor.Scalar(false)).ToArray<float>());
        Assert.Equal(Start, f.Invoke(x, Tensor.Scalar(true)).ToArray<float>());
    }

    [Fact]
    public void ForConcat_entries_join_the_pieces_of_every_iteration()
    {
        var expected = Enumerable.Range(0, 3).SelectMany(k => Start.Select(v => v + k)).ToArray();
        var x = Tensor.From(Start, 3);
        Assert.Equal(expected, Lifted.ForConcat(0, 3, i => [x + i.Cast(DType.F32)], [0])[0].ToArray<float>());
        var (count, outputs) = Lifted.ForConcatCarried<Tensor>(0, 3, (i, n) => (n + 1, [x + i.Cast(DType.F32)]), Tensor.Scalar(0), [0], ["count"]);
        Assert.Equal(3, count.Item<int>());
        Assert.Equal(expected, outputs[0].ToArray<float>());
    }

    [Fact]
    public void A_carry_error_names_the_callers_line_and_the_given_name()
    {
        int line = 0;
        var e = Assert.Throws<LoopCarryException>(() =>
        {
            line = Line(); Lifted.ForiOne(0, 2, (i, c) => Tensor.Concat([c, c]), Tensor.Zeros(DType.F32, 2), ["acc"]);
        });
        Assert.Equal("acc", e.CarryName);
        Assert.Equal(line, e.Line);
        Assert.Contains("Loop.Fori at LiftedLoopTests.cs:" + line, e.Message);
    }

    private static int Line([System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => line;
}
