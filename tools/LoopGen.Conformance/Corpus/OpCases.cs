namespace LoopGen.Conformance.Corpus;

/// <summary>Every op family the tracer emits, each through the public tensor API as a user writes it.</summary>
internal static class OpCases
{
    public static void AddTo(CaseBuilder b)
    {
        // Elementwise math (stablehlo.exponential, log, sqrt, rsqrt, tanh, sine, cosine, floor, ceil, round, sign, abs, negate, logistic).
        b.Add("unary/exp-tanh-sin-cos", x => (x.Exp(), x.Tanh(), x.Sin(), x.Cos()), b.F32(3, 4));
        b.Add("unary/log-sqrt-rsqrt", x => (x.Log(), x.Sqrt(), x.Rsqrt()), b.Positive(2, 5));
        b.Add("unary/floor-ceil-round-sign-abs-neg", x => (x.Floor(), x.Ceil(), x.Round(), x.Sign(), x.Abs(), -x), b.F32(7));
        b.Add("unary/sigmoid-relu-square-expm1", x => (x.Sigmoid(), x.Relu(), x.Square(), x.Expm1()), b.F32(6));
        b.Add("binary/atan2", (y, x) => Tensor.Atan2(y, x), b.F32(5), b.F32(5));
        b.Add("unary/f64", x => (x.Exp() * x.Sin()).Tanh(), b.F64(4, 3), relative: 1e-9);

        // Binary arithmetic with numpy broadcasting and weakly typed literals.
        b.Add("binary/add-sub-mul-div-broadcast", (x, y) => (x + y, x - y, x * y, x / (y.Abs() + 0.5f)), b.F32(3, 4), b.F32(4));
        b.Add("binary/max-min-pow", (x, y) => (Tensor.Maximum(x, y), Tensor.Minimum(x, y), Tensor.Pow(x, y)), b.Positive(2, 3), b.F32(2, 3));
        b.Add("binary/s32-arithmetic", (x, y) => (x + y, x - y, x * y, x / y, x % y), b.S32(-50, 50, 8), b.S32(1, 9, 8));
        b.Add("binary/s64-arithmetic", (x, y) => (x * y + 3, x / y), b.S64(-1000, 1000, 5), b.S64(1, 30, 5));

        // Comparisons, logic, select, clamp, conversions.
        b.Add("compare/all-directions", (x, y) => (x < y, x <= y, x > y, x >= y, x == y, x != y), b.S32(0, 4, 10), b.S32(0, 4, 10));
        b.Add("logic/and-or-xor-not", (p, q) => (p & q, p | q, p ^ q, !p), b.Pred(9), b.Pred(9));
        b.Add("select/where", (c, x, y) => Tensor.Where(c, x, y), b.Pred(2, 3), b.F32(2, 3), b.F32(2, 3));
        b.Add("select/clamp", x => x.Clamp(-0.5f, 0.75f), b.F32(12));
        b.Add("convert/f32-s32-f64-pred", x => (x.Cast(DType.S32), x.Cast(DType.F64), (x > 0f).Cast(DType.F32), x.Cast(DType.S32).Cast(DType.S64)), b.F32(6));

        // Shapes and data movement.
        b.Add("shape/reshape-transpose-broadcast", x => (x.Reshape(4, 3), x.Transpose(1, 0), x.Reshape(3, 1, 4).BroadcastTo(3, 2, 4)), b.F32(3, 4));
        b.Add("shape/concat-stack", (x, y) => (Tensor.Concat([x, y, x], 1), Tensor.Stack([x, y], 0)), b.F32(2, 3), b.F32(2, 3));
        b.Add("shape/pad-reverse", x => (x.Pad([1, 0], [2, 3]), x.Reverse(0, 1)), b.F32(2, 3));
        b.Add("shape/expand-squeeze", x => x.ExpandDims(0).ExpandDims(2).Squeeze(0, 2) * 2f, b.F32(4, 2));
        b.Add("index/static-ranges", x => (x[1], x[^1], x[1..3], x[.., 2]), b.F32(4, 5));
        b.Add("index/dynamic-slice-and-update", (x, i) => (x[i], x.SetAt(i, x[i] * 10f)), b.F32(5, 3), Tensor.Scalar(b.Int(0, 5)));
        b.Add("index/iota-arange", x => (Tensor.Arange(6) * x, Tensor.Iota(DType.F32, new Shape(2, 3), 1)), b.S32(1, 5, 6));

        // Reductions.
        b.Add("reduce/sum-max-min-mean-prod", x => (x.Sum(), x.Sum(0), x.Max(1), x.Min(0), x.Mean(1), (x * 0.5f).Prod(0)), b.F32(3, 4));
        b.Add("reduce/argmax-all-any", (x, p) => (x.ArgMax(1), x.ArgMax(), p.All(), p.Any(0)), b.F32(3, 5), b.Pred(2, 4));

        // Linear algebra (stablehlo.dot_general).
        b.Add("linalg/matmul", (x, y) => Tensor.MatMul(x, y), b.F32(4, 3), b.F32(3, 5));
        b.Add("linalg/batched-matmul", (x, y) => Tensor.MatMul(x, y), b.F32(2, 4, 3), b.F32(2, 3, 2));
        b.Add("linalg/dot-outer-vector", (x, y) => (Tensor.Dot(x, y), Tensor.Outer(x, y), Tensor.MatMul(x.Reshape(1, 4), y)), b.F32(4), b.F32(4));
    }
}
