using LoopGen.Tests.Support;

namespace LoopGen.Tests.Compilation;

/// <summary>
/// Every public tensor operation compiled (traced, printed, parsed, interpreted) against the same operation run
/// eagerly, on fresh random inputs: the compiled path must give the eager result exactly.
/// </summary>
public sealed class CompiledOpsTests
{
    private static readonly Dictionary<string, Func<Tensor, Tensor, Tensor>> s_binary = new()
    {
        ["add"] = (a, b) => a + b,
        ["sub"] = (a, b) => a - b,
        ["mul"] = (a, b) => a * b,
        ["div"] = (a, b) => a / b,
        ["rem"] = (a, b) => a % b,
        ["max"] = Tensor.Maximum,
        ["min"] = Tensor.Minimum,
        ["lt"] = (a, b) => Tensor.Where(a < b, a, b),
        ["le"] = (a, b) => (a <= b).Cast(a.DType),
        ["gt"] = (a, b) => (a > b).Cast(a.DType),
        ["ge"] = (a, b) => (a >= b).Cast(a.DType),
        ["eq"] = (a, b) => (a == b).Cast(a.DType),
        ["ne"] = (a, b) => (a != b).Cast(a.DType),
        ["weak literal"] = (a, b) => a * 3 + b - 1,
        ["clamp"] = (a, b) => a.Clamp(-1, 1) + b,
        ["concat"] = (a, b) => Tensor.Concat([a, b.BroadcastTo(a.Shape)], 1),
        ["stack"] = (a, b) => Tensor.Stack([a, b.BroadcastTo(a.Shape)], 0),
        ["matmul"] = (a, b) => Tensor.MatMul(a, b.Reshape(4, 1)),
        ["dot"] = (a, b) => Tensor.Dot(a[0], b),
        ["outer"] = (a, b) => Tensor.Outer(a[1], b),
    };

    private static readonly Dictionary<string, Func<Tensor, Tensor>> s_unary = new()
    {
        ["neg"] = x => -x,
        ["abs"] = x => x.Abs(),
        ["sign"] = x => x.Sign(),
        ["square"] = x => x.Square(),
        ["relu"] = x => x.Relu(),
        ["sum all"] = x => x.Sum(),
        ["sum axis"] = x => x.Sum(1),
        ["sum keep"] = x => x.Sum(0, keepDims: true),
        ["prod"] = x => x.Prod(0),
        ["max red"] = x => x.Max(1),
        ["min red"] = x => x.Min(),
        ["mean"] = x => x.Mean(0),
        ["argmax"] = x => x.ArgMax(1),
        ["argmin"] = x => x.ArgMin(0),
        ["reshape"] = x => x.Reshape(2, -1),
        ["transpose"] = x => x.Transpose(),
        ["T"] = x => x.T,
        ["expand squeeze"] = x => x.ExpandDims(0).Squeeze(0),
        ["flatten"] = x => x.Flatten(),
        ["reverse"] = x => x.Reverse(1),
        ["pad"] = x => x.Pad([1, 0], [0, 2]),
        ["index int"] = x => x[1],
        ["index hat"] = x => x[^1],
        ["index range"] = x => x[1.., 1..3],
        ["index tensor"] = x => x[Tensor.Scalar(2)],
        ["index mixed"] = x => x[Tensor.Scalar(1), 1..],
        ["set at"] = x => x.SetAt(1, 2, 7),
        ["dynamic slice"] = x => Tensor.DynamicSlice(x, [Tensor.Scalar(1), Tensor.Scalar(2)], [2, 2]),
        ["dynamic update"] = x => Tensor.DynamicUpdateSlice(x, x[..1, ..2], [Tensor.Scalar(2), Tensor.Scalar(1)]),
        ["broadcast"] = x => x.BroadcastTo(2, 3, 4),
        ["cast"] = x => x.Cast(DType.F64).Cast(x.DType),
        ["zeros ones like"] = x => Tensor.ZerosLike(x) + Tensor.OnesLike(x) * x,
        ["iota"] = x => x + Tensor.Iota(x.DType, x.Shape, 1),
    };

