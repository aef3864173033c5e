namespace LoopGen.Tests.Bounded;

/// <summary>Loop.ForConcat's forms: several outputs, other axes, 3-d pieces, carries, zero trips, traced trip counts.</summary>
public sealed class ForConcatTests
{
    private static float[] Seq(int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = i * 0.25f - 3f;
        return a;
    }

    private static void Same(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.Shape.ToArray().SequenceEqual(actual.Shape.ToArray()), $"{what}: shape {actual.Shape}, expected {expected.Shape}");
        Assert.True(expected.ToArray<float>().SequenceEqual(actual.ToArray<float>()), $"{what}: values differ");
    }

    // Window k of x along axis 1 is [k, k + k % 3): widths 0, 1, 2, 0, 1, 2, …
    private static Tensor Window(Tensor x, Tensor k) => Tensor.SliceDynamic(x, 1, k, k + k % 3, maxLength: 2);

    [Fact]
    public void Several_outputs_on_axes_zero_one_and_minus_one_of_three_d_pieces()
    {
        var x = Tensor.From(Seq(2 * 9 * 3), 2, 9, 3);
        Tensor[] Run(Tensor t) => Loop.ForConcat(0, 6, k =>
        {
            var piece = Window(t, k);              // [2, ≤2, 3]
            var doubled = piece * 2f + 1f;         // elementwise ops keep the length
            var swapped = piece.Transpose(1, 0, 2); // [≤2, 2, 3]: concatenated on axis 0
            var fixedPiece = t[.., 0..1, ..] + k.Cast(DType.F32); // static [2, 1, 3] on axis -1
            return [doubled, swapped, fixedPiece];
        }, [1, 0, -1], ["doubled", "swapped", "fixed"]);

        var eager = Run(x);
        var compiled = Jit.Compile((Tensor a) => Run(a)).Invoke(x);
        Assert.Equal(new[] { 2, 6, 3 }, eager[0].Shape.ToArray()); // widths 0+1+2+0+1+2
        Assert.Equal(new[] { 6, 2, 3 }, eager[1].Shape.ToArray());
        Assert.Equal(new[] { 2, 1, 18 }, eager[2].Shape.ToArray());
        for (int i = 0; i < 3; i++) Same(eager[i], compiled[i], $"output {i}");
    }

    [Fact]
    public void Carries_come_back_with_the_outputs()
    {
        var x = Tensor.From(Seq(2 * 12), 2, 12);
        (Tensor Carry, Tensor[] Outputs) Run(Tensor t) => Loop.ForConcat(0, 10, (k, c) =>
        {
            var piece = Window(t, k);
            return (c + Tensor.SizeOf(piece, 1), [piece]);
        }, Tensor.Scalar(0), [1], ["width", "pieces"]);

        var eager = Run(x);
        var compiled = Jit.Compile((Tensor a) => Run(a)).Invoke(x);
        int total = Enumerable.Range(0, 10).Sum(k => k % 3);
        Assert.Equal(total, eager.Carry.Item<int>());
        Assert.Equal(total, compiled.Carry.Item<int>());
        Same(eager.Outputs[0], compiled.Outputs[0], "pieces");
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    public void Zero_trips_give_outputs_empty_along_their_axis_eagerly_and_compiled(int lower, int upper)
    {
        var x = Tensor.From(Seq(2 * 9 * 3), 2, 9, 3);
        Tensor[] Run(Tensor t) => Loop.ForConcat(lower, upper, k => [Window(t, k), t[.., 0..1, ..]], [1, 2]);
        var eager = Run(x);
        var compiled = Jit.Compile((Tensor a) => Run(a)).Invoke(x);
        foreach (var r in new[] { eager, compiled })
        {
            Assert.Equal(new[] { 2, 0, 3 }, r[0].Shape.ToArray());
            Assert.Equal(new[] { 2, 1, 0 }, r[1].Shape.ToArray());
        }
    }

    [Fact]
    public void A_traced_trip_count_with_max_trips_runs_at_most_that_many_iterations()
    {
        var x = Tensor.From(Seq(2 * 12), 2, 12);
        Tensor Run(Tensor t, Tensor n) => Loop.ForConcat(Tensor.Scalar(0), n, k => [Window(t, k)], [1], maxTrips: 10)[0];
        var f = Jit.Compile((Tensor a, Tensor n) => Run(a, n));
        foreach (int n in new[] { 0, 1, 4, 10 })
        {
            Same(Run(x, Tensor.Scalar(n)), f.Invoke(x, Tensor.Scalar(n)), $"n = {n}");
        }
        Assert.Equal(1, f.Lower(x, Tensor.Scalar(3)).WhileCount);
    }

    [Fact]
    public void A_traced_trip_count_without_a_bound_is_a_clear_error()
    {
        var x = Tensor.From(Seq(2 * 12), 2, 12);
        var f = Jit.Compile((Tensor a, Tensor n) => Loop.ForConcat(Tensor.Scalar(0), n, k => [Window(a, k)], [1])[0]);
        var e = Assert.Throws<InvalidOperationException>(() => f.Invoke(x, Tensor.Scalar(3)));
        Assert.Contains("Loop.ForConcat at ForConcatTests.cs:", e.Message);
        Assert.Contains("maxTrips", e.Message);
    }

    [Fact]
    public void Bounded_tensors_concatenate_and_come_back_with_the_eager_shape()
    {
        var x = Tensor.From(Seq(3 * 10), 3, 10);
        Tensor Run(Tensor t, Tensor a, Tensor b)
        {
            var left = Tensor.SliceDynamic(t, 1, a, b);
            var right = Tensor.SliceDynamic(t, 1, b, b + 2) * -1f;
            return Tensor.Concat([left, t[.., 0..1], right], 1).Exp();
        }
        var f = Jit.Compile((Tensor t, Tensor a, Tensor b) => Run(t, a, b));
        foreach (var (a, b) in new[] { (0, 0), (2, 5), (1, 8), (0, 10) })
        {
            if (b + 2 > 10) continue;
            Same(Run(x, Tensor.Scalar(a), Tensor.Scalar(b)), f.Invoke(x, Tensor.Scalar(a), Tensor.Scalar(b)), $"[{a}, {b})");
        }
    }

    [Fact]
    public void A_window_returned_from_a_compiled_function_has_the_eager_shape()
    {
        var x = Tensor.From(Seq(2 * 10), 2, 10);
        var f = Jit.Compile((Tensor t, Tensor a, Tensor b) => (Tensor.SliceDynamic(t, 1, a, b), Tensor.SizeOf(Tensor.SliceDynamic(t, 1, a, b), 1)));
        var (window, size) = f.Invoke(x, Tensor.Scalar(3), Tensor.Scalar(7));
        Same(x[.., 3..7], window, "window");
        Assert.Equal(4, size.Item<int>());
    }

    [Fact]
    public void Reductions_over_other_axes_keep_the_length()
    {
        var x = Tensor.From(Seq(4 * 10), 4, 10);
        Tensor[] Run(Tensor t) => Loop.ForConcat(0, 8, k => [Window(t, k).Sum(0)], [0]); // [4, ≤2] summed over axis 0: [≤2]
        Same(Run(x)[0], Jit.Compile((Tensor a) => Run(a)).Invoke(x)[0], "sums");
    }

    [Fact]
    public void A_carry_grown_by_concatenation_in_an_unrolled_trace_equals_eager()
    {
        // The quadratic form the bench compares against: correct, only slow.
        var x = Tensor.From(Seq(2 * 12), 2, 12);
        var ks = Tensor.From(Enumerable.Range(0, 8).ToArray());
        Tensor Run(Tensor t, Tensor positions)
        {
            Tensor result = t[.., 0..1];
            for (int k = 0; k < 8; k++) result = Tensor.Concat([result, Window(t, positions[k])], 1);
            return result;
        }
        var f = Jit.Compile((Tensor a, Tensor p) => Run(a, p));
        Same(Run(x, ks), f.Invoke(x, ks), "grown");
        Assert.Equal(0, f.Lower(x, ks).WhileCount);
    }
}
