using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LoopGen.Backends.Pjrt;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// The args structs' layouts against the PJRT C API header: offsets and PJRT_STRUCT_SIZE values printed by a C program
/// compiled against xla/pjrt/c/pjrt_c_api.h (x86-64), written here by hand. No plugin is needed.
/// </summary>
public sealed class PjrtLayoutTests
{
    private static int Off<T>(string field) => (int)Marshal.OffsetOf<T>(field);

    [Fact]
    public void Struct_sizes_are_the_headers_struct_sizes()
    {
        Assert.Equal(24, ErrorDestroyArgs.StructSize);
        Assert.Equal(40, ErrorMessageArgs.StructSize);
        Assert.Equal(28, ErrorGetCodeArgs.StructSize);
        Assert.Equal(16, PluginInitializeArgs.StructSize);
        Assert.Equal(24, HandleArgs.StructSize);
        Assert.Equal(88, ClientCreateArgs.StructSize);
        Assert.Equal(56, NamedValue.StructSize);
        Assert.Equal(40, ClientPlatformNameArgs.StructSize);
        Assert.Equal(40, ClientAddressableDevicesArgs.StructSize);
        Assert.Equal(56, ClientCompileArgs.StructSize);
        Assert.Equal(48, Program.StructSize);
        Assert.Equal(120, BufferFromHostBufferArgs.StructSize);
        Assert.Equal(80, LoadedExecutableExecuteArgs.StructSize);
        Assert.Equal(56, BufferToHostBufferArgs.StructSize);
        Assert.Equal(32, LoadedExecutableGetExecutableArgs.StructSize);
        Assert.Equal(32, ExecutableNumOutputsArgs.StructSize);
        // The managed structs hold at least the declared size, so the plugin never reads past them.
        Assert.True(Unsafe.SizeOf<ErrorGetCodeArgs>() >= ErrorGetCodeArgs.StructSize);
        Assert.Equal(120, ExecuteOptions.StructSize); // the 0.97 size: accepted by older plugins, which check >= their 112
        Assert.True(Unsafe.SizeOf<ExecuteOptions>() >= ExecuteOptions.StructSize);
        Assert.Equal(120, Unsafe.SizeOf<BufferFromHostBufferArgs>());
        Assert.Equal(88, Unsafe.SizeOf<ClientCreateArgs>());
    }

