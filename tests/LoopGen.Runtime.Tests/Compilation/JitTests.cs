using LoopGen.Tests.Loops;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Compilation;

/// <summary>Compiled functions: one trace per signature, results equal to eager execution, thread-safe caching, inspection.</summary>
public sealed class JitTests
{
    private static Tensor Poly(Tensor x, Tensor y) => (x * x + y * 3f - 1f).Tanh() / (x.Abs() + 1f);

    [Fact]
    public void Compiled_equals_eager_on_random_inputs()
    {
        var f = Jit.Compile<Tensor, Tensor, Tensor>(Poly);
        for (int round = 0; round < 3; round++)
        {
            var x = Tensor.From(Rand.Floats(12), 3, 4);
            var y = Tensor.From(Rand.Floats(4), 4);
            LoopSemanticsTests.AssertClose(Poly(x, y).ToArray<float>(), f.Invoke(x, y).ToArray<float>(), 1e-6);
        }
        Assert.Equal(1, f.CacheCount);
    }

    [Fact]
    public void A_new_shape_or_static_value_compiles_again_and_the_same_one_does_not()
    {
        var f = Jit.Compile((Tensor x, int n) => Loop.Fori(0, n, (i, c) => c * 2f, x));
        var a = Tensor.Ones(DType.F32, 2);
        Assert.Equal(new[] { 8f, 8f }, f.Invoke(a, 3).ToArray<float>());
        Assert.Equal(new[] { 8f, 8f }, f.Invoke(a, 3).ToArray<float>());
        Assert.Equal(1, f.CacheCount);
        Assert.Equal(new[] { 16f, 16f }, f.Invoke(a, 4).ToArray<float>());
        Assert.Equal(2, f.CacheCount);
        Assert.Equal(new[] { 8f, 8f, 8f }, f.Invoke(Tensor.Ones(DType.F32, 3), 3).ToArray<float>());
        Assert.Equal(3, f.CacheCount);
    }

    [Fact]
    public void A_dynamic_trip_count_reuses_one_executable()
    {
        var f = Jit.Compile((Tensor x, Tensor n) => Loop.Fori(Tensor.Scalar(0), n, (i, c) => c + i, x));
        foreach (var n in new[] { 0, 1, 7, 30 })
        {
            Assert.Equal(n * (n - 1) / 2, f.Invoke(Tensor.Scalar(0), Tensor.Scalar(n)).Item<int>());
        }
        Assert.Equal(1, f.CacheCount);
    }

    [Fact]
    public void Concurrent_first_calls_trace_and_compile_once()
    {
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 50, (i, c) => c + 1f, x));
        var inputs = Enumerable.Range(0, 16).Select(k => Tensor.From(new[] { (float)k }, 1)).ToArray();
        var results = new float[16];
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 16).Select(k => new Thread(() =>
        {
            start.Wait();
            for (int rep = 0; rep < 20; rep++) results[k] = f.Invoke(inputs[k]).ToArray<float>()[0];
        })).ToArray();
        foreach (var t in threads) t.Start();
        start.Set();
        foreach (var t in threads) t.Join();
        Assert.Equal(1, f.TraceCount);
        Assert.Equal(Enumerable.Range(0, 16).Select(k => k + 50f), results);
    }

    [Fact]
    public void A_compiled_function_called_inside_another_is_traced_inline()
    {
        var inner = Jit.Compile((Tensor x) => Loop.Fori(0, 3, (i, c) => c + 1f, x));
        var outer = Jit.Compile((Tensor x) => Loop.Fori(0, 2, (i, c) => inner.Invoke(c) * 2f, x));
        var lowered = outer.Lower(Tensor.Scalar(0f));
        Assert.Equal(2, lowered.WhileCount);
        Assert.Equal(18f, outer.Invoke(Tensor.Scalar(0f)).Item<float>());
        Assert.Equal(0, inner.CacheCount);
    }

    [Fact]
    public void Lower_returns_text_and_statistics_without_running()
    {
        int runs = 0;
        var f = Jit.Compile((Tensor x) =>
        {
            runs++;
            return Loop.While(c => c < 10f, c => c + 1f, x);
        });
        var lowered = f.Lower(Tensor.Scalar(0f));
        Assert.Equal(1, runs); // traced once, never executed
        Assert.Contains("\"stablehlo.while\"", lowered.Text);
        Assert.Contains("func.func public @main", lowered.Text);
        Assert.Equal(1, lowered.WhileCount);
        Assert.True(lowered.OpCount >= 4);
        Assert.True(lowered.TraceTime > TimeSpan.Zero);
        Assert.True(lowered.Compile() >= TimeSpan.Zero);
        Assert.Equal(0, f.CacheCount);
        Assert.Contains("stablehlo.while", lowered.PrettyText);
        Assert.DoesNotContain("\"stablehlo.while\"", lowered.PrettyText);
    }

    [Fact]
    public void Tuple_and_array_results_keep_their_structure()
    {
        var f = Jit.Compile((Tensor x, Tensor[] ys) => (x + ys[0], new[] { ys[1] * 2f, x }));
        var (a, bs) = f.Invoke(Tensor.Scalar(1f), [Tensor.Scalar(2f), Tensor.Scalar(3f)]);
        Assert.Equal(3f, a.Item<float>());
        Assert.Equal(6f, bs[0].Item<float>());
        Assert.Equal(1f, bs[1].Item<float>());
    }
}
