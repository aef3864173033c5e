using LoopGen.Autodiff;
using Xunit.Abstractions;
using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Autodiff;

/// <summary>Every VJP rule against central finite differences, in f64 on fresh random inputs (seed in the test output).</summary>
public sealed class VjpRuleTests(ITestOutputHelper output)
{
    private readonly GradCheck _check = new(output);

    /// <summary>Sum(y * w) for a fixed random w, so every element of y gets its own cotangent.</summary>
    private Func<Tensor[], Tensor> Weighted(Func<Tensor[], Tensor> f, params int[] shape)
    {
        var w = _check.Tensor(shape);
        return p => (f(p) * w).Sum();
    }

    public static TheoryData<string> Binary => new() { "add", "subtract", "multiply", "divide", "remainder", "maximum", "minimum", "power", "atan2", "broadcast add" };

    [Theory]
    [MemberData(nameof(Binary))]
    public void Elementwise_binary(string op)
    {
        var a = _check.Tensor(3, 4);
        var b = _check.Tensor(3, 4);
        switch (op)
        {
            case "divide":
                b = _check.Uniform(0.5, 2, 3, 4);
                break;
            case "remainder":
                // a = b·(k + u) with u away from 0 and 1: r is smooth around the sample.
                b = _check.Uniform(0.5, 2, 3, 4);
                var u = _check.Doubles(12, 0.2, 0.8);
                a = Tensor.From(b.ToArray<double>().Select((v, i) => v * (i % 3 - 1 + u[i])).ToArray(), 3, 4);
                break;
            case "power":
                a = _check.Uniform(0.5, 2, 3, 4);
                break;
        }
        Func<Tensor[], Tensor> f = op switch
        {
            "add" => p => p[0] + p[1],
            "subtract" => p => p[0] - p[1],
            "multiply" => p => p[0] * p[1],
            "divide" => p => p[0] / p[1],
            "remainder" => p => p[0] % p[1],
            "maximum" => p => Tensor.Maximum(p[0], p[1]),
            "minimum" => p => Tensor.Minimum(p[0], p[1]),
            "power" => p => Tensor.Pow(p[0], p[1]),
            "atan2" => p => Tensor.Atan2(p[0], p[1]),
            "broadcast add" => p => p[0] * p[1][0..1, ..].Reshape(4) + p[1].Sum(0),
            _ => throw new ArgumentException(op),
        };
        _check.Check(op, Weighted(f, 3, 4), [a, b]);
    }

    public static TheoryData<string> Unary => new()
    {
        "negate", "abs", "exp", "expm1", "log", "log1p", "logistic", "tanh", "sqrt", "rsqrt", "sine", "cosine",
        "floor", "ceil", "round", "sign", "square", "relu",
    };

    [Theory]
    [MemberData(nameof(Unary))]
    public void Elementwise_unary(string op)
    {
        bool positive = op is "log" or "sqrt" or "rsqrt" or "log1p";
        var x = positive ? _check.Uniform(0.3, 3, 2, 5) : _check.Tensor(2, 5);
        if (op is "floor" or "ceil" or "round")
        {
            // Keep samples away from the jumps so that finite differences see the zero slope.
            x = Tensor.From(_check.Doubles(10, 0.2, 0.4).Select((v, i) => v + i - 5).ToArray(), 2, 5);
        }
        Func<Tensor[], Tensor> f = op switch
        {
            "negate" => p => -p[0],
            "abs" => p => p[0].Abs(),
            "exp" => p => p[0].Exp(),
            "expm1" => p => p[0].Expm1(),
            "log" => p => p[0].Log(),
            "log1p" => p => p[0].Log1p(),
            "logistic" => p => p[0].Sigmoid(),
            "tanh" => p => p[0].Tanh(),
            "sqrt" => p => p[0].Sqrt(),
            "rsqrt" => p => p[0].Rsqrt(),
            "sine" => p => p[0].Sin(),
            "cosine" => p => p[0].Cos(),
            "floor" => p => p[0].Floor() + p[0],
            "ceil" => p => p[0].Ceil() * p[0],
            "round" => p => p[0].Round() - p[0],
            "sign" => p => p[0].Sign() * p[0],
            "square" => p => p[0].Square(),
            "relu" => p => p[0].Relu(),
            _ => throw new ArgumentException(op),
        };
        _check.Check(op, Weighted(f, 2, 5), [x]);
    }

    [Fact]
    public void Select_clamp_and_convert()
    {
        var a = _check.Tensor(4, 3);
        var b = _check.Tensor(4, 3);
        _check.Check("select", Weighted(p => Tensor.Where(p[0] > p[1], p[0] * p[1], p[0] + 2 * p[1]), 4, 3), [a, b]);
        // Bounds as 0-d tensors: their cotangents are sums over the clamped elements.
        var lo = Tensor.Scalar(-0.7);
        var hi = Tensor.Scalar(0.9);
        _check.Check("clamp", Weighted(p => p[0].Clamp(p[1], p[2]), 4, 3), [a, lo, hi]);
        // f64 → f32 → f64 of a linear function: the cotangent converts back; finite differences see f32 rounding only.
        var w = _check.Tensor(4, 3).Cast(DType.F32);
        _check.Check("convert", p => (p[0].Cast(DType.F32) * w).Sum().Cast(DType.F64), [a], tolerance: 1e-4, h: 1e-2);
    }

