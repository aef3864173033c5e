using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;
using LoopGen.Ir;

namespace LoopGen.Tests.Pjrt.Fake;

// The fake's C API functions. Each checks its args struct's size as a real plugin does ("Unexpected ... size"),
// looks handles up instead of trusting them, and turns any exception into a PJRT_Error: nothing may unwind into
// the caller's native frame.
internal sealed unsafe partial class FakePjrtPlugin
{
    private sealed class FakeError(FakePjrtPlugin? plugin, PjrtErrorCode code, string message) : FakeObject(plugin, "Error")
    {
        public PjrtErrorCode Code { get; } = code;

        public byte[] Message { get; } = Encoding.UTF8.GetBytes(message);

        public GCHandle Pin { get; set; }
    }

    private sealed class FakeEvent(FakePjrtPlugin plugin, string? error) : FakeObject(plugin, "Event")
    {
        public string? Error { get; } = error;
    }

    private sealed class FakeClient(FakePjrtPlugin plugin) : FakeObject(plugin, "Client")
    {
        public FakeDevice[] Devices { get; set; } = [];

        public nint DeviceArray { get; set; }

        public nint PlatformName { get; set; }
    }

    private sealed class FakeDevice(FakePjrtPlugin plugin, int ordinal) : FakeObject(plugin, "Device")
    {
        public int Ordinal { get; } = ordinal;

        public int Id => 10 + Ordinal;

        public nint Handle { get; set; }

        public nint Description { get; set; }

        public nint KindName { get; set; }
    }

    private sealed class FakeDescription(FakePjrtPlugin plugin, FakeDevice device) : FakeObject(plugin, "DeviceDescription")
    {
        public FakeDevice Device { get; } = device;
    }

    private sealed class FakeExecutable(FakePjrtPlugin plugin, FakeClient client, FakeDevice device, IExecutable program) : FakeObject(plugin, "LoadedExecutable")
    {
        public FakeClient Client { get; } = client;

        public FakeDevice Device { get; } = device;

        public IExecutable Program { get; } = program;
    }

    private sealed class FakeBuffer(FakePjrtPlugin plugin, FakeClient client, FakeDevice device, IDeviceBuffer data) : FakeObject(plugin, "Buffer")
    {
        public FakeClient Client { get; } = client;

        public FakeDevice Device { get; } = device;

        public IDeviceBuffer Data { get; } = data;
    }

    private static InterpreterBackend Interp => InterpreterBackend.Instance;

    private void FillTable()
    {
        Set(PjrtSlots.ErrorDestroy, (nint)(delegate* unmanaged<ErrorDestroyArgs*, void>)&ErrorDestroy);
        Set(PjrtSlots.ErrorMessage, (nint)(delegate* unmanaged<ErrorMessageArgs*, void>)&ErrorMessage);
        Set(PjrtSlots.ErrorGetCode, (nint)(delegate* unmanaged<ErrorGetCodeArgs*, nint>)&ErrorGetCode);
        Set(PjrtSlots.PluginInitialize, (nint)(delegate* unmanaged<PluginInitializeArgs*, nint>)&PluginInitialize);
        Set(PjrtSlots.EventDestroy, (nint)(delegate* unmanaged<HandleArgs*, nint>)&EventDestroy);
        Set(PjrtSlots.EventAwait, (nint)(delegate* unmanaged<HandleArgs*, nint>)&EventAwait);
        Set(PjrtSlots.ClientCreate, (nint)(delegate* unmanaged<ClientCreateArgs*, nint>)&ClientCreate);
        Set(PjrtSlots.ClientDestroy, (nint)(delegate* unmanaged<HandleArgs*, nint>)&ClientDestroy);
        Set(PjrtSlots.ClientPlatformName, (nint)(delegate* unmanaged<ClientPlatformNameArgs*, nint>)&ClientPlatformName);
        Set(PjrtSlots.ClientAddressableDevices, (nint)(delegate* unmanaged<ClientAddressableDevicesArgs*, nint>)&ClientAddressableDevices);
        Set(PjrtSlots.DeviceGetDescription, (nint)(delegate* unmanaged<DeviceGetDescriptionArgs*, nint>)&DeviceGetDescription);
        Set(PjrtSlots.DeviceDescriptionId, (nint)(delegate* unmanaged<DeviceDescriptionIdArgs*, nint>)&DeviceDescriptionId);
        Set(PjrtSlots.DeviceDescriptionKind, (nint)(delegate* unmanaged<DeviceDescriptionKindArgs*, nint>)&DeviceDescriptionKind);
        Set(PjrtSlots.ClientCompile, (nint)(delegate* unmanaged<ClientCompileArgs*, nint>)&ClientCompile);
        Set(PjrtSlots.ClientBufferFromHostBuffer, (nint)(delegate* unmanaged<BufferFromHostBufferArgs*, nint>)&BufferFromHostBuffer);
        Set(PjrtSlots.LoadedExecutableDestroy, (nint)(delegate* unmanaged<HandleArgs*, nint>)&LoadedExecutableDestroy);
        Set(PjrtSlots.LoadedExecutableExecute, (nint)(delegate* unmanaged<LoadedExecutableExecuteArgs*, nint>)&Execute);
        Set(PjrtSlots.BufferDestroy, (nint)(delegate* unmanaged<HandleArgs*, nint>)&BufferDestroy);
        Set(PjrtSlots.BufferToHostBuffer, (nint)(delegate* unmanaged<BufferToHostBufferArgs*, nint>)&BufferToHostBuffer);
        Set(PjrtSlots.BufferCopyToDevice, (nint)(delegate* unmanaged<BufferCopyToDeviceArgs*, nint>)&BufferCopyToDevice);
    }

