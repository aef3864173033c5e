using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Elementwise math functions, eagerly, against <see cref="Math"/> on each element.</summary>
public class MathTests
{
    public static TheoryData<string> FloatFunctions => new()
    {
        "Exp", "Log", "Tanh", "Sqrt", "Rsqrt", "Sin", "Cos", "Sigmoid", "Log1p", "Expm1", "Abs", "Sign", "Floor", "Ceil", "Round", "Square", "Relu",
    };

    private static (Func<Tensor, Tensor> Op, Func<double, double> Ref, bool Positive) Function(string name) => name switch
    {
        "Exp" => (Tensor.Exp, Math.Exp, false),
        "Log" => (t => t.Log(), Math.Log, true),
        "Tanh" => (Tensor.Tanh, Math.Tanh, false),
        "Sqrt" => (t => t.Sqrt(), Math.Sqrt, true),
        "Rsqrt" => (Tensor.Rsqrt, x => 1 / Math.Sqrt(x), true),
        "Sin" => (Tensor.Sin, Math.Sin, false),
        "Cos" => (t => t.Cos(), Math.Cos, false),
        "Sigmoid" => (Tensor.Sigmoid, x => 1 / (1 + Math.Exp(-x)), false),
        "Log1p" => (Tensor.Log1p, x => Math.Log(1 + x), true),
        "Expm1" => (t => t.Expm1(), x => Math.Exp(x) - 1, false),
        "Abs" => (Tensor.Abs, Math.Abs, false),
        "Sign" => (t => t.Sign(), x => Math.Sign(x), false),
        "Floor" => (Tensor.Floor, Math.Floor, false),
        "Ceil" => (t => t.Ceil(), Math.Ceiling, false),
        "Round" => (Tensor.Round, x => Math.Round(x, MidpointRounding.ToEven), false),
        "Square" => (t => t.Square(), x => x * x, false),
        "Relu" => (Tensor.Relu, x => Math.Max(x, 0), false),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(FloatFunctions))]
    public void Float_functions_f32_and_f64(string name)
    {
        var (op, reference, positive) = Function(name);
        foreach (var dt in new[] { DType.F32, DType.F64 })
        {
            var data = dt == DType.F32
                ? LoopGen.Tests.Support.Rand.Floats(12, positive ? 0.05f : -3f, 3f).Select(v => (double)v).ToArray()
                : LoopGen.Tests.Support.Rand.Doubles(12, positive ? 0.05 : -3, 3);
            if (name == "Round") data[0] = 2.5; // a tie: half to even
            var x = FromDoubles(data, dt, 3, 4);
            AssertTensor(op(x), dt, [3, 4], [.. data.Select(v => Store(reference(dt == DType.F32 ? (float)v : v), dt))],
                tol: dt == DType.F32 ? 2e-6 : 1e-14);
        }
    }

    [Fact]
    public void Integer_inputs_of_transcendentals_become_f32()
    {
        var (x, d) = Random(DType.S32, 5);
        AssertTensor(x.Exp(), DType.F32, [5], [.. d.Select(v => (double)(float)Math.Exp(v))], tol: 1e-6);
        var (y, dy) = Random(DType.S64, 2, 2);
        AssertTensor(Tensor.Tanh(y), DType.F32, [2, 2], [.. dy.Select(v => (double)(float)Math.Tanh(v))], tol: 1e-6);
    }

    [Theory]
    [InlineData(DType.S32)]
    [InlineData(DType.S64)]
    public void Integer_abs_sign_square_relu_and_rounding(DType dt)
    {
        var (x, d) = Random(dt, 7);
        AssertTensor(x.Abs(), dt, [7], [.. d.Select(Math.Abs)]);
        AssertTensor(x.Sign(), dt, [7], [.. d.Select(v => (double)Math.Sign(v))]);
        AssertTensor(x.Square(), dt, [7], [.. d.Select(v => v * v)]);
        AssertTensor(x.Relu(), dt, [7], [.. d.Select(v => Math.Max(v, 0))]);
        AssertTensor(x.Floor(), dt, [7], d);
        AssertTensor(x.Round(), dt, [7], d);
    }

    [Fact]
    public void Pow_and_atan2()
    {
        var (a, da) = Random(DType.F64, 3, 1);
        var (b, db) = Random(DType.F64, 4);
        var pa = Tensor.Abs(a) + 0.1;
        AssertTensor(Tensor.Pow(pa, b), DType.F64, [3, 4], Zip([.. da.Select(v => Math.Abs(v) + 0.1)], [3, 1], db, [4], Math.Pow), tol: 1e-12);
        AssertTensor(a.Pow(2), DType.F64, [3, 1], [.. da.Select(v => v * v)], tol: 1e-12);
        AssertTensor(Tensor.Atan2(a, b), DType.F64, [3, 4], Zip(da, [3, 1], db, [4], Math.Atan2), tol: 1e-12);
        var (f, df) = Random(DType.F32, 5);
        var (g, dg) = Random(DType.F32, 5);
        AssertTensor(Tensor.Atan2(f, g), DType.F32, [5], [.. df.Zip(dg, (y, x) => (double)MathF.Atan2((float)y, (float)x))], tol: 1e-6);
        var (i, di) = Random(DType.S32, 6);
        var e = Tensor.From(new[] { 0, 1, 2, 3, 2, 1 });
        AssertTensor(Tensor.Pow(i, e), DType.S32, [6], [.. di.Select((v, k) => Math.Pow(v, new[] { 0, 1, 2, 3, 2, 1 }[k]))]);
    }

    [Theory]
    [MemberData(nameof(OperatorTests.NumericTypes), MemberType = typeof(OperatorTests))]
    public void Maximum_minimum_with_broadcasting(DType dt)
    {
        var (a, da) = Random(dt, 2, 3);
        var (b, db) = Random(dt, 3);
        AssertTensor(Tensor.Maximum(a, b), dt, [2, 3], Zip(da, [2, 3], db, [3], Math.Max));
        AssertTensor(Tensor.Min(a, b), dt, [2, 3], Zip(da, [2, 3], db, [3], Math.Min));
        AssertTensor(Tensor.Max(b, 0), dt, [3], [.. db.Select(v => Math.Max(v, 0))]);
        AssertTensor(Tensor.Minimum(a, b), dt, [2, 3], Zip(da, [2, 3], db, [3], Math.Min));
    }

    [Theory]
    [MemberData(nameof(OperatorTests.NumericTypes), MemberType = typeof(OperatorTests))]
    public void Clamp_with_scalar_and_tensor_bounds(DType dt)
    {
        var (x, dx) = Random(dt, 3, 4);
        AssertTensor(x.Clamp(-1, 1), dt, [3, 4], [.. dx.Select(v => Math.Clamp(v, -1, 1))]);
        var lo = FromDoubles([-10, -1, 0, 1], dt, 4);
        AssertTensor(Tensor.Clamp(x, lo, 5), dt, [3, 4], Zip(dx, [3, 4], [-10, -1, 0, 1], [4], (v, l) => Math.Min(Math.Max(v, l), 5)));
    }

    [Theory]
    [MemberData(nameof(OperatorTests.NumericTypes), MemberType = typeof(OperatorTests))]
    public void Where_selects_with_broadcasting(DType dt)
    {
        var (c, dc) = Random(DType.Pred, 4);
        var (a, da) = Random(dt, 3, 1);
        var (b, db) = Random(dt, 3, 4);
        var expected = new double[12];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                expected[i * 4 + j] = dc[j] != 0 ? da[i] : db[i * 4 + j];
        AssertTensor(Tensor.Where(c, a, b), dt, [3, 4], expected);
        var (s, ds) = Random(DType.Pred, []);
        AssertTensor(Tensor.Where(s, a, 0), dt, [3, 1], [.. da.Select(v => ds[0] != 0 ? v : 0)]);
    }

    [Fact]
    public void Cast_between_dtypes()
    {
        var (f, df) = Random(DType.F32, 6);
        AssertTensor(f.Cast(DType.S32), DType.S32, [6], [.. df.Select(Math.Truncate)]);
        AssertTensor(f.Cast<double>(), DType.F64, [6], df);
        AssertTensor(f.Cast(DType.Pred), DType.Pred, [6], [.. df.Select(v => v != 0 ? 1.0 : 0)]);
        var (p, dp) = Random(DType.Pred, 3);
        AssertTensor(p.Cast(DType.F32), DType.F32, [3], dp);
        Assert.Same(f, f.Cast(DType.F32)); // no op, no copy
        Tensor weak = 1.5; // a weak f64 literal adopts f32; once cast it is a strong f64 and promotes
        Assert.Equal(DType.F32, (weak + f).DType);
        Assert.Equal(DType.F64, (weak.Cast(DType.F64) + f).DType);
    }
}
