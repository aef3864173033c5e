using System.Runtime.CompilerServices;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;
using LoopGen.Ir;
using LoopGen.Tests.Pjrt.Fake;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// The PJRT backend end to end through its real bindings, against the in-process fake plugin: client options,
/// devices, transfers of every dtype, compile and execute, errors from the plugin, results that stay on the device,
/// executables per device, and every handle destroyed exactly once with the client last.
/// </summary>
[Collection(FakePluginCollection.Name)]
public sealed class PjrtBackendTests
{
    [Fact]
    public void Client_options_platform_and_devices_cross_the_boundary()
    {
        using var plugin = FakePjrtPlugin.Create(deviceCount: 2, platform: "cuda");
        var options = new Dictionary<string, object>
        {
            ["platform_name"] = "cuda",
            ["preallocate"] = false,
            ["memory_fraction"] = 0.25f,
            ["visible_devices"] = new long[] { 0, 1 },
            ["allocator"] = "platform",
        };
        using var backend = plugin.Backend(options);
        Assert.Equal("cuda", plugin.ReceivedOptions["platform_name"]);
        Assert.Equal(false, plugin.ReceivedOptions["preallocate"]);
        Assert.Equal(0.25f, plugin.ReceivedOptions["memory_fraction"]);
        Assert.Equal(new long[] { 0, 1 }, plugin.ReceivedOptions["visible_devices"]);
        Assert.Equal("platform", plugin.ReceivedOptions["allocator"]);

        Assert.Equal("pjrt:cuda", backend.Name);
        Assert.Equal(new Version(0, 70), backend.ApiVersion);
        Assert.Equal([10, 11], backend.Devices.Select(d => d.Id));
        Assert.Equal("Fake Accelerator 1", backend.Devices[1].Kind);
        var second = backend.OnDevice(1);
        Assert.Same(second, backend.OnDevice(1));
        Assert.Equal("pjrt:cuda:1", second.Name);
        Assert.Equal(11, second.Device.Id);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => backend.OnDevice(2));
        Assert.Contains("cuda has 2 addressable device(s): 0 to 1", e.Message);
        Assert.Empty(plugin.Violations);
    }

    [Fact]
    public void Client_options_the_plugin_or_LoopGen_cannot_take_are_named()
    {
        using var plugin = FakePjrtPlugin.Create();
        var unknown = Assert.Throws<PjrtException>(() => plugin.Backend(new Dictionary<string, object> { ["prealocate"] = false }));
        Assert.Equal("PJRT_Client_Create failed (InvalidArgument): Unknown client create option 'prealocate'", unknown.Message);
        Assert.Equal(PjrtErrorCode.InvalidArgument, unknown.Code);
        var type = Assert.Throws<ArgumentException>(() => plugin.Backend(new Dictionary<string, object> { ["memory_fraction"] = 0.5 }));
        Assert.Contains("'memory_fraction' has type Double; use string, long, long[], float or bool", type.Message);
        Assert.Equal(0, plugin.Live("Error"));
    }

    [Fact]
    public void Transfers_round_trip_every_dtype_and_shape()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        Array[] data = [Rand.Floats(6), Rand.Doubles(5), new[] { Rand.Int(-9, 9) }, Rand.Longs(3), Rand.Bools(9), Array.Empty<float>()];
        TensorType[] types =
        [
            new(DType.F32, new Shape(2, 3)), new(DType.F64, new Shape(5)), new(DType.S32, new Shape()),
            new(DType.S64, new Shape(3)), new(DType.Pred, new Shape(9)), new(DType.F32, new Shape(0, 4)),
        ];
        for (int i = 0; i < data.Length; i++)
        {
            var buffer = backend.Upload(data[i], types[i]);
            Assert.Equal(types[i], buffer.Type);
            Assert.Equal(data[i], backend.Download(buffer));
        }
        Assert.Equal(6, plugin.Uploads);
        Assert.Equal(5, plugin.Downloads); // an empty buffer has nothing to copy back
        Assert.Equal(0, plugin.Live("Event"));
        Assert.Empty(plugin.Violations);
    }

    [Fact]
    public void Compiled_loops_agree_with_the_interpreter_and_are_built_for_the_device()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        var xs = Rand.Floats(12);
        var n = Rand.Int(3, 40);
        var f = Jit.Compile((Tensor m, Tensor count) =>
        {
            var acc = Loop.Fori(0, 25, (i, c) => c * 0.9f + i.Cast(DType.F32), m);
            var (last, ys) = Loop.Scan((Tensor c, Tensor row) => (c + row.Sum(), row * c), Tensor.Scalar(0f), acc);
            var steps = Loop.While(c => c < count, c => c + 1, Tensor.Scalar(0));
            return (ys, last, steps);
        });
        var expected = f.Invoke(Tensor.From(xs, 3, 4), Tensor.Scalar(n));
        (Tensor Ys, Tensor Last, Tensor Steps) actual;
        using (Backend.Use(backend)) actual = f.Invoke(Tensor.From(xs, 3, 4), Tensor.Scalar(n));
        Assert.Equal(expected.ys.ToArray<float>(), actual.Ys.ToArray<float>());
        Assert.Equal(expected.last.ToArray<float>(), actual.Last.ToArray<float>());
        Assert.Equal(n, actual.Steps.ToArray<int>()[0]);
        Assert.Equal([10L], plugin.CompiledForDevice);
        Assert.Empty(plugin.Violations);
    }

    [Fact]
    public void Results_stay_on_the_device_between_calls()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        using var _ = Backend.Use(backend);
        var f = Jit.Compile((Tensor a) => a * 2f + 1f);
        var host = Rand.Floats(8);
        var x = Tensor.From(host, 8);
        var y = f.Invoke(f.Invoke(f.Invoke(x)));
        Assert.Equal(1, plugin.Uploads);
        Assert.Equal(0, plugin.Downloads);
        Assert.Equal(3, plugin.Executions);
        Assert.Equal(1, plugin.Compiles);
        Assert.Equal(host.Select(v => ((v * 2f + 1f) * 2f + 1f) * 2f + 1f).ToArray(), y.ToArray<float>());
        Assert.Equal(1, plugin.Downloads);
    }

    [Fact]
    public void Eager_ops_run_as_one_op_modules_compiled_once()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        var a = Rand.Floats(6);
        var b = Rand.Floats(6);
        var expected = ((Tensor.From(a, 2, 3) + Tensor.From(b, 2, 3)).Tanh() * 2f).ToArray<float>(); // on the interpreter
        using var _ = Backend.Use(backend);
        var x = Tensor.From(a, 2, 3);
        var y = Tensor.From(b, 2, 3);
        var first = ((x + y).Tanh() * 2f).ToArray<float>();
        int compiles = plugin.Compiles;
        var second = ((x + y).Tanh() * 2f).ToArray<float>();
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.InRange(compiles, 3, 4); // add, tanh, multiply (and the weak constant's broadcast)
        Assert.Equal(compiles, plugin.Compiles);
    }

    [Fact]
    public void Executables_are_compiled_per_device_and_tensors_move_device_to_device()
    {
        using var plugin = FakePjrtPlugin.Create(deviceCount: 2);
        using var backend = plugin.Backend();
        var one = backend.OnDevice(1);
        var f = Jit.Compile((Tensor a) => a.Exp().Sum());
        var host = Rand.Floats(5);
        Tensor x;
        using (Backend.Use(backend)) x = Tensor.From(host, 5);
        Tensor on0, on1, again;
        using (Backend.Use(backend)) on0 = f.Invoke(x);
        using (Backend.Use(one))
        {
            on1 = f.Invoke(x); // x lives on device 0: copied to device 1, not through the host
            again = f.Invoke(x);
        }
        Assert.Equal([10L, 11L], plugin.CompiledForDevice);
        Assert.Equal(on0.ToArray<float>(), on1.ToArray<float>());
        Assert.Equal(on0.ToArray<float>(), again.ToArray<float>());
        Assert.Equal(1, plugin.Uploads);
        Assert.Equal(2, plugin.DeviceCopies); // x stays on device 0; each call on device 1 takes a copy
        Assert.Equal(4, plugin.Downloads); // the four ToArray calls only
        Assert.Empty(plugin.Violations);
    }

    [Fact]
    public void Without_device_to_device_copies_a_tensor_moves_through_the_host()
    {
        using var plugin = FakePjrtPlugin.Create(deviceCount: 2);
        plugin.Unset(PjrtSlots.BufferCopyToDevice);
        using var backend = plugin.Backend();
        var host = Rand.Floats(3);
        Tensor x;
        using (Backend.Use(backend)) x = Tensor.From(host, 3);
        using (Backend.Use(backend.OnDevice(1))) Assert.Equal(host.Select(v => v * 2f), (x * 2f).ToArray<float>());
        Assert.Equal(3, plugin.Uploads); // x, x again on device 1, and the literal 2f
        Assert.Equal(2, plugin.Downloads); // x to the host on its way, and ToArray
        Assert.Equal(0, plugin.DeviceCopies);
    }

    [Fact]
    public void A_plugin_without_device_descriptions_runs_on_its_default_device()
    {
        using var plugin = FakePjrtPlugin.Create();
        plugin.Unset(PjrtSlots.DeviceGetDescription);
        using var backend = plugin.Backend();
        Assert.Equal(-1, backend.Device.Id);
        using (Backend.Use(backend)) Assert.Equal(3f, (Tensor.Scalar(1f) + 2f).ToArray<float>()[0]);
        Assert.All(plugin.CompiledForDevice, id => Assert.Equal(-1L, id));
    }

    [Fact]
    public void A_module_the_plugin_rejects_is_an_exception_with_its_message_and_code()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        // Valid for LoopGen's parser, refused by the plugin: the fake refuses text that names an op it cannot run.
        const string text = "module @m {\n  func.func @main(%arg0: tensor<2xf32>) -> tensor<2xf32> {\n    %0 = \"stablehlo.cholesky\"(%arg0) : (tensor<2xf32>) -> tensor<2xf32>\n    func.return %0 : tensor<2xf32>\n  }\n}\n";
        var e = Assert.Throws<PjrtException>(() => backend.Compile(text));
        Assert.StartsWith("PJRT_Client_Compile failed (InvalidArgument): MLIR translation failed:", e.Message);
        Assert.Equal(PjrtErrorCode.InvalidArgument, e.Code);
        Assert.Equal(0, plugin.Live("Error"));
        Assert.Equal(0, plugin.Live("LoadedExecutable"));
    }

    [Fact]
    public void Arguments_of_the_wrong_type_or_backend_are_refused_before_the_plugin_sees_them()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        var exe = backend.Compile("module @m {\n  func.func @main(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {\n    func.return %arg0 : tensor<2x3xf32>\n  }\n}\n");
        var wrong = backend.Upload(Rand.Floats(3), new TensorType(DType.F32, new Shape(3)));
        var type = Assert.Throws<ArgumentException>(() => backend.Execute(exe, [wrong]));
        Assert.Contains("argument 0 is f32[3]; the module expects f32[2,3]", type.Message);
        var foreign = InterpreterBackend.Instance.Upload(Rand.Floats(6), new TensorType(DType.F32, new Shape(2, 3)));
        Assert.Contains("lives on another backend", Assert.Throws<ArgumentException>(() => backend.Execute(exe, [foreign])).Message);
        Assert.Equal(0, plugin.Executions);
    }

    [Fact]
    public void A_failed_execution_reports_the_devices_error_and_frees_its_outputs()
    {
        using var plugin = FakePjrtPlugin.Create();
        using var backend = plugin.Backend();
        using var _ = Backend.Use(backend);
        var f = Jit.Compile((Tensor a) => (a + 1f, a * 3f));
        var x = Tensor.From(Rand.Floats(4), 4);
        f.Invoke(x); // compiled and run once
        int live = plugin.Live("Buffer");
        plugin.FailNextExecution = "CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered";
        var e = Assert.Throws<PjrtException>(() => f.Invoke(x));
        Assert.Equal("execution failed (Internal): CUDA_ERROR_ILLEGAL_ADDRESS: an illegal memory access was encountered", e.Message);
        Assert.Equal(live, plugin.Live("Buffer")); // the two outputs of the failed run are already destroyed
        Assert.Equal(0, plugin.Live("Event"));
        Assert.Equal(0, plugin.Live("Error"));
        Assert.Equal(x.ToArray<float>().Select(v => v + 1f), f.Invoke(x).Item1.ToArray<float>()); // and the next run works
    }

    [Fact]
    public void Every_object_is_destroyed_once_and_the_client_last()
    {
        using var plugin = FakePjrtPlugin.Create(deviceCount: 2);
        var backend = plugin.Backend();
        var kept = UseEverything(backend);
        backend.Dispose(); // the client must outlive the tensor still held
        Collect();
        Assert.Equal(1, plugin.Live("Client"));
        Assert.Equal(0, plugin.Live("LoadedExecutable"));
        Assert.Equal(4, kept.ToArray<float>().Length);
        GC.KeepAlive(kept);
        kept = null!;
        Collect();
        Assert.True(plugin.LiveSummary().Length == 0, "still live: " + plugin.LiveSummary());
        Assert.Empty(plugin.Violations);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Tensor UseEverything(PjrtBackend backend)
    {
        Tensor kept;
        using (Backend.Use(backend))
        {
            var f = Jit.Compile((Tensor a) => Loop.Fori(0, 5, (i, c) => c + 1f, a));
            kept = f.Invoke(Tensor.From(Rand.Floats(4), 4));
            _ = (kept * 2f).ToArray<float>();
        }
        using (Backend.Use(backend.OnDevice(1))) _ = (Tensor.From(Rand.Floats(3), 3).Exp()).ToArray<float>();
        return kept;
    }

    private static void Collect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}

/// <summary>The fake plugin's tests share one static creation slot: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FakePluginCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fake PJRT plugin";
}
