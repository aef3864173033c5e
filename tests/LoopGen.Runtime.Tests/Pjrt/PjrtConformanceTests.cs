using LoopGen.Backends;
using LoopGen.Backends.Pjrt;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// The runtime's modules on a real PJRT plugin, compared with the interpreter (the oracle) on the same inputs: ops,
/// loops of every kind, conditionals, transfers and results that stay on the device between calls.
/// </summary>
public sealed class PjrtConformanceTests
{
    private static readonly Lazy<PjrtBackend> s_backend = new(() => PjrtBackend.Load(null, null));

    private static (float[] Pjrt, float[] Interpreter) Both(Func<Tensor> make)
    {
        float[] reference = make().ToArray<float>();
        using (Backend.Use(s_backend.Value))
        {
            return (make().ToArray<float>(), reference);
        }
    }

    [PjrtFact]
    public void Transfers_round_trip_every_dtype()
    {
        using var _ = Backend.Use(s_backend.Value);
        var f = Rand.Floats(7);
        Assert.Equal(f, Tensor.From(f, 7).ToArray<float>());
        var d = Rand.Doubles(5);
        Assert.Equal(d, Tensor.From(d, 5).ToArray<double>());
        var i = Rand.Ints(6);
        Assert.Equal(i, Tensor.From(i, 2, 3).ToArray<int>());
        var l = Rand.Longs(3);
        Assert.Equal(l, Tensor.From(l, 3).ToArray<long>());
        var b = Rand.Bools(9);
        Assert.Equal(b, Tensor.From(b, 9).ToArray<bool>());
    }

    [PjrtFact]
    public void Elementwise_reductions_and_matmul_agree_with_the_interpreter()
    {
        var x = Rand.Floats(12);
        var y = Rand.Floats(4);
        var (p, r) = Both(() =>
        {
            var a = Tensor.From(x, 3, 4);
            var v = Tensor.From(y, 4);
            var f = Jit.Compile((Tensor m, Tensor w) => ((m * 2f + w).Tanh() + Tensor.MatMul(m, w).Reshape(3, 1) + m.Sum(0)).Exp());
            return f.Invoke(a, v);
        });
        Support.Close(r, p);
    }

    [PjrtFact]
    public void Fori_while_scan_and_cond_agree_with_the_interpreter()
    {
        var xs = Rand.Floats(10);
        var (p, r) = Both(() =>
        {
            var f = Jit.Compile((Tensor s) =>
            {
                var acc = Loop.Fori(0, 100, (i, c) => c * 0.99f + i.Cast(DType.F32) * 0.01f, Tensor.Zeros(DType.F32, 10));
                var w = Loop.While(c => c.Sum() < 100f, c => c * 1.5f + 1f, acc.Abs());
                var (last, ys) = Loop.Scan((Tensor c, Tensor row) => (c + row, Loop.Cond(row > 0f, () => c, () => -c)), Tensor.Scalar(0f), s);
                return Tensor.Concat([w, ys, last.Reshape(1)]);
            });
            return f.Invoke(Tensor.From(xs, 10));
        });
        Support.Close(r, p);
    }

    [PjrtFact]
    public void Results_stay_on_the_device_between_calls()
    {
        using var _ = Backend.Use(s_backend.Value);
        var f = Jit.Compile((Tensor a) => a * 2f);
        var x = Tensor.From(Rand.Floats(4), 4);
        var once = f.Invoke(x);
        var twice = f.Invoke(once); // the argument is already a device buffer: no host round trip
        Support.Close(x.ToArray<float>().Select(v => v * 4f).ToArray(), twice.ToArray<float>());
    }

    private static class Support
    {
        public static void Close(float[] expected, float[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"[{i}] interpreter {expected[i]}, pjrt {actual[i]}");
            }
        }
    }
}
