using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using LoopGen.Ir;
using LoopGen.Ir.Text;

namespace LoopGen.Backends.Pjrt;

/// <summary>
/// Runs modules on an accelerator through any PJRT plugin (<c>GetPjrtApi</c>): StableHLO text in (format
/// <c>"mlir"</c>), device buffers out. Tensors made here stay on the device until read. One instance runs on one
/// device; <see cref="OnDevice"/> gives the others, and the compile cache keeps executables per device.
/// </summary>
/// <remarks>
/// Unverified on hardware so far: the bindings follow the C API header (layouts pinned by tests) and run the test
/// suite against an in-process fake plugin that checks every struct size, handle and transfer, but no session has had
/// a device to run a real plugin yet. The conformance tests run where <c>LOOPGEN_PJRT_PLUGIN</c> is set.
/// </remarks>
public sealed unsafe class PjrtBackend : IBackend, IDirectCopy, IDisposable
{
    private static readonly ConcurrentDictionary<string, PjrtApi> s_plugins = new(StringComparer.Ordinal);

    private readonly PjrtClient _client;
    private readonly PjrtApi _api;

    internal PjrtBackend(PjrtClient client, PjrtDevice device)
    {
        _client = client;
        _api = client.Api;
        Device = device;
    }

    /// <summary><c>pjrt:</c> and the platform, e.g. <c>pjrt:cuda</c>; a device other than the first adds its ordinal (<c>pjrt:cuda:1</c>).</summary>
    public string Name => "pjrt:" + Platform + (Device.Ordinal == 0 ? "" : ":" + Device.Ordinal);

    /// <summary>The plugin's platform name (<c>cuda</c>, <c>tpu</c>, <c>cpu</c>).</summary>
    public string Platform => _client.Platform;

    /// <summary>The client's addressable devices.</summary>
    public IReadOnlyList<PjrtDevice> Devices => _client.Devices;

    /// <summary>Number of addressable devices.</summary>
    public int DeviceCount => _client.Devices.Count;

    /// <summary>The device this backend uploads to, compiles for and runs on.</summary>
    public PjrtDevice Device { get; }

    /// <summary>The plugin's PJRT C API version.</summary>
    public Version ApiVersion => new(_api.Major, _api.Minor);

    /// <summary>
    /// The backend for device <paramref name="ordinal"/> of the same client (the same instance on every call). Its
    /// executables are compiled for that device; a tensor from another device of the client is copied device to device (PJRT_Buffer_CopyToDevice) when passed in.
    /// </summary>
    public PjrtBackend OnDevice(int ordinal) => _client.Backend(ordinal);

    /// <summary>
    /// Loads a plugin (explicit path, else <c>LOOPGEN_PJRT_PLUGIN</c>, else discovery) and creates a client; the
    /// backend runs on its first device. Any failure is a <see cref="PjrtException"/> saying why: no plugin, missing
    /// file, no <c>GetPjrtApi</c>, too old, or the plugin's own error.
    /// </summary>
    /// <param name="pluginPath">The plugin's path, or null to discover one.</param>
    /// <param name="createOptions">Client options by name (string, long, long[], float, bool values), e.g. <c>preallocate = false</c> for CUDA.</param>
    public static PjrtBackend Load(string? pluginPath = null, IReadOnlyDictionary<string, object>? createOptions = null)
    {
        var path = PluginDiscovery.Find(pluginPath)
            ?? throw new PjrtException($"no PJRT plugin found: pass its path, set {PluginDiscovery.Variable}, or install one (e.g. jax[cuda13] for xla_cuda_plugin.so)");
        var api = s_plugins.GetOrAdd(path, p =>
        {
            var loaded = PjrtApi.Load(p);
            var init = new PluginInitializeArgs { Size = PluginInitializeArgs.StructSize };
            loaded.Call(PjrtSlots.PluginInitialize, "PJRT_Plugin_Initialize", ref init);
            return loaded;
        });
        return FromApi(api, createOptions);
    }

    /// <summary>A client over an API table already loaded and initialized (tests pass an in-process fake).</summary>
    internal static PjrtBackend FromApi(PjrtApi api, IReadOnlyDictionary<string, object>? createOptions = null) =>
        PjrtClient.Create(api, createOptions).Backend(0);

    /// <summary>
    /// A PJRT backend when a plugin is configured or found, else null with a one-line explanation (the interpreter stays
    /// the backend). A plugin that is configured but fails to load is an exception, not a silent fallback.
    /// </summary>
    public static PjrtBackend? TryDiscover(out string message)
    {
        var path = PluginDiscovery.Find();
        if (path is null)
        {
            message = $"no PJRT plugin found ({PluginDiscovery.Variable} unset, no jax_plugins/xla_cuda* or libtpu in a Python environment): using the interpreter";
            return null;
        }
        var backend = Load(path);
        message = $"using {backend.Name} from {path} (PJRT C API {backend.ApiVersion}, {backend.DeviceCount} device(s): {string.Join(", ", backend.Devices)})";
        return backend;
    }

