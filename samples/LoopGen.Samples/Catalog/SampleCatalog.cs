using LoopGen.Samples.Kernels;

namespace LoopGen.Samples.Catalog;

/// <summary>The samples, their inputs, and how to find one by name.</summary>
internal static class SampleCatalog
{
    /// <summary>The name of the explained-but-not-compiled quadratic crop-and-concatenate (see <see cref="QuadraticSample"/>).</summary>
    public const string Quadratic = "quadratic";

    /// <summary>Every runnable sample, in the order <c>list</c> and <c>run all</c> show them.</summary>
    public static IReadOnlyList<Sample> All { get; } = Build();

    /// <summary>The sample called <paramref name="name"/>, or null.</summary>
    public static Sample? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name a verb accepts: the samples and <see cref="Quadratic"/>.</summary>
    public static IEnumerable<string> Names => All.Select(s => s.Name).Append(Quadratic);

    private static List<Sample> Build()
    {
        // Inputs are made inside each closure from fixed seeds, so every call with the same n sees the same data.
        static Tensor Zero() => Tensor.From(new[] { 0 }, 1);
        static string Counted(int n) => $"[{n}]";
        return
        [
            new Sample("cumulative-for", "PyTorch/XLA's loop guide: [0] plus one, n times, as a plain for loop", 10, "iterations",
                n => Seeds.CumulativeForEager(Zero(), n),
                n => Seeds.CumulativeForCompiled(Zero(), n),
                n => Seeds.CumulativeForLower(Zero(), n),
                new CompiledEntry(n => Seeds.CumulativeForUnrolledCompiled(Zero(), n), n => Seeds.CumulativeForUnrolledLower(Zero(), n)),
                Counted),

            new Sample("cumulative-while", "the same loop as while (i < n) { …; i++; }", 10, "iterations",
                n => Seeds.CumulativeWhileEager(Zero(), n),
                n => Seeds.CumulativeWhileCompiled(Zero(), n),
                n => Seeds.CumulativeWhileLower(Zero(), n),
                new CompiledEntry(n => Seeds.CumulativeWhileUnrolledCompiled(Zero(), n), n => Seeds.CumulativeWhileUnrolledLower(Zero(), n)),
                Counted),

            new Sample("cumulative-fori", "the same loop written by hand with Loop.Fori, as JAX's fori_loop", 10, "iterations",
                n => Seeds.CumulativeForiEager(Zero(), n),
                n => Seeds.CumulativeForiCompiled(Zero(), n),
                n => Seeds.CumulativeForiLower(Zero(), n),
                Expected: Counted),

            new Sample("countdown-while", "PyTorch/XLA's while_loop: while (iteri > 0), iteri from 10, init 3 plus one per step → 13", 10, null,
                n => Seeds.CountdownEager(Tensor.Scalar(n), Tensor.Scalar(3)),
                n => Seeds.CountdownCompiled(Tensor.Scalar(n), Tensor.Scalar(3)),
                n => Seeds.CountdownLower(Tensor.Scalar(n), Tensor.Scalar(3))),

            new Sample("fori-2-52", "PyTorch/XLA's fori_loop: for (i = 2; i < 52; i++) with init 1 → 51", 50, null,
                _ => Seeds.Fori2To52Eager(Tensor.Scalar(1)),
                _ => Seeds.Fori2To52Compiled(Tensor.Scalar(1)),
                _ => Seeds.Fori2To52Lower(Tensor.Scalar(1)),
                new CompiledEntry(_ => Seeds.Fori2To52UnrolledCompiled(Tensor.Scalar(1)), _ => Seeds.Fori2To52UnrolledLower(Tensor.Scalar(1)))),

            new Sample("rnn-foreach", "an RNN cell, foreach over n time steps, hidden states collected (a scan)", 12, "time steps",
                n => Seeds.RnnEager(RnnInputs(n).Xs, RnnInputs(n).W, RnnInputs(n).U),
                n => Seeds.RnnCompiled(RnnInputs(n).Xs, RnnInputs(n).W, RnnInputs(n).U),
                n => Seeds.RnnLower(RnnInputs(n).Xs, RnnInputs(n).W, RnnInputs(n).U),
                new CompiledEntry(n => Seeds.RnnUnrolledCompiled(RnnInputs(n).Xs, RnnInputs(n).W, RnnInputs(n).U),
                    n => Seeds.RnnUnrolledLower(RnnInputs(n).Xs, RnnInputs(n).W, RnnInputs(n).U)),
                n => $"f32[{n},4]"),

            new Sample("newton-sqrt", "Newton's iteration for sqrt until convergence (dynamic trip count, while semantics)", 4, null,
                _ => Seeds.NewtonSqrtEager(NewtonInput()),
                _ => Seeds.NewtonSqrtCompiled(NewtonInput()),
                _ => Seeds.NewtonSqrtLower(NewtonInput())),

            new Sample("crop-concat", "onnx-diagnostic's loop as written: n column windows between split points, each cropped to at most 4 columns (widths from the data), joined in one rolled loop", 4, "windows",
                n => Seeds.CropConcatEager(SplitInputs(n).Image, SplitInputs(n).Splits, 4),
                n => Seeds.CropConcatCompiled(SplitInputs(n).Image, SplitInputs(n).Splits, 4),
                n => Seeds.CropConcatLower(SplitInputs(n).Image, SplitInputs(n).Splits, 4),
                new CompiledEntry(n => Seeds.CropConcatUnrolledCompiled(SplitInputs(n).Image, SplitInputs(n).Splits, 4),
                    n => Seeds.CropConcatUnrolledLower(SplitInputs(n).Image, SplitInputs(n).Splits, 4)),
                n => $"f32[2,{CroppedWidth(n, 4)}]"),

            new Sample("crop-concat-fixed", "the same loop with crops of one width: n crops of width 4 at run-time offsets, collected then concatenated", 4, "crops",
                n => Seeds.CropConcatFixedEager(CropInputs(n).Image, CropInputs(n).Starts, 4),
                n => Seeds.CropConcatFixedCompiled(CropInputs(n).Image, CropInputs(n).Starts, 4),
                n => Seeds.CropConcatFixedLower(CropInputs(n).Image, CropInputs(n).Starts, 4),
                new CompiledEntry(n => Seeds.CropConcatFixedUnrolledCompiled(CropInputs(n).Image, CropInputs(n).Starts, 4),
                    n => Seeds.CropConcatFixedUnrolledLower(CropInputs(n).Image, CropInputs(n).Starts, 4)),
                n => $"f32[2,{4 * n}]"),
        ];
    }

