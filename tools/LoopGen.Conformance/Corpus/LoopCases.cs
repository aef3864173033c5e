namespace LoopGen.Conformance.Corpus;

/// <summary>
/// Every loop form LoopGen lowers (one while lowering serves them all): fori with scan semantics, fori with traced
/// bounds, while, scan with stacked outputs (forward and reverse), cond, nesting, invariants, and the loops of the samples (PyTorch/XLA's loop guide, onnx-diagnostic's crop example).
/// </summary>
internal static class LoopCases
{
    public static void AddTo(CaseBuilder b)
    {
        int n = b.Int(20, 60);
        b.Add("loop/fori-static", x => Loop.Fori(0, n, (i, c) => c * 0.95f + i.Cast(DType.F32) * 0.01f, x), b.F32(10));
        b.Add("loop/fori-unroll-3", x => Loop.Fori(0, 10, (i, c) => c + c.Sin() * 0.1f, x, unroll: 3), b.F32(6));
        b.Add("loop/fori-traced-bounds", (lo, hi, x) => Loop.Fori(lo, hi, (i, c) => c + i.Cast(DType.F32), x), Tensor.Scalar(b.Int(0, 5)), Tensor.Scalar(b.Int(5, 40)), b.F32(3));
        b.Add("loop/while-data-dependent", x => Loop.While(c => c.Sum() < 1000f, c => c * 1.5f + 1f, x.Abs()), b.F32(8));
        b.Add("loop/while-tuple-carry", (x, limit) => Loop.While(
                s => s.Item1 < limit,
                s => (s.Item1 + 1, s.Item2 + s.Item2.Cos()),
                (Tensor.Scalar(0), x)),
            b.F32(4), Tensor.Scalar(b.Int(1, 30)));
        b.Add("loop/scan-stacked", xs => Loop.Scan((Tensor c, Tensor row) => (c + row, (c * row).Sum()), Tensor.Zeros(DType.F32, 4), xs), b.F32(12, 4));
        b.Add("loop/scan-reverse", xs => Loop.Scan((Tensor c, Tensor row) => (c * 0.5f + row, c), Tensor.Zeros(DType.F32, 3), xs, reverse: true), b.F32(7, 3));
        b.Add("loop/cond", (p, x) => Loop.Cond(p, () => x.Exp(), () => -x), Tensor.Scalar(b.Int(0, 2) == 1), b.F32(5));
        b.Add("loop/cond-in-scan", xs => Loop.Scan((Tensor c, Tensor row) => (c + row, Loop.Cond(row.Sum() > 0f, () => c, () => -c)), Tensor.Scalar(0f), xs), b.F32(9));
        b.Add("loop/nested-fori-in-scan", xs => Loop.Scan((Tensor c, Tensor row) =>
            {
                var inner = Loop.Fori(0, 4, (j, r) => r * 0.5f + c, row);
                return (c + inner.Sum(), inner);
            }, Tensor.Scalar(0f), xs), b.F32(5, 3));
        b.Add("loop/invariant-operand", (w, x) => Loop.Fori(0, 12, (i, h) => Tensor.MatMul(w, h).Tanh(), x), b.F32(16, 16), b.F32(16));

        // The samples' loops (PyTorch/XLA's loop guide, onnx-diagnostic's crops), as their [Compile] methods lower them.
        b.Add("seed/cumulative-add", x => Loop.Fori(0, 100, (i, c) => c + 1f, x), Tensor.Zeros(DType.F32, 10));
        b.Add("seed/countdown-while", (i, x) => Loop.While(
                s => s.Item1 > 0,
                s => (s.Item1 - 1, s.Item2 + 1f),
                (i, x)),
            Tensor.Scalar(b.Int(5, 15)), Tensor.Scalar(3f));
        b.Add("seed/rnn-scan", (w, u, xs) => Loop.Scan((Tensor h, Tensor x) =>
            {
                var next = (Tensor.MatMul(w, x) + Tensor.MatMul(u, h)).Tanh();
                return (next, next);
            }, Tensor.Zeros(DType.F32, 8), xs), b.F32(8, 4), b.F32(8, 8), b.F32(20, 4));
        b.Add("seed/newton-sqrt", a => Loop.While(
                s => s.Item2.Abs().Max() > 1e-6f,
                s =>
                {
                    var next = (s.Item1 + a / s.Item1) * 0.5f;
                    return (next, next - s.Item1);
                },
                (a + 1f, Tensor.FullLike(a, 1f))).Item1, b.Positive(6));
        b.Add("seed/crop-concat", (x, starts) =>
            {
                var crops = Loop.Scan((Tensor c, Tensor s) => (c, Tensor.DynamicSlice(x, [Tensor.Scalar(0), s], [2, 4])), Tensor.Scalar(0), starts).Ys;
                return crops.Transpose(1, 0, 2).Reshape(2, -1);
            }, b.F32(2, 16), b.S32(0, 12, 5));
    }
}
