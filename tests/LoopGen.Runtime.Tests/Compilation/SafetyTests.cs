using System.Runtime.CompilerServices;
using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Compilation;

/// <summary>
/// The embedded backend under bad input and long runs: a bounded, inspectable compile cache; a parser that refuses
/// absurd nesting; cancellable calls; out-of-range indexes reported like the plain method; shape errors for
/// impossible sizes; parameter names in null-argument errors; many threads on one compiled method.
/// </summary>
public sealed class SafetyTests
{
    // ---- The compile cache -------------------------------------------------------------------------------------

    [Fact]
    public void Distinct_static_values_are_bounded_by_the_capacity_and_the_least_recently_used_go_first()
    {
        var f = Jit.Compile((Tensor x, int k) => x * (float)k);
        f.CacheCapacity = 8;
        var x = Tensor.From(Rand.Floats(3), 3);
        var xs = x.ToArray<float>();
        for (int k = 0; k < 200; k++)
        {
            Assert.Equal(xs.Select(v => v * k), f.Invoke(x, k).ToArray<float>());
        }
        var stats = f.CacheStats;
        Assert.Equal(8, stats.Entries);
        Assert.Equal(8, stats.Capacity);
        Assert.Equal(200, stats.Traces);
        Assert.Equal(192, stats.Evictions);
        Assert.True(stats.Compiles <= 200);

        // 199 is cached: no trace. 0 was evicted long ago: traced again.
        f.Invoke(x, 199);
        Assert.Equal(200, f.CacheStats.Traces);
        f.Invoke(x, 0);
        Assert.Equal(201, f.CacheStats.Traces);
        Assert.Equal(8, f.CacheStats.Entries);
    }

    [Fact]
    public void Eviction_order_is_least_recently_used()
    {
        var f = Jit.Compile((Tensor x, int k) => x + (float)k);
        f.CacheCapacity = 2;
        var x = Tensor.Scalar(1f);
        f.Invoke(x, 1); // A
        f.Invoke(x, 2); // B
        f.Invoke(x, 1); // A again: B is now the least recently used
        f.Invoke(x, 3); // C evicts B
        Assert.Equal(3, f.CacheStats.Traces);
        f.Invoke(x, 1);
        Assert.Equal(3, f.CacheStats.Traces); // A survived
        Assert.Equal(3f, f.Invoke(x, 2).Item<float>());
        Assert.Equal(4, f.CacheStats.Traces); // B did not
        Assert.True(f.CacheStats.Hits >= 2);
    }

    [Fact]
    public void ClearCache_empties_one_function_and_the_next_call_traces_again()
    {
        var f = Jit.Compile((Tensor x) => x * 2f);
        var x = Tensor.From(new[] { 1f, 2f }, 2);
        f.Invoke(x);
        f.Invoke(x);
        Assert.Equal(1, f.CacheStats.Entries);
        Assert.Equal(1, f.CacheStats.Traces);
        f.ClearCache();
        Assert.Equal(0, f.CacheStats.Entries);
        Assert.Equal(new[] { 2f, 4f }, f.Invoke(x).ToArray<float>());
        Assert.Equal(2, f.CacheStats.Traces);
        Assert.Equal("ClearCache_empties_one_function_and_the_next_call_traces_again_lambda", f.CacheStats.Name);
    }

    [Fact]
    public void Capacities_have_documented_defaults_and_refuse_nonsense()
    {
        Assert.Equal(64, JitCache.DefaultCapacityValue);
        Assert.Equal(512, JitCache.SharedCapacityValue);
        Assert.True(JitCache.DefaultCapacity >= 1);
        Assert.True(JitCache.SharedCount <= JitCache.SharedCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => JitCache.DefaultCapacity = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => JitCache.SharedCapacity = -1);
        var f = Jit.Compile((Tensor x) => x);
        Assert.Equal(JitCache.DefaultCapacity, f.CacheCapacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.CacheCapacity = 0);
    }

    // ---- The parser's nesting limit ----------------------------------------------------------------------------

    private static string NestedRegions(int depth)
    {
        var sb = new System.Text.StringBuilder("module @m {\n  func.func public @main() -> () {\n");
        for (int i = 0; i < depth; i++) sb.Append("\"test.op\"() ({\n");
        for (int i = 0; i < depth; i++) sb.Append("\"stablehlo.return\"() : () -> ()\n}) : () -> ()\n");
        return sb.Append("    \"func.return\"() : () -> ()\n  }\n}\n").ToString();
    }

    private static string NestedDense(int depth) =>
        "module @m {\n  func.func public @main() -> (tensor<1xf32>) {\n"
        + "    %0 = \"stablehlo.constant\"() {value = dense<" + new string('[', depth) + "1.0" + new string(']', depth) + "> : tensor<1xf32>} : () -> tensor<1xf32>\n"
        + "    \"func.return\"(%0) : (tensor<1xf32>) -> ()\n  }\n}\n";

