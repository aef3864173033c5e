using LoopGen.Backends;
using LoopGen.Onnx.Tests.Support;

namespace LoopGen.Onnx.Tests;

/// <summary>The backend behind <see cref="IBackend"/>: sessions per signature, cached and disposed; eager ops; transfers.</summary>
public sealed class BackendTests
{
    [Fact]
    public void One_session_per_signature_cached_across_calls_and_disposed_with_the_backend()
    {
        var backend = new OnnxRuntimeBackend(intraOpThreads: 1);
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 5, (i, c) => c * 2f + 1f, x), "cached");
        Tensor a, b, c;
        using (Backend.Use(backend))
        {
            a = f.Invoke(Tensor.From(new[] { 1f, 2f }, 2));
            b = f.Invoke(Tensor.From(new[] { 3f, 4f }, 2));
            Assert.Equal(1, backend.SessionsCreated);
            c = f.Invoke(Tensor.From(new[] { 1f, 2f, 3f }, 3)); // a new signature: a second session
            Assert.Equal(2, backend.SessionsCreated);
            Assert.Equal([63f, 95f], a.ToArray<float>());
            Assert.Equal([127f, 159f], b.ToArray<float>());
            Assert.Equal([63f, 95f, 127f], c.ToArray<float>());
        }
        Assert.Equal(2, backend.SessionsLive);
        backend.Dispose();
        Assert.Equal(0, backend.SessionsLive);
        Assert.Throws<ObjectDisposedException>(() => backend.Compile(f.Lower(Tensor.Zeros(DType.F32, 2)).Text));
        backend.Dispose(); // twice is harmless
    }

    [Fact]
    public void Eager_ops_run_on_onnx_runtime_and_agree_with_the_interpreter()
    {
        var x = new[] { 0.5f, -1.5f, 2f, 3f, -0.25f, 1f };
        Tensor Work(Tensor t) => (Tensor.MatMul(t.Reshape(2, 3), t.Reshape(3, 2)).Exp() / 3f).Sum(1) + t.Max();
        var expected = Work(Tensor.From(x, 6)).ToArray<float>();
        using (Backend.Use(Backends.Ort))
        {
            var actual = Work(Tensor.From(x, 6));
            Assert.Equal(expected, actual.ToArray<float>(), (p, q) => Math.Abs(p - q) <= 1e-5f + 1e-5f * Math.Abs(p));
        }
    }

    [Fact]
    public void Transfers_round_trip_every_dtype_and_empty_tensors()
    {
        var ort = Backends.Ort;
        foreach (var data in new Array[] { new[] { 1.5f, -2f }, new[] { 1e300, -0.0 }, new[] { int.MinValue, 7 }, new[] { long.MaxValue, -1L }, new[] { true, false, true }, Array.Empty<float>() })
        {
            var dtype = DTypes.FromClr(data.GetType().GetElementType()!);
            var buffer = ort.Upload((Array)data.Clone(), new Ir.TensorType(dtype, new Shape(data.Length)));
            Assert.Equal(data, ort.Download(buffer));
        }
    }

    [Fact]
    public void Tensors_from_the_interpreter_flow_into_onnx_runtime_calls()
    {
        var f = Jit.Compile((Tensor x, Tensor y) => (x + y, (x * y).Sum()), "mixed");
        var x = Tensor.From(new[] { 1, 2, 3 }, 3);
        var y = Tensor.From(new[] { 10, 20, 30 }, 3);
        using (Backend.Use(Backends.Ort))
        {
            var (sum, dot) = f.Invoke(x, y);
            Assert.Equal([11, 22, 33], sum.ToArray<int>());
            Assert.Equal(140, dot.Item<int>());
        }
    }

    [Fact]
    public void Concurrent_runs_of_one_session_agree()
    {
        var f = Jit.Compile((Tensor x) => Loop.Fori(0, 50, (i, c) => (c + 0.01f).Tanh(), x), "parallel");
        var inputs = Enumerable.Range(0, 16).Select(k => new[] { k * 0.1f, -k * 0.1f }).ToArray();
        var text = f.Lower(Tensor.Zeros(DType.F32, 2)).Text;
        var expected = inputs.Select(i => BothEngines.Run(Backends.Interpreter, text, i)[0]).ToArray();
        var exe = Backends.Ort.Compile(text);
        var actual = new Array[inputs.Length];
        Parallel.For(0, inputs.Length, k => actual[k] = Backends.Ort.Download(Backends.Ort.Execute(exe, [Backends.Ort.Upload((Array)inputs[k].Clone(), new Ir.TensorType(DType.F32, new Shape(2)))])[0]));
        for (int k = 0; k < inputs.Length; k++) Assert.Equal((float[])expected[k], (float[])actual[k], (p, q) => Math.Abs(p - q) <= 1e-6f);
        ((IDisposable)exe).Dispose();
    }
}
