using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using LoopGen.Ir;
using LoopGen.Ir.Text;

namespace LoopGen.Backends.Pjrt;

/// <summary>
/// Runs modules on an accelerator through any PJRT plugin (<c>GetPjrtApi</c>): StableHLO text in (format
/// <c>"mlir"</c>), device buffers out. Tensors made here stay on the device until read.
/// </summary>
/// <remarks>
/// Unverified on hardware so far: the bindings follow the C API header (layouts pinned by tests), but no session has
/// had a device to run them yet. The conformance tests run where <c>LOOPGEN_PJRT_PLUGIN</c> is set.
/// </remarks>
public sealed unsafe class PjrtBackend : IBackend, IDisposable
{
    private static readonly ConcurrentDictionary<string, PjrtApi> s_plugins = new(StringComparer.Ordinal);

    private readonly PjrtApi _api;
    private readonly PjrtHandle _client;
    private readonly nint _device;

    private PjrtBackend(PjrtApi api, PjrtHandle client, string platform, int deviceCount, nint device)
    {
        _api = api;
        _client = client;
        Platform = platform;
        DeviceCount = deviceCount;
        _device = device;
    }

    /// <summary><c>pjrt:</c> and the platform, e.g. <c>pjrt:cuda</c>.</summary>
    public string Name => "pjrt:" + Platform;

    /// <summary>The plugin's platform name (<c>cuda</c>, <c>tpu</c>, <c>cpu</c>).</summary>
    public string Platform { get; }

    /// <summary>Number of addressable devices; LoopGen runs on the first.</summary>
    public int DeviceCount { get; }

    /// <summary>The plugin's PJRT C API version.</summary>
    public Version ApiVersion => new(_api.Major, _api.Minor);