    [Fact]
    public void Shape_ops()
    {
        var x = _check.Tensor(2, 3, 4);
        _check.Check("reshape", Weighted(p => p[0].Reshape(6, 4), 6, 4), [x]);
        _check.Check("transpose", Weighted(p => p[0].Transpose(2, 0, 1), 4, 2, 3), [x]);
        _check.Check("reverse", Weighted(p => p[0].Reverse(0, 2), 2, 3, 4), [x]);
        _check.Check("broadcast_in_dim", Weighted(p => p[0].Sum(1).Reshape(2, 1, 4).BroadcastTo(2, 5, 4) * p[0][.., 0..1, ..], 2, 5, 4), [x]);
        _check.Check("slice", Weighted(p => p[0][.., 1..3, 1..], 2, 2, 3), [x]);
        _check.Check("strided slice", Weighted(p => AdOps.Slice(p[0], [0, 0, 1], [2, 3, 4], [1, 2, 2]), 2, 2, 2), [x]);
        _check.Check("concatenate", Weighted(p => Tensor.Concat([p[0], p[0] * 2, p[0][.., 0..1, ..]], 1), 2, 7, 4), [x]);
        _check.Check("pad", Weighted(p => p[0].Pad([1, 0, 2], [0, 2, 1], p[0].Sum()), 3, 5, 7), [x]);
        _check.Check("interior pad", Weighted(p => AdOps.Pad(p[0], p[0][0, 0, 0], [1, 0, 0], [0, 1, 2], [1, 2, 0]), 4, 8, 6), [x]);
        _check.Check("stack", Weighted(p => Tensor.Stack([p[0], p[0].Exp()], 1), 2, 2, 3, 4), [x]);
    }

    [Fact]
    public void Dynamic_slice_and_update()
    {
        var x = _check.Tensor(5, 4);
        var u = _check.Tensor(2, 3);
        var s0 = Tensor.Scalar(2);
        var s1 = Tensor.Scalar(1);
        _check.Check("dynamic_slice", Weighted(p => Tensor.DynamicSlice(p[0], [s0, s1], [2, 3]), 2, 3), [x]);
        _check.Check("dynamic_update_slice", Weighted(p => Tensor.DynamicUpdateSlice(p[0], p[1].Exp(), [s0, s1]), 5, 4), [x, u]);
        // Starts past the end are clamped (spec): the cotangent follows the clamped window.
        var far = Tensor.Scalar(9);
        _check.Check("clamped dynamic_update_slice", Weighted(p => Tensor.DynamicUpdateSlice(p[0], p[1] * p[1], [far, far]), 5, 4), [x, u]);
    }

    [Fact]
    public void Dot_general()
    {
        var a = _check.Tensor(3, 4);
        var b = _check.Tensor(4, 5);
        _check.Check("matmul", Weighted(p => Tensor.MatMul(p[0], p[1]), 3, 5), [a, b]);
        var v = _check.Tensor(4);
        _check.Check("matvec", Weighted(p => Tensor.MatMul(p[0], p[1]), 3), [a, v]);
        _check.Check("dot", p => Tensor.Dot(p[0], p[1]), [v, _check.Tensor(4)]);
        _check.Check("outer", Weighted(p => Tensor.Outer(p[0], p[1]), 4, 3), [v, _check.Tensor(3)]);
        var ba = _check.Tensor(2, 3, 4);
        var bb = _check.Tensor(2, 4, 5);
        _check.Check("batched matmul", Weighted(p => Tensor.MatMul(p[0], p[1]), 2, 3, 5), [ba, bb]);
        // Contracting a non-trailing dim: lhs [4,3] contracted on 0 against rhs [5,4] contracted on 1.
        var c = _check.Tensor(4, 3);
        var d = _check.Tensor(5, 4);
        _check.Check("dot_general transposed", Weighted(p => AdOps.DotGeneral(p[0], p[1], [], [], [0], [1]), 3, 5), [c, d]);
        // Batch dims not leading: lhs [3,2,4] batch 1, rhs [4,2,5] batch 1, contract lhs 2 with rhs 0.
        var e = _check.Tensor(3, 2, 4);
        var f = _check.Tensor(4, 2, 5);
        _check.Check("dot_general batch in the middle", Weighted(p => AdOps.DotGeneral(p[0], p[1], [1], [1], [2], [0]), 2, 3, 5), [e, f]);
    }