    [Fact]
    public void Regions_nested_past_the_limit_are_a_parse_error_not_a_stack_overflow()
    {
        var within = MlirParser.Parse(NestedRegions(MlirParser.MaxNestingDepth));
        Assert.Single(within.Main.Body.Operations.Take(1));
        var e = Assert.Throws<MlirParseException>(() => MlirParser.Parse(NestedRegions(5_000)));
        Assert.Contains("nest deeper than 256 levels", e.Message);
        Assert.Equal(3 + MlirParser.MaxNestingDepth, e.Line); // the first region past the limit
    }

    [Fact]
    public void Dense_lists_nested_past_the_limit_are_a_parse_error_not_a_stack_overflow()
    {
        var e = Assert.Throws<MlirParseException>(() => MlirParser.Parse(NestedDense(40_000)));
        Assert.Contains("the lists of a dense literal nest deeper than 256 levels", e.Message);
        // Within the limit the literal is read (and then refused for its shape, a different error).
        var shape = Assert.Throws<MlirParseException>(() => MlirParser.Parse(NestedDense(3)));
        Assert.DoesNotContain("nest deeper", shape.Message);
    }

    // ---- Cancellation ------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_long_call_is_cancelled_between_iterations_and_the_function_stays_usable()
    {
        // c >= 0 holds forever: without cancellation this call never returns.
        var f = Jit.Compile((Tensor x) => Loop.While(c => c >= 0f, c => c + 1f, x));
        var g = Jit.Compile((Tensor x) => Loop.Fori(0, 10, (i, c) => c + 1f, x));
        using var cts = new CancellationTokenSource();
        var call = Task.Run(() => f.Invoke(Tensor.Scalar(0f), cts.Token));
        cts.CancelAfter(50);
        var done = await Task.WhenAny(call, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.Same(call, done); // guards against a hang, not a timing assertion
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        // The runtime is usable afterwards: the same executable with a fresh token, and another function.
        Assert.Equal(10f, g.Invoke(Tensor.Scalar(0f), CancellationToken.None).Item<float>());
        var stop = Jit.Compile((Tensor x) => Loop.While(c => c < 5f, c => c + 1f, x));
        Assert.Equal(5f, stop.Invoke(Tensor.Scalar(0f), new CancellationTokenSource().Token).Item<float>());
    }

    [Fact]
    public void An_already_cancelled_token_throws_before_anything_runs()
    {
        int traces = 0;
        var f = Jit.Compile((Tensor x) =>
        {
            traces++;
            return x + 1f;
        });
        Assert.ThrowsAny<OperationCanceledException>(() => f.Invoke(Tensor.Scalar(1f), new CancellationToken(canceled: true)));
        Assert.Equal(0, traces);
        Assert.Equal(2f, f.Invoke(Tensor.Scalar(1f)).Item<float>());
    }

    // ---- Out-of-range indexes ----------------------------------------------------------------------------------

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static float PlainSum(float[] xs, int n, int shift)
    {
        var t = Tensor.From(xs, xs.Length);
        Tensor acc = Tensor.Scalar(0f);
        for (int i = 0; i < n; i++) acc += t[i + shift];
        return acc.Item<float>();
    }

    [Theory]
    [InlineData(7, 0, "index 5", "index 5")]
    [InlineData(3, -8, "index ^8", "index -8")] // the plain int indexer shows a negative position from the end
    public void An_index_past_the_end_in_a_compiled_loop_throws_like_the_plain_method(int n, int shift, string plainIndex, string compiledIndex)
    {
        var xs = Rand.Floats(5);
        var plain = Assert.Throws<ArgumentOutOfRangeException>(() => PlainSum(xs, n, shift));
        Assert.Contains(plainIndex + " is out of range for axis 0 of size 5 (tensor f32[5])", plain.Message);
        string expected = compiledIndex + " is out of range for axis 0 of size 5";

        int line = Line() + 2;
        var f = Jit.Compile((Tensor v, int trips) => Loop.Fori(0, trips, (i, acc) =>
            acc + v[i + shift], Tensor.Scalar(0f)));
        var compiled = Assert.Throws<ArgumentOutOfRangeException>(() => f.Invoke(Tensor.From(xs, 5), n));
        Assert.Contains(expected + " (tensor f32[5])", compiled.Message);
        Assert.Contains($"SafetyTests.cs:{line}", compiled.Message);
        Assert.Contains("PJRT", compiled.Message); // says what XLA does instead

        // In range, the compiled loop agrees with the plain one; the function keeps working after the error.
        if (shift == 0) Assert.Equal(PlainSum(xs, 5, 0), f.Invoke(Tensor.From(xs, 5), 5).Item<float>(), 5);
    }

    [Fact]
    public void SetAt_with_a_traced_position_is_checked_and_DynamicSlice_keeps_clamping()
    {
        var set = Jit.Compile((Tensor x, Tensor i) => x.SetAt(i, 9f));
        var x = Tensor.From(new[] { 1f, 2f, 3f }, 3);
        Assert.Equal(new[] { 1f, 9f, 3f }, set.Invoke(x, Tensor.Scalar(1)).ToArray<float>());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => set.Invoke(x, Tensor.Scalar(3)));
        Assert.Contains("SetAt: index 3 is out of range for axis 0 of size 3", e.Message);

        // The explicit StableHLO op keeps StableHLO's semantics: the start is clamped so the slice fits.
        var slice = Jit.Compile((Tensor v, Tensor i) => Tensor.DynamicSlice(v, [i], [2]));
        Assert.Equal(new[] { 2f, 3f }, slice.Invoke(x, Tensor.Scalar(7)).ToArray<float>());
    }