    [Fact]
    public void Field_offsets_match_the_header()
    {
        Assert.Equal(64, Off<ClientCreateArgs>(nameof(ClientCreateArgs.Client)));
        Assert.Equal(32, Off<NamedValue>(nameof(NamedValue.Type)));
        Assert.Equal(40, Off<NamedValue>(nameof(NamedValue.Value)));
        Assert.Equal(48, Off<NamedValue>(nameof(NamedValue.ValueSize)));
        Assert.Equal(24, Off<ClientAddressableDevicesArgs>(nameof(ClientAddressableDevicesArgs.Devices)));
        Assert.Equal(24, Off<ClientCompileArgs>(nameof(ClientCompileArgs.Program)));
        Assert.Equal(32, Off<ClientCompileArgs>(nameof(ClientCompileArgs.CompileOptions)));
        Assert.Equal(48, Off<ClientCompileArgs>(nameof(ClientCompileArgs.Executable)));
        Assert.Equal(32, Off<Program>(nameof(Program.Format)));
        Assert.Equal(32, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.Type)));
        Assert.Equal(40, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.Dims)));
        Assert.Equal(72, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.HostBufferSemantics)));
        Assert.Equal(80, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.Device)));
        Assert.Equal(88, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.Memory)));
        Assert.Equal(96, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.DeviceLayout)));
        Assert.Equal(104, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.DoneWithHostBuffer)));
        Assert.Equal(112, Off<BufferFromHostBufferArgs>(nameof(BufferFromHostBufferArgs.Buffer)));
        Assert.Equal(24, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.Options)));
        Assert.Equal(32, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.ArgumentLists)));
        Assert.Equal(40, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.NumDevices)));
        Assert.Equal(48, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.NumArgs)));
        Assert.Equal(56, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.OutputLists)));
        Assert.Equal(64, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.DeviceCompleteEvents)));
        Assert.Equal(72, Off<LoadedExecutableExecuteArgs>(nameof(LoadedExecutableExecuteArgs.ExecuteDevice)));
        Assert.Equal(24, Off<BufferToHostBufferArgs>(nameof(BufferToHostBufferArgs.HostLayout)));
        Assert.Equal(32, Off<BufferToHostBufferArgs>(nameof(BufferToHostBufferArgs.Dst)));
        Assert.Equal(40, Off<BufferToHostBufferArgs>(nameof(BufferToHostBufferArgs.DstSize)));
        Assert.Equal(48, Off<BufferToHostBufferArgs>(nameof(BufferToHostBufferArgs.Event)));
        Assert.Equal(24, Off<ErrorGetCodeArgs>(nameof(ErrorGetCodeArgs.Code)));
    }

    [Fact]
    public void Api_table_slots_match_the_header()
    {
        Assert.Equal(40, PjrtSlots.ErrorDestroy);
        Assert.Equal(64, PjrtSlots.PluginInitialize);
        Assert.Equal(104, PjrtSlots.EventAwait);
        Assert.Equal(120, PjrtSlots.ClientCreate);
        Assert.Equal(200, PjrtSlots.ClientCompile);
        Assert.Equal(216, PjrtSlots.ClientBufferFromHostBuffer);
        Assert.Equal(440, PjrtSlots.LoadedExecutableDestroy);
        Assert.Equal(480, PjrtSlots.LoadedExecutableExecute);
        Assert.Equal(504, PjrtSlots.BufferDestroy);
        Assert.Equal(600, PjrtSlots.BufferToHostBuffer);
        // Printed by the same offset program (offsetof(PJRT_Api, ...)) for the device and copy functions added later.
        Assert.Equal(224, PjrtSlots.DeviceDescriptionId);
        Assert.Equal(248, PjrtSlots.DeviceDescriptionKind);
        Assert.Equal(272, PjrtSlots.DeviceGetDescription);
        Assert.Equal(592, PjrtSlots.BufferCopyToDevice);
        Assert.Equal(32, DeviceGetDescriptionArgs.StructSize);
        Assert.Equal(28, DeviceDescriptionIdArgs.StructSize);
        Assert.Equal(40, DeviceDescriptionKindArgs.StructSize);
        Assert.Equal(40, BufferCopyToDeviceArgs.StructSize);
        Assert.Equal(24, Off<DeviceDescriptionIdArgs>(nameof(DeviceDescriptionIdArgs.Id)));
        Assert.Equal(32, Off<BufferCopyToDeviceArgs>(nameof(BufferCopyToDeviceArgs.DstBuffer)));
    }

    [Fact]
    public void Buffer_types_are_pjrt_numbers_not_xla_proto_numbers()
    {
        // PJRT_Buffer_Type: PRED 1, S32 4, S64 5, F16 10, F32 11, F64 12, BF16 13 (xla_data.proto puts BF16 at 16).
        Assert.Equal(1, PjrtTypes.ToPjrt(DType.Pred));
        Assert.Equal(4, PjrtTypes.ToPjrt(DType.S32));
        Assert.Equal(5, PjrtTypes.ToPjrt(DType.S64));
        Assert.Equal(10, PjrtTypes.ToPjrt(DType.F16));
        Assert.Equal(11, PjrtTypes.ToPjrt(DType.F32));
        Assert.Equal(12, PjrtTypes.ToPjrt(DType.F64));
        Assert.Equal(13, PjrtTypes.ToPjrt(DType.BF16));
        foreach (var d in Enum.GetValues<DType>()) Assert.Equal(d, PjrtTypes.FromPjrt(PjrtTypes.ToPjrt(d)));
        Assert.Throws<NotSupportedException>(() => PjrtTypes.FromPjrt(14));
    }

    [Fact]
    public void Compile_options_encode_one_replica_and_partition()
    {
        // CompileOptionsProto{executable_build_options{device_ordinal=-1, num_replicas=1, num_partitions=1}}.
        byte[] expected = [0x1A, 0x0F, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x20, 0x01, 0x28, 0x01];
        Assert.Equal(expected, CompileOptions.Encode());
        // ... plus device_assignment (9) = {replica_count 1, computation_count 1, computation_devices {replica_device_ids 11}}.
        byte[] pinned = [0x1A, 0x19, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x20, 0x01, 0x28, 0x01,
            0x4A, 0x08, 0x08, 0x01, 0x10, 0x01, 0x1A, 0x02, 0x08, 0x0B];
        Assert.Equal(pinned, CompileOptions.Encode(deviceId: 11));
        var varint = new List<byte>();
        CompileOptions.Varint(varint, 300); // the protobuf documentation's example
        Assert.Equal(new byte[] { 0xAC, 0x02 }, varint);
    }
}
