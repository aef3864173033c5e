namespace LoopGen.Tests.Interpreter;

/// <summary>Loops of one-element carries (run as a register machine) against the same loops in plain C#.</summary>
public sealed class ScalarLoopTests
{
    [Fact]
    public void F32_accumulation_rounds_like_csharp_float()
    {
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 1000, (i, c) => c + 0.1f, x));
        float expected = 0.25f;
        for (int i = 0; i < 1000; i++) expected += 0.1f;
        Assert.Equal(expected, f.Invoke(Tensor.Scalar(0.25f)).Item<float>());
    }

    [Fact]
    public void S32_wraps_and_s64_swaps_carry_in_parallel()
    {
        var wrap = Jit.Compile((Tensor x) => Loop.Fori(0, 40, (i, c) => c * 3 + i, x));
        int w = 7;
        for (int i = 0; i < 40; i++) w = unchecked(w * 3 + i);
        Assert.Equal(w, wrap.Invoke(Tensor.Scalar(7)).Item<int>());

        // (a, b) = (b, a + b): the body returns the carries swapped.
        var fib = Jit.Compile(((Tensor A, Tensor B) s) => Loop.Fori(0, 90, (i, c) => (c.B, c.A + c.B), s));
        long a = 0, b = 1;
        for (int i = 0; i < 90; i++) (a, b) = (b, a + b);
        var (ra, rb) = fib.Invoke((Tensor.Scalar(0L), Tensor.Scalar(1L)));
        Assert.Equal(a, ra.Item<long>());
        Assert.Equal(b, rb.Item<long>());
    }

    [Fact]
    public void Division_select_compare_and_conversion_match_the_general_kernels()
    {
        // Integer division by zero is -1 and x % 0 is x (XLA), in the machine as in the kernels.
        var div = Jit.Compile((Tensor x) => Loop.Fori(0, 3, (i, c) => c / (i - 1) + c % (i - 1), x));
        var eager = Tensor.Scalar(100);
        for (int i = 0; i < 3; i++) eager = eager / Tensor.Scalar(i - 1) + eager % Tensor.Scalar(i - 1);
        Assert.Equal(eager.Item<int>(), div.Invoke(Tensor.Scalar(100)).Item<int>());

        // A float carry driven by an int counter: convert, compare, select, max.
        var mixed = Jit.Compile((Tensor x) => Loop.Fori(0, 50, (i, c) =>
            Tensor.Where(i.ConvertTo(DType.F32) > c * 0.5f, Tensor.Maximum(c, i.ConvertTo(DType.F32)), c - 1.5f), x));
        float m = 3f;
        for (int i = 0; i < 50; i++) m = i > m * 0.5f ? MathF.Max(m, i) : m - 1.5f;
        Assert.Equal(m, mixed.Invoke(Tensor.Scalar(3f)).Item<float>());
    }

    [Fact]
    public void A_while_with_a_traced_bound_and_an_f64_carry()
    {
        var f = Jit.Compile((Tensor x, Tensor n) => Loop.While(c => c.Item1 < n, c => (c.Item1 + 1, c.Item2 * 1.5 - 0.25), (Tensor.Scalar(0), x)));
        double v = 1.0;
        for (int i = 0; i < 37; i++) v = v * 1.5 - 0.25;
        var (count, value) = f.Invoke(Tensor.Scalar(1.0), Tensor.Scalar(37));
        Assert.Equal(37, count.Item<int>());
        Assert.Equal(v, value.Item<double>());
    }
}