    [Fact]
    public void Reductions()
    {
        var x = _check.Tensor(3, 4, 2);
        _check.Check("sum", Weighted(p => p[0].Sum(1), 3, 2), [x]);
        _check.Check("sum all", p => p[0].Sum() * p[0].Sum(), [x]);
        _check.Check("mean", Weighted(p => p[0].Mean(0, 2), 4), [x]);
        _check.Check("max", Weighted(p => p[0].Max(1), 3, 2), [x]);
        _check.Check("min", Weighted(p => p[0].Min(0, 2), 4), [x]);
        _check.Check("prod", Weighted(p => p[0].Prod(2), 3, 4), [_check.Uniform(0.5, 1.5, 3, 4, 2)]);
        _check.Check("keepdims softmax", Weighted(p =>
        {
            var z = p[0] - p[0].Max(2, keepDims: true);
            var ez = z.Exp();
            return ez / ez.Sum(2, keepDims: true);
        }, 3, 4, 2), [x]);
    }

    [Fact]
    public void Ties_in_max_split_the_cotangent()
    {
        // max(x, x) and reduce-max over equal elements: the gradient is shared, not duplicated (JAX's rule).
        var x = Tensor.From(new[] { 1.0, 3.0, 3.0, 2.0 }, 4);
        var g = Jit.Grad((Tensor v) => v.Max()).Invoke(x).ToArray<double>();
        Assert.Equal(new[] { 0.0, 0.5, 0.5, 0.0 }, g);
        var h = Jit.Grad((Tensor v) => Tensor.Maximum(v, v).Sum()).Invoke(x).ToArray<double>();
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0 }, h);
    }

    [Fact]
    public void Integer_and_boolean_values_carry_no_gradient()
    {
        // The loss depends on x through a comparison and an integer cast only: the gradient is exactly zero.
        var x = _check.Tensor(5);
        var g = Jit.Grad((Tensor v) => ((v > 0).Cast(DType.F64) + v.Cast(DType.S32).Cast(DType.F64)).Sum()).Invoke(x);
        Assert.All(g.ToArray<double>(), v => Assert.Equal(0.0, v));
        // Unused inputs get zeros of their own dtype and shape.
        var (gx, gy) = Jit.Grad(((Tensor X, Tensor Y) p) => (p.X * p.X).Sum()).Invoke((x, Tensor.Ones(DType.F32, 2, 2)));
        GradCheck.AssertClose(x * 2, gx);
        Assert.Equal(DType.F32, gy.DType);
        Assert.Equal(new Shape(2, 2), gy.Shape);
        Assert.All(gy.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void F32_gradients_keep_the_primal_dtype()
    {
        var x = Tensor.From(new[] { 0.5f, -1f, 2f }, 3);
        var g = Jit.Grad((Tensor v) => (v * v * v).Sum()).Invoke(x);
        Assert.Equal(DType.F32, g.DType);
        Assert.Equal(new[] { 0.75f, 3f, 12f }, g.ToArray<float>());
    }

    [Fact]
    public void An_op_without_a_rule_is_an_error_naming_the_op_and_the_line()
    {
        // ArgMax is a two-result reduce: no gradient rule. Used in the loss through a float result, it must fail clearly.
        var f = Jit.Grad((Tensor v) => v.Sum() * AdOpsTestHooks.TwoResultReduce(v));
        var e = Assert.Throws<GradientException>(() => f.Invoke(_check.Tensor(4)));
        Assert.Contains(IrOps.Reduce, e.Message);
        Assert.Contains("VjpRuleTests.cs:", e.Message);
        output.WriteLine(e.Message);
    }

    [Fact]
    public void A_non_scalar_loss_points_to_vjp()
    {
        var e = Assert.Throws<GradientException>(() => Jit.Grad((Tensor v) => v * 2).Invoke(_check.Tensor(3)));
        Assert.Contains("Jit.Vjp", e.Message);
        Assert.Contains("f64[3]", e.Message);
    }
}

/// <summary>Ops that the tensor API does not make, built by hand for the error tests.</summary>
internal static class AdOpsTestHooks
{
    /// <summary>A reduce whose combiner is atan2: valid StableHLO, but no gradient rule exists for it.</summary>
    public static Tensor TwoResultReduce(Tensor v)
    {
        var t = LoopGen.Ir.TensorType.Scalar(v.DType);
        var acc = new LoopGen.Ir.Value(t);
        var e = new LoopGen.Ir.Value(t);
        var combine = new LoopGen.Ir.Operation(IrOps.Atan2, [acc, e], [t]);
        var region = new LoopGen.Ir.Block([acc, e], [combine, new LoopGen.Ir.Operation(IrOps.Return, [combine.Results[0]], Array.Empty<LoopGen.Ir.TensorType>())]);
        return Tensor.Apply1(IrOps.Reduce, [v, AdOps.Scalar(v.DType, 0)], t,
            [new LoopGen.Ir.NamedAttr("dimensions", LoopGen.Ir.I64ArrayAttr.Of(0))], [region]);
    }
}