    /// <inheritdoc/>
    public IDeviceBuffer Upload(Array data, TensorType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(type);
        var dims = type.Shape.Dims.Select(d => (long)d).ToArray();
        var pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            fixed (long* dimsPtr = dims)
            {
                var args = new BufferFromHostBufferArgs
                {
                    Size = BufferFromHostBufferArgs.StructSize,
                    Client = _client.Handle.Pointer,
                    Data = pin.AddrOfPinnedObject(),
                    Type = PjrtTypes.ToPjrt(type.DType),
                    Dims = (nint)dimsPtr,
                    NumDims = (nuint)dims.Length,
                    HostBufferSemantics = 0, // ImmutableOnlyDuringCall: the plugin copies before returning
                    Device = Device.Pointer,
                };
                _api.Call(PjrtSlots.ClientBufferFromHostBuffer, "PJRT_Client_BufferFromHostBuffer", ref args);
                _api.AwaitAndDestroy(args.DoneWithHostBuffer, "host-to-device transfer");
                return new PjrtBuffer(NewBuffer(args.Buffer), type, Device);
            }
        }
        finally
        {
            pin.Free();
        }
    }

    /// <inheritdoc/>
    public Array Download(IDeviceBuffer buffer)
    {
        var b = Own(buffer);
        var result = Array.CreateInstance(b.Type.DType.ClrType(), checked((int)b.Type.Shape.ElementCount));
        if (result.Length == 0) return result;
        var pin = GCHandle.Alloc(result, GCHandleType.Pinned);
        bool added = false;
        b.Handle.DangerousAddRef(ref added);
        try
        {
            var args = new BufferToHostBufferArgs
            {
                Size = BufferToHostBufferArgs.StructSize,
                Src = b.Handle.Pointer,
                Dst = pin.AddrOfPinnedObject(),
                DstSize = (nuint)(result.Length * b.Type.DType.ByteSize()),
            };
            _api.Call(PjrtSlots.BufferToHostBuffer, "PJRT_Buffer_ToHostBuffer", ref args);
            _api.AwaitAndDestroy(args.Event, "device-to-host transfer");
            return result;
        }
        finally
        {
            if (added) b.Handle.DangerousRelease();
            pin.Free();
        }
    }

    /// <inheritdoc/>
    public IExecutable Compile(string mlirText)
    {
        ArgumentNullException.ThrowIfNull(mlirText);
        var main = MlirParser.Parse(mlirText).Main; // our own text: parameter and result types for checks
        var code = Encoding.UTF8.GetBytes(mlirText);
        var format = "mlir"u8.ToArray();
        var options = CompileOptions.Encode(Device.Id >= 0 ? Device.Id : null);
        fixed (byte* codePtr = code, formatPtr = format, optionsPtr = options)
        {
            var program = new Program { Size = Program.StructSize, Code = (nint)codePtr, CodeSize = (nuint)code.Length, Format = (nint)formatPtr, FormatSize = (nuint)format.Length };
            var args = new ClientCompileArgs
            {
                Size = ClientCompileArgs.StructSize,
                Client = _client.Handle.Pointer,
                Program = (nint)(&program),
                CompileOptions = (nint)optionsPtr,
                CompileOptionsSize = (nuint)options.Length,
            };
            _api.Call(PjrtSlots.ClientCompile, "PJRT_Client_Compile", ref args);
            var handle = new PjrtHandle(_api, args.Executable, PjrtSlots.LoadedExecutableDestroy, "PJRT_LoadedExecutable_Destroy", _client.Handle);
            return new PjrtExecutable(handle, [.. main.Parameters.Select(p => p.Type)], main.ResultTypes);
        }
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments)
    {
        if (executable is not PjrtExecutable exe) throw new ArgumentException("the executable was compiled by another backend", nameof(executable));
        if (arguments.Count != exe.ParameterTypes.Count)
        {
            throw new ArgumentException($"the module takes {exe.ParameterTypes.Count} arguments; {arguments.Count} given", nameof(arguments));
        }
        var buffers = arguments.Select(Own).ToArray();
        for (int i = 0; i < buffers.Length; i++)
        {
            if (buffers[i].Type != exe.ParameterTypes[i])
            {
                throw new ArgumentException($"argument {i} is {buffers[i].Type}; the module expects {exe.ParameterTypes[i]}", nameof(arguments));
            }
        }

        var added = new bool[buffers.Length];
        bool exeAdded = false;
        try
        {
            exe.Handle.DangerousAddRef(ref exeAdded);
            var argPointers = new nint[buffers.Length];
            for (int i = 0; i < buffers.Length; i++)
            {
                buffers[i].Handle.DangerousAddRef(ref added[i]);
                argPointers[i] = buffers[i].Handle.Pointer;
            }
            var outputs = new nint[Math.Max(1, exe.ResultTypes.Count)];
            var events = new nint[1];
            var options = new ExecuteOptions { Size = ExecuteOptions.StructSize };
            fixed (nint* argsPtr = argPointers, outPtr = outputs, eventsPtr = events)
            {
                nint argList = (nint)argsPtr, outList = (nint)outPtr;
                var args = new LoadedExecutableExecuteArgs
                {
                    Size = LoadedExecutableExecuteArgs.StructSize,
                    Executable = exe.Handle.Pointer,
                    Options = (nint)(&options),
                    ArgumentLists = (nint)(&argList),
                    NumDevices = 1,
                    NumArgs = (nuint)argPointers.Length,
                    OutputLists = (nint)(&outList),
                    DeviceCompleteEvents = (nint)eventsPtr,
                };
                _api.Call(PjrtSlots.LoadedExecutableExecute, "PJRT_LoadedExecutable_Execute", ref args);
            }
            var results = new PjrtBuffer[exe.ResultTypes.Count];
            for (int i = 0; i < results.Length; i++) results[i] = new PjrtBuffer(NewBuffer(outputs[i]), exe.ResultTypes[i], Device);
            try
            {
                _api.AwaitAndDestroy(events[0], "execution");
            }
            catch
            {
                // The outputs of a failed run hold nothing worth reading: free the device memory now, not at finalization.
                foreach (var r in results) r.Handle.Dispose();
                throw;
            }
            return results;
        }
        finally
        {
            for (int i = 0; i < buffers.Length; i++)
            {
                if (added[i]) buffers[i].Handle.DangerousRelease();
            }
            if (exeAdded) exe.Handle.DangerousRelease();
        }
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments)
    {
        // Eager ops run as one-op modules, compiled once per text (JAX dispatches primitives the same way).
        var body = new Block();
        var parameters = op.Operands.Select(v => body.AddArgument(v.Type)).ToArray();
        var single = new Operation(op.Name, parameters, [.. op.Results.Select(r => r.Type)], op.Attributes, op.Regions);
        body.Operations.Add(single);
        body.Operations.Add(new Operation(Ops.FuncReturn, single.Results, Array.Empty<TensorType>()));
        var module = new Module("eager_" + op.Name.Replace("stablehlo.", "", StringComparison.Ordinal), [new Function("main", body, [.. single.Results.Select(r => r.Type)])]);
        Ir.Verification.IrVerifier.IfEnabled(module);
        var compiled = Compilation.CompileCache.GetOrCompile(this, MlirPrinter.Print(module));
        return Execute(compiled.Executable, arguments);
    }

    /// <summary>A buffer on another device of the same client, copied device to device (PJRT_Buffer_CopyToDevice).</summary>
    IDeviceBuffer? IDirectCopy.TryCopyFrom(IBackend owner, IDeviceBuffer buffer)
    {
        if (owner is not PjrtBackend other || other._client != _client || buffer is not PjrtBuffer b || !_api.Has(PjrtSlots.BufferCopyToDevice)) return null;
        bool added = false;
        b.Handle.DangerousAddRef(ref added);
        try
        {
            // PJRT orders the copy after the source's producers and the destination's users after the copy: no event to await.
            var args = new BufferCopyToDeviceArgs { Size = BufferCopyToDeviceArgs.StructSize, Buffer = b.Handle.Pointer, DstDevice = Device.Pointer };
            _api.Call(PjrtSlots.BufferCopyToDevice, "PJRT_Buffer_CopyToDevice", ref args);
            return new PjrtBuffer(NewBuffer(args.DstBuffer), b.Type, Device);
        }
        finally
        {
            if (added) b.Handle.DangerousRelease();
        }
    }

    private PjrtHandle NewBuffer(nint buffer) => new(_api, buffer, PjrtSlots.BufferDestroy, "PJRT_Buffer_Destroy", _client.Handle);

    private PjrtBuffer Own(IDeviceBuffer buffer)
    {
        if (buffer is not PjrtBuffer b) throw new ArgumentException("the buffer lives on another backend", nameof(buffer));
        if (b.Device != Device) throw new ArgumentException($"the buffer lives on {b.Device}; this backend runs on {Device}", nameof(buffer));
        return b;
    }

    /// <summary>
    /// Frees the executables compiled for this backend. On the backend <see cref="Load"/> returned, also those of its
    /// other devices and then the client, which PJRT destroys once the last tensor made from it is gone.
    /// </summary>
    public void Dispose()
    {
        if (Device.Ordinal != 0)
        {
            Compilation.CompileCache.Evict(this);
            return;
        }
        foreach (var backend in _client.Backends()) Compilation.CompileCache.Evict(backend);
        _client.Handle.Dispose();
    }
}

/// <summary>A buffer on a PJRT device.</summary>
internal sealed class PjrtBuffer(PjrtHandle handle, TensorType type, PjrtDevice device) : IDeviceBuffer
{
    public PjrtHandle Handle { get; } = handle;

    public TensorType Type { get; } = type;

    public PjrtDevice Device { get; } = device;
}

/// <summary>A PJRT loaded executable with the module's signature.</summary>
internal sealed class PjrtExecutable(PjrtHandle handle, IReadOnlyList<TensorType> parameterTypes, IReadOnlyList<TensorType> resultTypes) : IExecutable, IDisposable
{
    public void Dispose() => Handle.Dispose();

    public PjrtHandle Handle { get; } = handle;

    public IReadOnlyList<TensorType> ParameterTypes { get; } = parameterTypes;

    public IReadOnlyList<TensorType> ResultTypes { get; } = resultTypes;
}