    /// <summary>Clears a slot, as a plugin that leaves a function unimplemented does.</summary>
    public void Unset(int slot) => Set(slot, 0);

    private void Set(int slot, nint fn) => *(nint*)(_table + slot) = fn;

    // ---- errors ----

    private static nint Error(FakePjrtPlugin? plugin, PjrtErrorCode code, string message)
    {
        var e = new FakeError(plugin, code, message);
        e.Pin = GCHandle.Alloc(e.Message, GCHandleType.Pinned);
        return Register(e);
    }

    private static nint Crash(FakePjrtPlugin? plugin, Exception e) => Error(plugin, PjrtErrorCode.Internal, "fake plugin: " + e.Message);

    /// <summary>The real plugins' check: a caller's struct smaller than the plugin's is refused.</summary>
    private static bool SizeOk(nuint size, int expected, string name, out nint error)
    {
        error = size >= (nuint)expected ? 0 : Error(s_creatingOrAny, PjrtErrorCode.InvalidArgument,
            $"Unexpected {name} size: expected {expected}, got {size}. The plugin is likely built with a later version than the caller.");
        return error == 0;
    }

    [UnmanagedCallersOnly]
    private static void ErrorDestroy(ErrorDestroyArgs* args)
    {
        if (s_live.TryGetValue(args->Error, out var o) && o is FakeError e)
        {
            e.Pin.Free();
            Destroy(args->Error, "Error");
        }
        else
        {
            s_creatingOrAny?.Violation($"PJRT_Error_Destroy: 0x{args->Error:x} is not a live error");
        }
    }

    [UnmanagedCallersOnly]
    private static void ErrorMessage(ErrorMessageArgs* args)
    {
        var e = Lookup<FakeError>(args->Error, s_creatingOrAny, "PJRT_Error_Message");
        if (e is null) return;
        args->Message = e.Pin.AddrOfPinnedObject();
        args->MessageSize = (nuint)e.Message.Length;
    }

