using LoopGen.Onnx.Tests.Support;

namespace LoopGen.Onnx.Tests;

/// <summary>
/// The corners where ONNX and StableHLO define an op differently, each checked bit for bit against the interpreter:
/// the export adds the guards (integer division by 0 and MIN/-1 would fault in ONNX Runtime; Cast leaves float→int
/// out of range undefined; ONNX Sign maps NaN to 0; dynamic slices clamp their starts in StableHLO).
/// </summary>
public sealed class OpSemanticsTests
{
    [Fact]
    public void Integer_division_and_remainder_by_zero_and_minus_one_follow_xla_without_a_fault()
    {
        var f = Jit.Compile((Tensor a, Tensor b) => (a / b, a % b), "div_rem");
        int[] x = [int.MinValue, int.MinValue, -7, 7, 7, 0, -7, int.MaxValue, 9];
        int[] y = [-1, 0, 0, 0, -1, 0, 2, -1, -4];
        var lowered = f.Lower(Tensor.From(x, x.Length), Tensor.From(y, y.Length));
        var r = BothEngines.AssertAgree(lowered.Text, [x, y]);
        Assert.Equal([int.MinValue, -1, -1, -1, -7, -1, -3, -int.MaxValue, -2], (int[])r[0]);
        Assert.Equal([0, int.MinValue, -7, 7, 0, 0, -1, 0, 1], (int[])r[1]);
    }

    [Fact]
    public void S64_division_stays_exact_past_two_to_the_53()
    {
        var f = Jit.Compile((Tensor a, Tensor b) => (a / b, a % b), "div_rem64");
        long[] x = [long.MinValue, long.MaxValue, (1L << 60) + 3, -((1L << 55) + 1)];
        long[] y = [-1, 0, 7, 10];
        var r = BothEngines.AssertAgree(f.Lower(Tensor.From(x, 4), Tensor.From(y, 4)).Text, [x, y]);
        Assert.Equal(((1L << 60) + 3) % 7, ((long[])r[1])[2]);
    }