    private static (Tensor Xs, Tensor W, Tensor U) RnnInputs(int steps)
    {
        var random = new Random(2026);
        return (Uniform(random, steps, 3), Uniform(random, 3, 4), Uniform(random, 4, 4));
    }

    private static Tensor NewtonInput() => Tensor.From(new[] { 2.0, 9.0, 30.25, 1e6 }, 4);

    /// <summary>
    /// <paramref name="windows"/> + 1 split points over an f32[2, width] image: the first five are onnx-diagnostic's
    /// example's (0, 5, 15, 20, 22 over 22 columns: crops of 4, 4, 4 and 2 columns, a [2, 14] result), then windows of 6
    /// and 2 columns in turn (the image widened to the last point).
    /// </summary>
    public static (Tensor Image, Tensor Splits) SplitInputs(int windows)
    {
        var points = SplitPoints(windows);
        var image = Uniform(new Random(2026), 2, Math.Max(22, points[^1]));
        return (image, Tensor.From(points, points.Length));
    }

    private static int[] SplitPoints(int windows)
    {
        int[] seeds002 = [0, 5, 15, 20, 22];
        var points = new int[Math.Max(0, windows) + 1];
        for (int k = 0; k < points.Length; k++) points[k] = k < seeds002.Length ? seeds002[k] : points[k - 1] + (k % 2 == 0 ? 6 : 2);
        return points;
    }

    /// <summary>The result's width for <paramref name="windows"/> windows cropped to <paramref name="crop"/>: the sum of min(width, crop).</summary>
    private static int CroppedWidth(int windows, int crop)
    {
        var points = SplitPoints(windows);
        int width = 0;
        for (int k = 0; k + 1 < points.Length; k++) width += Math.Min(points[k + 1] - points[k], crop);
        return width;
    }

    /// <summary>An f32[2, 22] image and <paramref name="crops"/> offsets; the first four are onnx-diagnostic's example's.</summary>
    public static (Tensor Image, Tensor Starts) CropInputs(int crops)
    {
        var image = Uniform(new Random(2026), 2, 22);
        int[] seeds002 = [0, 5, 15, 18];
        var starts = Enumerable.Range(0, crops).Select(k => k < seeds002.Length ? seeds002[k] : (k * 7) % 19).ToArray();
        return (image, Tensor.From(starts, crops));
    }

    private static Tensor Uniform(Random random, params int[] shape) =>
        Tensor.From(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray(), shape);
}