    [UnmanagedCallersOnly]
    private static nint ErrorGetCode(ErrorGetCodeArgs* args)
    {
        var e = Lookup<FakeError>(args->Error, s_creatingOrAny, "PJRT_Error_GetCode");
        if (e is null) return Error(null, PjrtErrorCode.InvalidArgument, "not an error");
        args->Code = (int)e.Code;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint PluginInitialize(PluginInitializeArgs* args) =>
        SizeOk(args->Size, PluginInitializeArgs.StructSize, "PJRT_Plugin_Initialize_Args", out var error) ? 0 : error;

    // ---- events ----

    private static nint Event(FakePjrtPlugin plugin, string? error = null) => Register(new FakeEvent(plugin, error));

    [UnmanagedCallersOnly]
    private static nint EventAwait(HandleArgs* args)
    {
        if (!SizeOk(args->Size, HandleArgs.StructSize, "PJRT_Event_Await_Args", out var error)) return error;
        var e = Lookup<FakeEvent>(args->Handle, s_creatingOrAny, "PJRT_Event_Await");
        if (e is null) return Error(null, PjrtErrorCode.InvalidArgument, "PJRT_Event_Await: not an event");
        return e.Error is null ? 0 : Error(e.Plugin, PjrtErrorCode.Internal, e.Error);
    }

    [UnmanagedCallersOnly]
    private static nint EventDestroy(HandleArgs* args)
    {
        if (!SizeOk(args->Size, HandleArgs.StructSize, "PJRT_Event_Destroy_Args", out var error)) return error;
        Destroy(args->Handle, "Event");
        return 0;
    }

    // ---- client and devices ----

    [UnmanagedCallersOnly]
    private static nint ClientCreate(ClientCreateArgs* args)
    {
        var plugin = s_creating;
        if (plugin is null) return Error(null, PjrtErrorCode.FailedPrecondition, "fake plugin: no fake is creating a client");
        if (!SizeOk(args->Size, ClientCreateArgs.StructSize, "PJRT_Client_Create_Args", out var error)) return error;
        try
        {
            for (int i = 0; i < (int)args->NumOptions; i++)
            {
                var v = ((NamedValue*)args->CreateOptions)[i];
                if (v.Size < NamedValue.StructSize) return Error(plugin, PjrtErrorCode.InvalidArgument, $"Unexpected PJRT_NamedValue size: {v.Size}");
                var name = Marshal.PtrToStringUTF8(v.Name, (int)v.NameSize);
                if (!plugin.KnownOptions.Contains(name)) return Error(plugin, PjrtErrorCode.InvalidArgument, $"Unknown client create option '{name}'");
                plugin.ReceivedOptions[name] = v.Type switch
                {
                    0 => Marshal.PtrToStringUTF8((nint)v.Value, (int)v.ValueSize),
                    1 => v.Value,
                    2 => new ReadOnlySpan<long>((void*)v.Value, (int)v.ValueSize).ToArray(),
                    3 => BitConverter.Int32BitsToSingle((int)v.Value),
                    4 => (byte)v.Value != 0,
                    _ => $"<type {v.Type}>",
                };
            }
            var client = new FakeClient(plugin);
            var devices = new FakeDevice[plugin.DeviceCount];
            var array = (nint*)NativeMemory.Alloc((nuint)(8 * devices.Length));
            for (int i = 0; i < devices.Length; i++)
            {
                var d = new FakeDevice(plugin, i);
                d.Handle = Register(d);
                d.Description = Register(new FakeDescription(plugin, d));
                d.KindName = Marshal.StringToCoTaskMemUTF8($"Fake Accelerator {i}");
                array[i] = d.Handle;
                devices[i] = d;
            }
            client.Devices = devices;
            client.DeviceArray = (nint)array;
            client.PlatformName = Marshal.StringToCoTaskMemUTF8(plugin.Platform);
            args->Client = Register(client);
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }

    [UnmanagedCallersOnly]
    private static nint ClientDestroy(HandleArgs* args)
    {
        if (!SizeOk(args->Size, HandleArgs.StructSize, "PJRT_Client_Destroy_Args", out var error)) return error;
        var client = Lookup<FakeClient>(args->Handle, s_creatingOrAny, "PJRT_Client_Destroy");
        if (client is null) return Error(null, PjrtErrorCode.InvalidArgument, "PJRT_Client_Destroy: not a client");
        // CUDA crashes when a client goes before its buffers and executables: the bindings must order them.
        int owned = s_live.Values.Count(o => o is FakeBuffer b && b.Client == client || o is FakeExecutable x && x.Client == client);
        if (owned > 0) client.Plugin!.Violation($"PJRT_Client_Destroy with {owned} buffer(s)/executable(s) of it still live");
        foreach (var d in client.Devices)
        {
            s_live.TryRemove(d.Handle, out _);
            s_live.TryRemove(d.Description, out _);
            Marshal.FreeCoTaskMem(d.KindName);
        }
        NativeMemory.Free((void*)client.DeviceArray);
        Marshal.FreeCoTaskMem(client.PlatformName);
        Destroy(args->Handle, "Client");
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint ClientPlatformName(ClientPlatformNameArgs* args)
    {
        if (!SizeOk(args->Size, ClientPlatformNameArgs.StructSize, "PJRT_Client_PlatformName_Args", out var error)) return error;
        var client = Lookup<FakeClient>(args->Client, s_creatingOrAny, "PJRT_Client_PlatformName");
        if (client is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a client");
        args->PlatformName = client.PlatformName;
        args->PlatformNameSize = (nuint)Encoding.UTF8.GetByteCount(client.Plugin!.Platform);
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint ClientAddressableDevices(ClientAddressableDevicesArgs* args)
    {
        if (!SizeOk(args->Size, ClientAddressableDevicesArgs.StructSize, "PJRT_Client_AddressableDevices_Args", out var error)) return error;
        var client = Lookup<FakeClient>(args->Client, s_creatingOrAny, "PJRT_Client_AddressableDevices");
        if (client is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a client");
        args->Devices = client.DeviceArray;
        args->NumDevices = (nuint)client.Devices.Length;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint DeviceGetDescription(DeviceGetDescriptionArgs* args)
    {
        if (!SizeOk(args->Size, DeviceGetDescriptionArgs.StructSize, "PJRT_Device_GetDescription_Args", out var error)) return error;
        var device = Lookup<FakeDevice>(args->Device, s_creatingOrAny, "PJRT_Device_GetDescription");
        if (device is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a device");
        args->DeviceDescription = device.Description;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint DeviceDescriptionId(DeviceDescriptionIdArgs* args)
    {
        if (!SizeOk(args->Size, DeviceDescriptionIdArgs.StructSize, "PJRT_DeviceDescription_Id_Args", out var error)) return error;
        var description = Lookup<FakeDescription>(args->DeviceDescription, s_creatingOrAny, "PJRT_DeviceDescription_Id");
        if (description is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a device description");
        args->Id = description.Device.Id;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static nint DeviceDescriptionKind(DeviceDescriptionKindArgs* args)
    {
        if (!SizeOk(args->Size, DeviceDescriptionKindArgs.StructSize, "PJRT_DeviceDescription_Kind_Args", out var error)) return error;
        var description = Lookup<FakeDescription>(args->DeviceDescription, s_creatingOrAny, "PJRT_DeviceDescription_Kind");
        if (description is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a device description");
        args->DeviceKind = description.Device.KindName;
        args->DeviceKindSize = (nuint)Encoding.UTF8.GetByteCount($"Fake Accelerator {description.Device.Ordinal}");
        return 0;
    }

    // ---- compile ----

    [UnmanagedCallersOnly]
    private static nint ClientCompile(ClientCompileArgs* args)
    {
        if (!SizeOk(args->Size, ClientCompileArgs.StructSize, "PJRT_Client_Compile_Args", out var error)) return error;
        var client = Lookup<FakeClient>(args->Client, s_creatingOrAny, "PJRT_Client_Compile");
        if (client is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a client");
        var plugin = client.Plugin!;
        try
        {
            var program = (Backends.Pjrt.Program*)args->Program;
            if (program is null || !SizeOk(program->Size, Backends.Pjrt.Program.StructSize, "PJRT_Program", out error)) return error != 0 ? error : Error(plugin, PjrtErrorCode.InvalidArgument, "program is null");
            var format = Marshal.PtrToStringUTF8(program->Format, (int)program->FormatSize);
            if (format != "mlir") return Error(plugin, PjrtErrorCode.InvalidArgument, $"Unknown program format '{format}'");
            var options = new ReadOnlySpan<byte>((void*)args->CompileOptions, (int)args->CompileOptionsSize);
            var build = FakeProto.Decode(options).Message(3)
                ?? throw new InvalidOperationException("compile options carry no executable_build_options");
            if (build.Int(4) != 1 || build.Int(5) != 1)
            {
                return Error(plugin, PjrtErrorCode.InvalidArgument, $"num_replicas {build.Int(4)} and num_partitions {build.Int(5)}: both must be 1");
            }
            long assigned = build.Message(9)?.Message(3)?.Int(1) ?? -1;
            var device = assigned < 0 ? client.Devices[0] : client.Devices.FirstOrDefault(d => d.Id == assigned);
            if (device is null) return Error(plugin, PjrtErrorCode.InvalidArgument, $"device assignment names device id {assigned}, which this client does not have");
            var text = Encoding.UTF8.GetString((byte*)program->Code, (int)program->CodeSize);
            IExecutable compiled;
            try
            {
                compiled = Interp.Compile(text);
            }
            catch (Exception e)
            {
                return Error(plugin, PjrtErrorCode.InvalidArgument, "MLIR translation failed: " + e.Message);
            }
            lock (plugin.CompiledForDevice) plugin.CompiledForDevice.Add(assigned);
            Interlocked.Increment(ref plugin._compiles);
            args->Executable = Register(new FakeExecutable(plugin, client, device, compiled));
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }

    [UnmanagedCallersOnly]
    private static nint LoadedExecutableDestroy(HandleArgs* args)
    {
        if (!SizeOk(args->Size, HandleArgs.StructSize, "PJRT_LoadedExecutable_Destroy_Args", out var error)) return error;
        Destroy(args->Handle, "LoadedExecutable");
        return 0;
    }

    // ---- buffers ----

    [UnmanagedCallersOnly]
    private static nint BufferFromHostBuffer(BufferFromHostBufferArgs* args)
    {
        if (!SizeOk(args->Size, BufferFromHostBufferArgs.StructSize, "PJRT_Client_BufferFromHostBuffer_Args", out var error)) return error;
        var client = Lookup<FakeClient>(args->Client, s_creatingOrAny, "PJRT_Client_BufferFromHostBuffer");
        if (client is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a client");
        var plugin = client.Plugin!;
        try
        {
            // The real plugins dereference device when memory is null: a null device there is a crash, here a violation.
            if (args->Device == 0 && args->Memory == 0) plugin.Violation("BufferFromHostBuffer with neither device nor memory");
            var device = Lookup<FakeDevice>(args->Device, plugin, "BufferFromHostBuffer device");
            if (device is null) return Error(plugin, PjrtErrorCode.InvalidArgument, "no such device");
            if (args->ByteStrides != 0) return Error(plugin, PjrtErrorCode.Unimplemented, "fake plugin: byte strides");
            var dims = new ReadOnlySpan<long>((void*)args->Dims, (int)args->NumDims);
            var type = new TensorType(PjrtTypes.FromPjrt(args->Type), new Shape([.. dims.ToArray().Select(d => checked((int)d))]));
            var data = Array.CreateInstance(type.DType.ClrType(), checked((int)type.Shape.ElementCount));
            CopyBytes(args->Data, data, type, toArray: true);
            args->Buffer = Register(new FakeBuffer(plugin, client, device, Interp.Upload(data, type)));
            // ImmutableOnlyDuringCall (0) means the host memory may be reused at once: the copy is already done.
            args->DoneWithHostBuffer = Event(plugin);
            Interlocked.Increment(ref plugin._uploads);
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }

    [UnmanagedCallersOnly]
    private static nint BufferToHostBuffer(BufferToHostBufferArgs* args)
    {
        if (!SizeOk(args->Size, BufferToHostBufferArgs.StructSize, "PJRT_Buffer_ToHostBuffer_Args", out var error)) return error;
        var buffer = Lookup<FakeBuffer>(args->Src, s_creatingOrAny, "PJRT_Buffer_ToHostBuffer");
        if (buffer is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a buffer");
        var plugin = buffer.Plugin!;
        try
        {
            var type = buffer.Data.Type;
            var bytes = (nuint)(type.Shape.ElementCount * type.DType.ByteSize());
            if (args->Dst == 0)
            {
                args->DstSize = bytes;
                return 0;
            }
            if (args->DstSize < bytes) return Error(plugin, PjrtErrorCode.InvalidArgument, $"dst_size {args->DstSize} is less than the buffer's {bytes} bytes");
            CopyBytes(args->Dst, Interp.Download(buffer.Data), type, toArray: false);
            args->Event = Event(plugin);
            Interlocked.Increment(ref plugin._downloads);
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }

    [UnmanagedCallersOnly]
    private static nint BufferCopyToDevice(BufferCopyToDeviceArgs* args)
    {
        if (!SizeOk(args->Size, BufferCopyToDeviceArgs.StructSize, "PJRT_Buffer_CopyToDevice_Args", out var error)) return error;
        var buffer = Lookup<FakeBuffer>(args->Buffer, s_creatingOrAny, "PJRT_Buffer_CopyToDevice");
        if (buffer is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a buffer");
        var plugin = buffer.Plugin!;
        var device = Lookup<FakeDevice>(args->DstDevice, plugin, "PJRT_Buffer_CopyToDevice dst_device");
        if (device is null) return Error(plugin, PjrtErrorCode.InvalidArgument, "no such device");
        try
        {
            var data = Interp.Upload(Interp.Download(buffer.Data), buffer.Data.Type);
            args->DstBuffer = Register(new FakeBuffer(plugin, buffer.Client, device, data));
            Interlocked.Increment(ref plugin._deviceCopies);
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }

    [UnmanagedCallersOnly]
    private static nint BufferDestroy(HandleArgs* args)
    {
        if (!SizeOk(args->Size, HandleArgs.StructSize, "PJRT_Buffer_Destroy_Args", out var error)) return error;
        Destroy(args->Handle, "Buffer");
        return 0;
    }

    private static void CopyBytes(nint native, Array array, TensorType type, bool toArray)
    {
        var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            long bytes = type.Shape.ElementCount * type.DType.ByteSize();
            if (toArray) Buffer.MemoryCopy((void*)native, (void*)pin.AddrOfPinnedObject(), bytes, bytes);
            else Buffer.MemoryCopy((void*)pin.AddrOfPinnedObject(), (void*)native, bytes, bytes);
        }
        finally
        {
            pin.Free();
        }
    }

    // ---- execute ----

    [UnmanagedCallersOnly]
    private static nint Execute(LoadedExecutableExecuteArgs* args)
    {
        if (!SizeOk(args->Size, LoadedExecutableExecuteArgs.StructSize, "PJRT_LoadedExecutable_Execute_Args", out var error)) return error;
        var exe = Lookup<FakeExecutable>(args->Executable, s_creatingOrAny, "PJRT_LoadedExecutable_Execute");
        if (exe is null) return Error(null, PjrtErrorCode.InvalidArgument, "not a loaded executable");
        var plugin = exe.Plugin!;
        try
        {
            if (args->Options == 0) return Error(plugin, PjrtErrorCode.InvalidArgument, "execute options must not be null");
            if (!SizeOk(*(nuint*)args->Options, 112, "PJRT_ExecuteOptions", out error)) return error;
            if (args->NumDevices != 1) return Error(plugin, PjrtErrorCode.InvalidArgument, $"{args->NumDevices} argument lists for a single-device executable");
            if (args->ExecuteDevice != 0) return Error(plugin, PjrtErrorCode.InvalidArgument, "execute_device is only for portable executables");
            var parameters = exe.Program.ParameterTypes;
            if ((int)args->NumArgs != parameters.Count) return Error(plugin, PjrtErrorCode.InvalidArgument, $"Execution supplied {args->NumArgs} buffers but compiled program expected {parameters.Count} buffers");
            var list = ((nint**)args->ArgumentLists)[0];
            var inputs = new IDeviceBuffer[parameters.Count];
            for (int i = 0; i < inputs.Length; i++)
            {
                var b = Lookup<FakeBuffer>(list[i], plugin, $"Execute argument {i}");
                if (b is null) return Error(plugin, PjrtErrorCode.InvalidArgument, $"argument {i} is not a live buffer");
                if (b.Device != exe.Device) return Error(plugin, PjrtErrorCode.InvalidArgument, $"argument {i} is on device {b.Device.Id}; the executable runs on device {exe.Device.Id}");
                if (b.Data.Type != parameters[i]) return Error(plugin, PjrtErrorCode.InvalidArgument, $"argument {i} is {b.Data.Type}; the program expects {parameters[i]}");
                inputs[i] = b.Data;
            }
            var outputs = Interp.Execute(exe.Program, inputs);
            var outList = ((nint**)args->OutputLists)[0];
            for (int i = 0; i < outputs.Length; i++) outList[i] = Register(new FakeBuffer(plugin, exe.Client, exe.Device, outputs[i]));
            var fail = plugin.FailNextExecution;
            plugin.FailNextExecution = null;
            if (args->DeviceCompleteEvents != 0) ((nint*)args->DeviceCompleteEvents)[0] = Event(plugin, fail);
            Interlocked.Increment(ref plugin._executions);
            return 0;
        }
        catch (Exception e)
        {
            return Crash(plugin, e);
        }
    }
}