    [Fact]
    public void Float_to_int_conversion_truncates_and_saturates_with_nan_to_zero()
    {
        var f = Jit.Compile((Tensor x) => (x.Cast(DType.S32), x.Cast(DType.S64), x.Cast(DType.F64).Cast(DType.S32), x.Cast(DType.Pred)), "convert");
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e9f, -3e9f, 2.7f, -2.7f, 2147483520f, 1e19f, -1e19f, -0f, 0.4f];
        var r = BothEngines.AssertAgree(f.Lower(Tensor.From(x, x.Length)).Text, [x]);
        Assert.Equal([0, int.MaxValue, int.MinValue, int.MaxValue, int.MinValue, 2, -2, 2147483520, int.MaxValue, int.MinValue, 0, 0], (int[])r[0]);
        Assert.Equal(long.MaxValue, ((long[])r[1])[8]);
    }

    [Fact]
    public void Sign_keeps_nan_and_abs_of_min_wraps()
    {
        var f = Jit.Compile((Tensor x, Tensor i) => (x.Sign(), i.Abs(), -i, i.Sign()), "sign");
        float[] x = [float.NaN, -0f, 0f, 2.5f, -3f, float.NegativeInfinity];
        int[] i = [int.MinValue, -5, 0, 5];
        BothEngines.AssertAgree(f.Lower(Tensor.From(x, x.Length), Tensor.From(i, i.Length)).Text, [x, i]);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(1000)]
    public void Dynamic_slice_and_update_clamp_their_starts(int start)
    {
        var f = Jit.Compile((Tensor x, Tensor s) => (
            Tensor.DynamicSlice(x, [s, Tensor.Scalar(1)], [2, 2]),
            Tensor.DynamicUpdateSlice(x, Tensor.Full(-1.0, DType.F32, 2, 2), [s, s])), "dyn");
        var x = Enumerable.Range(0, 15).Select(v => (float)v).ToArray();
        BothEngines.AssertAgree(f.Lower(Tensor.From(x, 5, 3), Tensor.Scalar(start)).Text, [x, new[] { start }]);
    }

    [Fact]
    public void Argmax_ties_and_nans_resolve_as_the_region_says()
    {
        var f = Jit.Compile((Tensor x) => (x.ArgMax(1), x.ArgMax(0), x.Max(1)), "argmax");
        float[] x = [1, 3, 3, 0, float.NaN, 2, 5, 5, 5, -1, -1, -2];
        BothEngines.AssertAgree(f.Lower(Tensor.From(x, 3, 4)).Text, [x]);
    }

    [Fact]
    public void Expm1_and_log1p_keep_their_precision_near_zero()
    {
        // The interpreter computes e^x - 1 and log(1 + x) as written (TensorPrimitives), which cancels near 0; the export
        // uses Kahan's corrections, so ONNX Runtime is the more precise engine here: both are held to a double-precision
        // reference, ONNX Runtime to 1e-6 relative and the interpreter to two float ulps of 1 (the naive formulas).
        var f = Jit.Compile((Tensor x) => (x.Expm1(), x.Log1p()), "expm1");
        float[] x = [1e-7f, -1e-7f, 1e-4f, -3e-5f, 0.3f, -0.45f, 2f, -0.9f, 0f];
        var text = f.Lower(Tensor.From(x, x.Length)).Text;
        var ort = BothEngines.Run(Backends.Ort, text, x);
        var interp = BothEngines.Run(Backends.Interpreter, text, x);
        for (int i = 0; i < x.Length; i++)
        {
            double expm1 = Math.Abs(x[i]) < 1e-3 ? x[i] + x[i] * (double)x[i] / 2 : Math.Exp(x[i]) - 1;
            double log1p = Math.Abs(x[i]) < 1e-3 ? x[i] - x[i] * (double)x[i] / 2 : Math.Log(1 + (double)x[i]);
            Assert.Equal(expm1, ((float[])ort[0])[i], Math.Abs(expm1) * 1e-6);
            Assert.Equal(log1p, ((float[])ort[1])[i], Math.Abs(log1p) * 1e-6);
            Assert.Equal(expm1, ((float[])interp[0])[i], 2.4e-7 + Math.Abs(expm1) * 1e-6);
            Assert.Equal(log1p, ((float[])interp[1])[i], 2.4e-7 + Math.Abs(log1p) * 1e-6);
        }
    }

    [Fact]
    public void Atan2_covers_all_four_quadrants_and_the_axes()
    {
        var f = Jit.Compile((Tensor y, Tensor x) => Tensor.Atan2(y, x), "atan2");
        float[] y = [1, 1, -1, -1, 0, 0, 2, -2, 0];
        float[] x = [1, -1, 1, -1, 3, -3, 0, 0, 0];
        BothEngines.AssertAgree(f.Lower(Tensor.From(y, 9), Tensor.From(x, 9)).Text, [y, x], relative: 1e-6, absolute: 1e-7);
    }

    [Fact]
    public void Integer_power_and_bitwise_ops_agree()
    {
        var f = Jit.Compile((Tensor a, Tensor b) => (Tensor.Pow(a, b), a & b, a | b, a ^ b, ~a), "intops");
        int[] a = [2, -3, 5, 1, -1, 7, 0];
        int[] b = [10, 3, 0, -2, -3, -1, 4];
        BothEngines.AssertAgree(f.Lower(Tensor.From(a, 7), Tensor.From(b, 7)).Text, [a, b]);
    }

    [Fact]
    public void Integer_power_wraps_on_overflow_and_stays_exact_past_two_to_the_53()
    {
        // ONNX Runtime's own integer Pow goes through double (3^21 in s32 would saturate, 3^39 in s64 lose its low bits):
        // the export squares in a Loop instead.
        var f = Jit.Compile((Tensor a, Tensor b) => Tensor.Pow(a, b), "pow");
        int[] a = [3, 3, -3, 7, 2, 10, 0, 5];
        int[] b = [19, 21, 21, 13, 31, 10, 0, 1];
        var r = BothEngines.AssertAgree(f.Lower(Tensor.From(a, 8), Tensor.From(b, 8)).Text, [a, b]);
        Assert.Equal(unchecked((int)1870418611L), ((int[])r[0])[1]);
        long[] la = [3, 3, 7, 2, -2];
        long[] lb = [39, 41, 25, 63, 63];
        var r64 = BothEngines.AssertAgree(f.Lower(Tensor.From(la, 5), Tensor.From(lb, 5)).Text, [la, lb]);
        Assert.Equal(4052555153018976267L, ((long[])r64[0])[0]);
    }

    [Fact]
    public void Integer_arithmetic_and_narrowing_wrap()
    {
        var f = Jit.Compile((Tensor a, Tensor l) => (a + int.MaxValue, a * 1_000_000, a.Sum(), (a * 100_000).Prod(), l.Cast(DType.S32), l.Cast(DType.F32), a.Cast(DType.F32) / 0f, a.Cast(DType.F32) % 0f), "wrap");
        int[] a = [int.MaxValue, 5, -7, int.MinValue, 3];
        long[] l = [1L << 40, -(1L << 33) - 5, long.MaxValue, 123, long.MinValue];
        BothEngines.AssertAgree(f.Lower(Tensor.From(a, 5), Tensor.From(l, 5)).Text, [a, l]);
    }

    [Fact]
    public void Case_out_of_range_runs_the_last_branch()
    {
        const string text = """
            module @case {
              func.func public @main(%arg0: tensor<i32>, %arg1: tensor<3xf32>) -> (tensor<3xf32>) {
                %0 = "stablehlo.case"(%arg0) ({
                  %1 = "stablehlo.negate"(%arg1) : (tensor<3xf32>) -> tensor<3xf32>
                  "stablehlo.return"(%1) : (tensor<3xf32>) -> ()
                }, {
                  %2 = "stablehlo.exponential"(%arg1) : (tensor<3xf32>) -> tensor<3xf32>
                  "stablehlo.return"(%2) : (tensor<3xf32>) -> ()
                }, {
                  "stablehlo.return"(%arg1) : (tensor<3xf32>) -> ()
                }) : (tensor<i32>) -> tensor<3xf32>
                "func.return"(%0) : (tensor<3xf32>) -> ()
              }
            }
            """;
        float[] x = [0.5f, -1f, 2f];
        foreach (var index in new[] { -1, 0, 1, 2, 3, 99 })
        {
            var r = BothEngines.AssertAgree(text, [new[] { index }, x], relative: 1e-6);
            if (index is < 0 or > 1) Assert.Equal(x, (float[])r[0]);
        }
        Assert.Equal(2, OnnxExport.FromText(text).CountNodes("If"));
    }

    [Fact]
    public void Interior_padding_and_reverse_agree()
    {
        const string text = """
            module @pad {
              func.func public @main(%arg0: tensor<2x3xf32>, %arg1: tensor<f32>) -> (tensor<6x8xf32>, tensor<2x3xf32>) {
                %0 = "stablehlo.pad"(%arg0, %arg1) {edge_padding_low = array<i64: 1, 0>, edge_padding_high = array<i64: 2, 1>, interior_padding = array<i64: 1, 2>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<6x8xf32>
                %1 = "stablehlo.reverse"(%arg0) {dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
                "func.return"(%0, %1) : (tensor<6x8xf32>, tensor<2x3xf32>) -> ()
              }
            }
            """;
        BothEngines.AssertAgree(text, [new float[] { 1, 2, 3, 4, 5, 6 }, new[] { -9f }]);
    }

    [Fact]
    public void Empty_tensors_pass_through_elementwise_ops_and_reductions()
    {
        var f = Jit.Compile((Tensor x) => ((x * 2f).Exp(), x.Sum(0), x.Sum(1)), "empty");
        BothEngines.AssertAgree(f.Lower(Tensor.Zeros(DType.F32, 0, 3)).Text, [Array.Empty<float>()]);
    }

    [Fact]
    public void Nan_propagates_through_maximum_minimum_clamp_and_their_reductions()
    {
        var f = Jit.Compile((Tensor x, Tensor y) => (Tensor.Maximum(x, y), Tensor.Minimum(x, y), x.Clamp(-0.5f, 0.5f), x.Max(1), x.Min(1), x % y), "nan");
        float[] x = [float.NaN, 1f, -2f, 0.25f, 3f, float.NaN, -7.5f, 7.5f];
        float[] y = [1f, float.NaN, -3f, 0.5f, -2f, float.NaN, 2f, -2f];
        BothEngines.AssertAgree(f.Lower(Tensor.From(x, 2, 4), Tensor.From(y, 2, 4)).Text, [x, y]);
    }

    [Fact]
    public void Rounding_is_half_to_even_and_floor_ceil_keep_signed_zero_and_infinities()
    {
        var f = Jit.Compile((Tensor x) => (x.Round(), x.Floor(), x.Ceil()), "round");
        float[] x = [0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -0.3f];
        var r = BothEngines.AssertAgree(f.Lower(Tensor.From(x, x.Length)).Text, [x]);
        Assert.Equal([0f, 2f, 2f, -0f, -2f, -2f], ((float[])r[0]).Take(6));
    }

    [Fact]
    public void Pred_reductions_and_orderings_agree()
    {
        var f = Jit.Compile((Tensor p, Tensor q) => (p.All(), p.Any(1), p < q, p >= q), "pred");
        bool[] p = [true, false, true, true, true, true];
        bool[] q = [false, false, true, true, false, true];
        BothEngines.AssertAgree(f.Lower(Tensor.From(p, 2, 3), Tensor.From(q, 2, 3)).Text, [p, q]);
    }
}
