using System.Runtime.InteropServices;

namespace LoopGen.Backends.Pjrt;

// The PJRT C API's argument structs (xla/pjrt/c/pjrt_c_api.h), x86-64 layouts. Each starts with
// { size_t struct_size; PJRT_Extension_Base* extension_start; }. StructSize is the header's PJRT_STRUCT_SIZE
// (offset of the last field + its size), which is what the plugin checks — not sizeof. Offsets were checked by
// compiling an offset printer against the header (see PjrtLayoutTests, which pins every one of them).

[StructLayout(LayoutKind.Sequential)]
internal struct ErrorDestroyArgs
{
    public const int StructSize = 24;
    public nuint Size;
    public nint Extension;
    public nint Error;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ErrorMessageArgs
{
    public const int StructSize = 40;
    public nuint Size;
    public nint Extension;
    public nint Error;
    public nint Message;
    public nuint MessageSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ErrorGetCodeArgs
{
    public const int StructSize = 28;
    public nuint Size;
    public nint Extension;
    public nint Error;
    public int Code;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PluginInitializeArgs
{
    public const int StructSize = 16;
    public nuint Size;
    public nint Extension;
}

/// <summary>Event_Destroy and Event_Await share this shape; so do Client/Buffer/LoadedExecutable/Executable_Destroy.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct HandleArgs
{
    public const int StructSize = 24;
    public nuint Size;
    public nint Extension;
    public nint Handle;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NamedValue
{
    public const int StructSize = 56;
    public nuint Size;
    public nint Extension;
    public nint Name;
    public nuint NameSize;
    public int Type;
    public int Padding;
    public long Value;
    public nuint ValueSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ClientCreateArgs
{
    public const int StructSize = 88;
    public nuint Size;
    public nint Extension;
    public nint CreateOptions;
    public nuint NumOptions;
    public nint KvGetCallback;
    public nint KvGetUserArg;
    public nint KvPutCallback;
    public nint KvPutUserArg;
    public nint Client;
    public nint KvTryGetCallback;
    public nint KvTryGetUserArg;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ClientPlatformNameArgs
{
    public const int StructSize = 40;
    public nuint Size;
    public nint Extension;
    public nint Client;
    public nint PlatformName;
    public nuint PlatformNameSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ClientAddressableDevicesArgs
{
    public const int StructSize = 40;
    public nuint Size;
    public nint Extension;
    public nint Client;
    public nint Devices;
    public nuint NumDevices;
}

[StructLayout(LayoutKind.Sequential)]
internal struct Program
{
    public const int StructSize = 48;
    public nuint Size;
    public nint Extension;
    public nint Code;
    public nuint CodeSize;
    public nint Format;
    public nuint FormatSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ClientCompileArgs
{
    public const int StructSize = 56;
    public nuint Size;
    public nint Extension;
    public nint Client;
    public nint Program;
    public nint CompileOptions;
    public nuint CompileOptionsSize;
    public nint Executable;
}

[StructLayout(LayoutKind.Sequential)]
internal struct BufferFromHostBufferArgs
{
    public const int StructSize = 120;
    public nuint Size;
    public nint Extension;
    public nint Client;
    public nint Data;
    public int Type;
    public int Padding;
    public nint Dims;
    public nuint NumDims;
    public nint ByteStrides;
    public nuint NumByteStrides;
    public int HostBufferSemantics;
    public int Padding2;
    public nint Device;
    public nint Memory;
    public nint DeviceLayout;
    public nint DoneWithHostBuffer;
    public nint Buffer;
}

/// <summary>
/// Zeroed options. The header's size is 112 bytes up to API 0.96 and 120 from 0.97 (one more field, zero = default).
/// Plugins check <c>struct_size &gt;= their own</c> and ignore what they do not know, so declaring the newer 120 over a
/// zeroed 120-byte struct suits both.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 120)]
internal struct ExecuteOptions
{
    public const int StructSize = 120;
    public nuint Size;
    public nint Extension;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LoadedExecutableExecuteArgs
{
    public const int StructSize = 80;
    public nuint Size;
    public nint Extension;
    public nint Executable;
    public nint Options;
    public nint ArgumentLists;
    public nuint NumDevices;
    public nuint NumArgs;
    public nint OutputLists;
    public nint DeviceCompleteEvents;
    public nint ExecuteDevice;
}

[StructLayout(LayoutKind.Sequential)]
internal struct BufferToHostBufferArgs
{
    public const int StructSize = 56;
    public nuint Size;
    public nint Extension;
    public nint Src;
    public nint HostLayout;
    public nint Dst;
    public nuint DstSize;
    public nint Event;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LoadedExecutableGetExecutableArgs
{
    public const int StructSize = 32;
    public nuint Size;
    public nint Extension;
    public nint LoadedExecutable;
    public nint Executable;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ExecutableNumOutputsArgs
{
    public const int StructSize = 32;
    public nuint Size;
    public nint Extension;
    public nint Executable;
    public nuint NumOutputs;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DeviceGetDescriptionArgs
{
    public const int StructSize = 32;
    public nuint Size;
    public nint Extension;
    public nint Device;
    public nint DeviceDescription;
}

/// <summary>DeviceDescription_Id: <c>int id</c> at 24, so PJRT_STRUCT_SIZE is 28.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DeviceDescriptionIdArgs
{
    public const int StructSize = 28;
    public nuint Size;
    public nint Extension;
    public nint DeviceDescription;
    public int Id;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DeviceDescriptionKindArgs
{
    public const int StructSize = 40;
    public nuint Size;
    public nint Extension;
    public nint DeviceDescription;
    public nint DeviceKind;
    public nuint DeviceKindSize;
}

[StructLayout(LayoutKind.Sequential)]
internal struct BufferCopyToDeviceArgs
{
    public const int StructSize = 40;
    public nuint Size;
    public nint Extension;
    public nint Buffer;
    public nint DstDevice;
    public nint DstBuffer;
}