    /// <summary>
    /// Loads a plugin (explicit path, else <c>LOOPGEN_PJRT_PLUGIN</c>, else discovery) and creates a client. Any failure
    /// is a <see cref="PjrtException"/> saying why: no plugin, missing file, no <c>GetPjrtApi</c>, too old, or the plugin's own error.
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
        return Create(api, createOptions);
    }

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
        message = $"using {backend.Name} from {path} (PJRT C API {backend.ApiVersion}, {backend.DeviceCount} device(s))";
        return backend;
    }

    private static PjrtBackend Create(PjrtApi api, IReadOnlyDictionary<string, object>? options)
    {
        using var named = new NamedValues(options);
        var args = new ClientCreateArgs { Size = ClientCreateArgs.StructSize, CreateOptions = named.Pointer, NumOptions = (nuint)named.Count };
        api.Call(PjrtSlots.ClientCreate, "PJRT_Client_Create", ref args);
        var client = new PjrtHandle(api, args.Client, PjrtSlots.ClientDestroy, "PJRT_Client_Destroy");

        var name = new ClientPlatformNameArgs { Size = ClientPlatformNameArgs.StructSize, Client = client.Pointer };
        api.Call(PjrtSlots.ClientPlatformName, "PJRT_Client_PlatformName", ref name);
        var platform = Marshal.PtrToStringUTF8(name.PlatformName, (int)name.PlatformNameSize);

        var devices = new ClientAddressableDevicesArgs { Size = ClientAddressableDevicesArgs.StructSize, Client = client.Pointer };
        api.Call(PjrtSlots.ClientAddressableDevices, "PJRT_Client_AddressableDevices", ref devices);
        if (devices.NumDevices == 0)
        {
            client.Dispose();
            throw new PjrtException($"PJRT plugin '{api.Path}' ({platform}) has no addressable device");
        }
        return new PjrtBackend(api, client, platform, (int)devices.NumDevices, *(nint*)devices.Devices);
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
                    Client = _client.Pointer,
                    Data = pin.AddrOfPinnedObject(),
                    Type = PjrtTypes.ToPjrt(type.DType),
                    Dims = (nint)dimsPtr,
                    NumDims = (nuint)dims.Length,
                    HostBufferSemantics = 0, // ImmutableOnlyDuringCall: the plugin copies before returning
                    Device = _device,
                };
                _api.Call(PjrtSlots.ClientBufferFromHostBuffer, "PJRT_Client_BufferFromHostBuffer", ref args);
                _api.AwaitAndDestroy(args.DoneWithHostBuffer, "host-to-device transfer");
                return new PjrtBuffer(new PjrtHandle(_api, args.Buffer, PjrtSlots.BufferDestroy, "PJRT_Buffer_Destroy", _client), type);
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
        var options = CompileOptions.Encode();
        fixed (byte* codePtr = code, formatPtr = format, optionsPtr = options)
        {
            var program = new Program { Size = Program.StructSize, Code = (nint)codePtr, CodeSize = (nuint)code.Length, Format = (nint)formatPtr, FormatSize = (nuint)format.Length };
            var args = new ClientCompileArgs
            {
                Size = ClientCompileArgs.StructSize,
                Client = _client.Pointer,
                Program = (nint)(&program),
                CompileOptions = (nint)optionsPtr,
                CompileOptionsSize = (nuint)options.Length,
            };
            _api.Call(PjrtSlots.ClientCompile, "PJRT_Client_Compile", ref args);
            var handle = new PjrtHandle(_api, args.Executable, PjrtSlots.LoadedExecutableDestroy, "PJRT_LoadedExecutable_Destroy", _client);
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
            var results = new IDeviceBuffer[exe.ResultTypes.Count];
            for (int i = 0; i < results.Length; i++)
            {
                results[i] = new PjrtBuffer(new PjrtHandle(_api, outputs[i], PjrtSlots.BufferDestroy, "PJRT_Buffer_Destroy", _client), exe.ResultTypes[i]);
            }
            _api.AwaitAndDestroy(events[0], "execution");
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
        var compiled = Compilation.CompileCache.GetOrCompile(this, MlirPrinter.Print(module));
        return Execute(compiled.Executable, arguments);
    }

    private static PjrtBuffer Own(IDeviceBuffer buffer) =>
        buffer as PjrtBuffer ?? throw new ArgumentException("the buffer lives on another backend", nameof(buffer));

    /// <summary>Destroys the client once every buffer and executable made from it is gone.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>PJRT_NamedValue array in unmanaged memory, with its strings, for Client_Create.</summary>
    private sealed class NamedValues : IDisposable
    {
        private readonly List<nint> _allocations = [];

        public NamedValues(IReadOnlyDictionary<string, object>? options)
        {
            Count = options?.Count ?? 0;
            if (Count == 0) return;
            Pointer = Alloc(Count * NamedValue.StructSize);
            var values = (NamedValue*)Pointer;
            int i = 0;
            foreach (var (key, value) in options!)
            {
                var v = new NamedValue { Size = NamedValue.StructSize };
                var name = Encoding.UTF8.GetBytes(key);
                v.Name = Copy(name);
                v.NameSize = (nuint)name.Length;
                v.ValueSize = 1;
                switch (value)
                {
                    case string s:
                        var bytes = Encoding.UTF8.GetBytes(s);
                        v.Type = 0;
                        v.Value = Copy(bytes);
                        v.ValueSize = (nuint)bytes.Length;
                        break;
                    case long or int:
                        v.Type = 1;
                        v.Value = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case long[] list:
                        v.Type = 2;
                        v.Value = Copy(MemoryMarshal.AsBytes(list.AsSpan()).ToArray());
                        v.ValueSize = (nuint)list.Length;
                        break;
                    case float f:
                        v.Type = 3;
                        v.Value = BitConverter.SingleToInt32Bits(f);
                        break;
                    case bool b:
                        v.Type = 4;
                        v.Value = b ? 1 : 0;
                        break;
                    default:
                        throw new ArgumentException($"PJRT client option '{key}' has type {value?.GetType().Name ?? "null"}; use string, long, long[], float or bool");
                }
                values[i++] = v;
            }
        }

        public nint Pointer { get; }

        public int Count { get; }

        private nint Alloc(int bytes)
        {
            var p = (nint)NativeMemory.AllocZeroed((nuint)Math.Max(bytes, 1));
            _allocations.Add(p);
            return p;
        }

        private nint Copy(byte[] bytes)
        {
            var p = Alloc(bytes.Length);
            bytes.CopyTo(new Span<byte>((void*)p, bytes.Length));
            return p;
        }

        public void Dispose()
        {
            foreach (var p in _allocations) NativeMemory.Free((void*)p);
        }
    }
}

/// <summary>A buffer on a PJRT device.</summary>
internal sealed class PjrtBuffer(PjrtHandle handle, TensorType type) : IDeviceBuffer
{
    public PjrtHandle Handle { get; } = handle;

    public TensorType Type { get; } = type;
}

/// <summary>A PJRT loaded executable with the module's signature.</summary>
internal sealed class PjrtExecutable(PjrtHandle handle, IReadOnlyList<TensorType> parameterTypes, IReadOnlyList<TensorType> resultTypes) : IExecutable
{
    public PjrtHandle Handle { get; } = handle;

    public IReadOnlyList<TensorType> ParameterTypes { get; } = parameterTypes;

    public IReadOnlyList<TensorType> ResultTypes { get; } = resultTypes;
}