    // ---- Shapes too large to count or to allocate --------------------------------------------------------------

    [Fact]
    public void An_element_count_that_overflows_is_a_shape_error_naming_the_shape()
    {
        var huge = new Shape(1 << 20, 1 << 20, 1 << 20, 1 << 20);
        var e = Assert.Throws<TensorShapeException>(() => huge.ElementCount);
        Assert.Contains("[1048576,1048576,1048576,1048576]", e.Message);
        Assert.Equal(0, new Shape(1 << 30, 0, 1 << 30, 1 << 30).ElementCount);
    }

    [Fact]
    public void A_tensor_larger_than_an_array_is_a_shape_error_eagerly_and_compiled()
    {
        var eager = Assert.Throws<TensorShapeException>(() => Tensor.Zeros(DType.F32, 100_000, 100_000));
        Assert.Contains("f32[100000,100000]", eager.Message);
        var f = Jit.Compile((Tensor x) => x.BroadcastTo(70_000, 70_000).Sum());
        var compiled = Assert.Throws<TensorShapeException>(() => f.Invoke(Tensor.Scalar(1f)));
        Assert.Contains("f32[70000,70000]", compiled.Message);
    }

    // ---- Null arguments ----------------------------------------------------------------------------------------

    [Fact]
    public void A_null_argument_names_the_csharp_parameter()
    {
        var f = Jit.Compile((Tensor values, Tensor weights) => values * weights);
        var e = Assert.Throws<ArgumentNullException>(() => f.Invoke(Tensor.Scalar(1f), null!));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains("'weights'", e.Message);
        var g = Jit.Compile(((Tensor A, Tensor B) pair) => pair.A + pair.B);
        var inner = Assert.Throws<ArgumentNullException>(() => g.Invoke((Tensor.Scalar(1f), null!)));
        Assert.Equal("pair.Item2", inner.ParamName);
    }

    // ---- Concurrency -------------------------------------------------------------------------------------------

    [Fact]
    public void Sixteen_threads_times_a_thousand_calls_agree_with_plain_arrays_and_trace_once_per_signature()
    {
        var f = Jit.Compile((Tensor x, Tensor y) => Loop.Fori(0, 3, (i, c) => c * 0.5f + y, (x * 2f + 1f).Tanh()));
        int[] sizes = [1, 7, 64, 1000];
        var inputs = sizes.Select(n => (X: Rand.Floats(n), Y: Rand.Floats(n))).ToArray();
        var expected = inputs.Select(p => p.X.Select((xv, j) =>
        {
            float c = MathF.Tanh(xv * 2f + 1f);
            for (int i = 0; i < 3; i++) c = c * 0.5f + p.Y[j];
            return c;
        }).ToArray()).ToArray();
        var tensors = inputs.Select(p => (X: Tensor.From(p.X, p.X.Length), Y: Tensor.From(p.Y, p.Y.Length))).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, 16).Select(t => new Thread(() =>
        {
            start.Wait();
            for (int call = 0; call < 1000; call++)
            {
                // Half the threads stay on one shape, half walk through all of them.
                int k = t % 2 == 0 ? t / 2 % sizes.Length : call % sizes.Length;
                var got = f.Invoke(tensors[k].X, tensors[k].Y).ToArray<float>();
                for (int j = 0; j < got.Length; j++)
                {
                    if (MathF.Abs(got[j] - expected[k][j]) > 1e-5f) failures.Add($"thread {t} call {call} size {sizes[k]} [{j}]: {got[j]} vs {expected[k][j]}");
                }
            }
        })).ToArray();
        foreach (var th in threads) th.Start();
        start.Set();
        foreach (var th in threads) th.Join();
        Assert.Empty(failures);
        Assert.Equal(sizes.Length, f.CacheStats.Traces);
        Assert.Equal(sizes.Length, f.CacheStats.Entries);
    }
}
