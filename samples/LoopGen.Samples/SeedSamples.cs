namespace LoopGen.Samples;

/// <summary>The seed documents' examples (PyTorch/XLA loop docs, JAX's fori_loop) and two classic loops, in C#.</summary>
internal static class SeedSamples
{
    private static readonly CompiledFunction<Tensor, int, Tensor> s_cumulative =
        Jit.Compile((Tensor init, int n) => Loop.Fori(0, n, (i, x) => x + 1, init), "cumulative_add");

    private static readonly CompiledFunction<Tensor, Tensor, Tensor> s_countdown =
        Jit.Compile((Tensor iteri, Tensor init) => Loop.While(c => c.Item1 > 0, c => (c.Item1 - 1, c.Item2 + 1), (iteri, init)).Item2, "countdown");

    private static readonly CompiledFunction<Tensor, Tensor> s_fori = Jit.Compile((Tensor init) => Loop.Fori(2, 52, (i, x) => x + 1, init), "fori_2_52");

    private static readonly CompiledFunction<Tensor, Tensor> s_newton = Jit.Compile((Tensor a) => Loop.While(
        c => c.Item2 > 1e-12,
        c =>
        {
            var next = (c.Item1 + a / c.Item1) * 0.5;
            return (next, (next - c.Item1).Abs().Max());
        },
        (a * 0 + 10.0, Tensor.Scalar(1.0))).Item1, "newton_sqrt");

    public static IEnumerable<Sample> All()
    {
        yield return new Sample("cumulative-for", "seeds/000: [0] plus one, ten times, as a rolled fori loop → [10]",
            () =>
            {
                Tensor x = Tensor.From(new[] { 0 }, 1);
                for (int i = 0; i < 10; i++) x = x + 1;
                return x;
            },
            () => s_cumulative.Invoke(Tensor.From(new[] { 0 }, 1), 10));

        yield return new Sample("countdown-while", "seeds/001: while iteri > 0, iteri from 10, init 3 plus one per step → 13",
            () =>
            {
                Tensor iteri = Tensor.Scalar(10), init = Tensor.Scalar(3);
                while (iteri > 0)
                {
                    iteri = iteri - 1;
                    init = init + 1;
                }
                return init;
            },
            () => s_countdown.Invoke(Tensor.Scalar(10), Tensor.Scalar(3)));

        yield return new Sample("fori-2-52", "seeds/000: fori_loop from 2 to 52 with init 1 → 51",
            () =>
            {
                Tensor x = Tensor.Scalar(1);
                for (int i = 2; i < 52; i++) x = x + 1;
                return x;
            },
            () => s_fori.Invoke(Tensor.Scalar(1)));

        var a = Tensor.From(new[] { 2.0, 9.0, 30.25, 1e6 }, 4);
        yield return new Sample("newton-sqrt", "Newton's iteration for sqrt until convergence (dynamic trip count, while semantics)",
            () =>
            {
                Tensor x = a * 0 + 10.0, step = Tensor.Scalar(1.0);
                while (step > 1e-12)
                {
                    var next = (x + a / x) * 0.5;
                    step = (next - x).Abs().Max();
                    x = next;
                }
                return x;
            },
            () => s_newton.Invoke(a));
    }
}
