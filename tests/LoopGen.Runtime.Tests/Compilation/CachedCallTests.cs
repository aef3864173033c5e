using LoopGen.Tests.Support;

namespace LoopGen.Tests.Compilation;

/// <summary>
/// The cached call's path (the signature used last, its buffers gathered straight from the arguments, one output
/// wrapped without a result array): results against plain loops over arrays on odd shapes, static arguments between
/// tensors, captured tensors, tuple outputs, many threads, and what one call allocates.
/// </summary>
public sealed class CachedCallTests
{
    public static TheoryData<int> Sizes => new() { 1, 7, 63, 65, 127, 1000 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Tensors_between_static_arguments_and_a_captured_tensor_reach_their_parameters_in_order(int n)
    {
        float[] xs = Rand.Floats(n), ys = Rand.Floats(n), ws = Rand.Floats(n);
        var w = Tensor.From(ws, n); // captured: passed after the explicit tensors
        var f = Jit.Compile((Tensor x, int k, Tensor y) => x * (float)k - y * w);
        var (tx, ty) = (Tensor.From(xs, n), Tensor.From(ys, n));
        for (int call = 0; call < 3; call++)
        {
            // The second and third calls take the cached path; k changes the signature on the third.
            int k = call < 2 ? 3 : 5;
            var got = f.Invoke(tx, k, ty).ToArray<float>();
            for (int i = 0; i < n; i++) Assert.Equal(xs[i] * k - ys[i] * ws[i], got[i], 5e-6f);
        }
        Assert.Equal(2, f.CacheCount);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_tuple_of_outputs_in_f64_comes_back_whole_on_the_cached_path(int n)
    {
        double[] xs = Rand.Doubles(n), ys = Rand.Doubles(n);
        var f = Jit.Compile((Tensor x, Tensor y) => (x + y, (x * y).Tanh()));
        var (tx, ty) = (Tensor.From(xs, n), Tensor.From(ys, n));
        for (int call = 0; call < 2; call++)
        {
            var (sum, th) = f.Invoke(tx, ty);
            var (s, t) = (sum.ToArray<double>(), th.ToArray<double>());
            Assert.Equal(n, s.Length);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(xs[i] + ys[i], s[i], 1e-12);
                Assert.Equal(Math.Tanh(xs[i] * ys[i]), t[i], 1e-12);
            }
        }
    }

    [Fact]
    public void An_output_that_is_an_argument_comes_back_equal_and_the_argument_stays_intact()
    {
        var xs = Rand.Floats(7);
        var f = Jit.Compile((Tensor x, Tensor y) => (x, y + 1f));
        var (tx, ty) = (Tensor.From(xs, 7), Tensor.From(xs, 7));
        for (int call = 0; call < 2; call++)
        {
            var (same, plus) = f.Invoke(tx, ty);
            Assert.Equal(xs, same.ToArray<float>());
            Assert.Equal(xs.Select(v => v + 1f).ToArray(), plus.ToArray<float>());
        }
        Assert.Equal(xs, tx.ToArray<float>());
    }

    [Fact]
    public void Sixteen_threads_on_one_executable_split_over_cores_agree_with_plain_loops()
    {
        // 2^18 elements: each call's fused pass is split over the cores (FusedKernel.ParallelThreshold), so every
        // thread's call fans out while fifteen others do the same; tiny calls of another signature run in between.
        const int big = 1 << 18;
        float[] xs = Rand.Floats(big), ys = Rand.Floats(big), small = Rand.Floats(7);
        var expected = xs.Select((x, i) => MathF.Tanh(x * 2f + 1f) * ys[i]).ToArray();
        var f = Jit.Compile((Tensor x, Tensor y) => (x * 2f + 1f).Tanh() * y);
        var (tx, ty, ts) = (Tensor.From(xs, big), Tensor.From(ys, big), Tensor.From(small, 7));
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            start.Wait();
            for (int call = 0; call < 12; call++)
            {
                var got = f.Invoke(tx, ty).ToArray<float>();
                for (int i = 0; i < big; i++)
                {
                    if (MathF.Abs(got[i] - expected[i]) > 1e-6f)
                    {
                        failures.Add($"thread {t} call {call} [{i}]: {got[i]} vs {expected[i]}");
                        break;
                    }
                }
                var tiny = f.Invoke(ts, ts).ToArray<float>();
                for (int i = 0; i < 7; i++)
                {
                    if (MathF.Abs(tiny[i] - MathF.Tanh(small[i] * 2f + 1f) * small[i]) > 1e-6f) failures.Add($"thread {t} call {call} tiny [{i}]");
                }
            }
        })).ToArray();
        foreach (var th in threads) th.Start();
        start.Set();
        foreach (var th in threads) th.Join();
        Assert.Empty(failures);
        Assert.Equal(2, f.CacheStats.Traces);
    }

    [Fact]
    public void A_cached_tiny_call_allocates_little_more_than_its_output()
    {
        // Bytes, not time: the tensor, its buffer, the output array and the argument and result lists. Before this
        // path was trimmed one call allocated 656 B (the output's type formatted into an unused message, a closure of
        // the split path, two tensor lists).
        var x = Tensor.From(new[] { 1f, 2f, 3f, 4f }, 4);
        var f = Jit.Compile((Tensor t) => t + 1f);
        for (int i = 0; i < 2000; i++) f.Invoke(x);
        const int calls = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Tensor last = x;
        for (int i = 0; i < calls; i++) last = f.Invoke(x);
        double perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
        Assert.Equal(new[] { 2f, 3f, 4f, 5f }, last.ToArray<float>());
        Assert.True(perCall <= 400, $"a cached call allocated {perCall} B");
    }
}