    private static readonly Dictionary<string, Func<Tensor, Tensor>> s_float = new()
    {
        ["exp"] = x => x.Exp(),
        ["log"] = x => x.Abs().Log(),
        ["tanh"] = x => x.Tanh(),
        ["sqrt"] = x => x.Abs().Sqrt(),
        ["rsqrt"] = x => (x.Abs() + 1).Rsqrt(),
        ["sin cos"] = x => x.Sin() + x.Cos(),
        ["floor ceil round"] = x => x.Floor() + x.Ceil() * 2 + x.Round() * 3,
        ["sigmoid"] = x => x.Sigmoid(),
        ["log1p expm1"] = x => x.Abs().Log1p() + x.Expm1(),
        ["pow"] = x => Tensor.Pow(x.Abs(), x),
        ["atan2"] = x => Tensor.Atan2(x, x.T.Reshape(3, 4)),
    };

    public static TheoryData<string, DType> BinaryCases() => Cases(s_binary.Keys, [DType.F32, DType.F64, DType.S32, DType.S64]);

    public static TheoryData<string, DType> UnaryCases() => Cases(s_unary.Keys, [DType.F32, DType.F64, DType.S32, DType.S64]);

    public static TheoryData<string, DType> FloatCases() => Cases(s_float.Keys, [DType.F32, DType.F64]);

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Binary_op_compiled_equals_eager(string op, DType dtype)
    {
        var f = s_binary[op];
        var a = RandomTensor(dtype, 3, 4);
        var b = RandomTensor(dtype, 4);
        if (op is "div" or "rem" && dtype.IsInteger()) b = b.Abs() + 1; // integer x/0 is defined, but keep the reference readable
        AssertSame(f(a, b), Jit.Compile(f, op).Invoke(a, b));
    }

    [Theory]
    [MemberData(nameof(UnaryCases))]
    public void Unary_op_compiled_equals_eager(string op, DType dtype)
    {
        var f = s_unary[op];
        var x = RandomTensor(dtype, 3, 4);
        AssertSame(f(x), Jit.Compile(f, op).Invoke(x));
    }

    [Theory]
    [MemberData(nameof(FloatCases))]
    public void Float_op_compiled_equals_eager(string op, DType dtype)
    {
        var f = s_float[op];
        var x = RandomTensor(dtype, 3, 4);
        AssertSame(f(x), Jit.Compile(f, op).Invoke(x));
    }

    [Fact]
    public void Pred_ops_compiled_equal_eager()
    {
        Func<Tensor, Tensor, Tensor> f = (p, q) => (p & q) | (!p ^ q) | (p == q).All(1).Reshape(3, 1) | q.Any();
        var p = Tensor.From(Rand.Bools(12), 3, 4);
        var q = Tensor.From(Rand.Bools(12), 3, 4);
        AssertSame(f(p, q), Jit.Compile(f, "pred").Invoke(p, q));
    }

    private static Tensor RandomTensor(DType dtype, params int[] shape)
    {
        int n = shape.Aggregate(1, (x, y) => x * y);
        return dtype switch
        {
            DType.F32 => Tensor.From(Rand.Floats(n), shape),
            DType.F64 => Tensor.From(Rand.Doubles(n), shape),
            DType.S32 => Tensor.From(Rand.Ints(n, -9, 10), shape),
            _ => Tensor.From(Rand.Longs(n, -9, 10), shape),
        };
    }

    private static void AssertSame(Tensor eager, Tensor compiled)
    {
        Assert.Equal(eager.DType, compiled.DType);
        Assert.Equal(eager.Shape, compiled.Shape);
        switch (eager.DType)
        {
            case DType.F32: Assert.Equal(eager.ToArray<float>(), compiled.ToArray<float>()); break;
            case DType.F64: Assert.Equal(eager.ToArray<double>(), compiled.ToArray<double>()); break;
            case DType.S32: Assert.Equal(eager.ToArray<int>(), compiled.ToArray<int>()); break;
            case DType.S64: Assert.Equal(eager.ToArray<long>(), compiled.ToArray<long>()); break;
            default: Assert.Equal(eager.ToArray<bool>(), compiled.ToArray<bool>()); break;
        }
    }

    private static TheoryData<string, DType> Cases(IEnumerable<string> names, DType[] dtypes)
    {
        var data = new TheoryData<string, DType>();
        foreach (var n in names) foreach (var d in dtypes) data.Add(n, d);
        return data;
    }
}
