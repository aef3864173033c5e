namespace LoopGen.Samples;

/// <summary>The samples with their inputs.</summary>
internal static class SeedSamples
{
    public static IEnumerable<Sample> All()
    {
        yield return new Sample("cumulative-for", "seeds/000: [0] plus one, ten times, as a plain for loop → [10]",
            () => Seeds.CumulativeForEager(Tensor.From(new[] { 0 }, 1), 10),
            () => Seeds.CumulativeForCompiled(Tensor.From(new[] { 0 }, 1), 10),
            () => Seeds.CumulativeForLower(Tensor.From(new[] { 0 }, 1), 10));

        yield return new Sample("countdown-while", "seeds/001: while (iteri > 0), iteri from 10, init 3 plus one per step → 13",
            () => Seeds.CountdownEager(Tensor.Scalar(10), Tensor.Scalar(3)),
            () => Seeds.CountdownCompiled(Tensor.Scalar(10), Tensor.Scalar(3)),
            () => Seeds.CountdownLower(Tensor.Scalar(10), Tensor.Scalar(3)));

        yield return new Sample("fori-2-52", "seeds/000: for (i = 2; i < 52; i++) with init 1 → 51",
            () => Seeds.Fori2To52Eager(Tensor.Scalar(1)),
            () => Seeds.Fori2To52Compiled(Tensor.Scalar(1)),
            () => Seeds.Fori2To52Lower(Tensor.Scalar(1)));

        var random = new Random(2026);
        Tensor Rand(params int[] shape) => Tensor.From(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), shape);
        var xs = Rand(12, 3);
        var w = Rand(3, 4);
        var u = Rand(4, 4);
        yield return new Sample("rnn-foreach", "an RNN cell, foreach over 12 time steps, hidden states collected → f32[12,4]",
            () => Seeds.RnnEager(xs, w, u), () => Seeds.RnnCompiled(xs, w, u), () => Seeds.RnnLower(xs, w, u));

        var a = Tensor.From(new[] { 2.0, 9.0, 30.25, 1e6 }, 4);
        yield return new Sample("newton-sqrt", "Newton's iteration for sqrt until convergence (dynamic trip count, while semantics)",
            () => Seeds.NewtonSqrtEager(a), () => Seeds.NewtonSqrtCompiled(a), () => Seeds.NewtonSqrtLower(a));

        var image = Rand(2, 22);
        var starts = Tensor.From(new[] { 0, 5, 15, 18 }, 4);
        yield return new Sample("crop-concat", "seeds/002: crops of width 4 at run-time offsets, collected and concatenated → f32[2,16]",
            () => Seeds.CropConcatEager(image, starts, 4), () => Seeds.CropConcatCompiled(image, starts, 4), () => Seeds.CropConcatLower(image, starts, 4));
    }
}
