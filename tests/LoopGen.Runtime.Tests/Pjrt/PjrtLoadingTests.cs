using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using LoopGen.Backends.Pjrt;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// Plugin loading, discovery and error paths, without a plugin: a missing file, a library that is not a plugin, and a
/// fake API table (managed functions behind unmanaged pointers) for version checks and the plugin's own errors.
/// </summary>
public sealed unsafe class PjrtLoadingTests
{
    [Fact]
    public void A_missing_plugin_file_is_named()
    {
        var e = Assert.Throws<PjrtException>(() => PjrtBackend.Load("/nonexistent/xla_cuda_plugin.so"));
        Assert.Contains("'/nonexistent/xla_cuda_plugin.so' does not exist", e.Message);
    }

    [Fact]
    public void A_library_without_GetPjrtApi_is_not_a_plugin()
    {
        // Every .NET install ships native libraries; System.Native is one and exports no GetPjrtApi.
        var dir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var native = Directory.GetFiles(dir, "libSystem.Native.so").FirstOrDefault() ?? Directory.GetFiles(dir, "*System.Native*").First();
        var e = Assert.Throws<PjrtException>(() => PjrtBackend.Load(native));
        Assert.Contains("does not export GetPjrtApi", e.Message);
    }

    [Fact]
    public void Discovery_prefers_explicit_then_finds_the_newest_cuda_plugin()
    {
        Assert.Equal("/x/explicit.so", PluginDiscovery.Find("/x/explicit.so", []));
        var root = Directory.CreateTempSubdirectory("loopgen-pjrt").FullName;
        try
        {
            var site = Path.Combine(root, "lib", "python3.12", "site-packages", "jax_plugins");
            foreach (var cuda in new[] { "xla_cuda12", "xla_cuda13" })
            {
                Directory.CreateDirectory(Path.Combine(site, cuda));
                File.WriteAllText(Path.Combine(site, cuda, "xla_cuda_plugin.so"), "");
            }
            if (Environment.GetEnvironmentVariable(PluginDiscovery.Variable) is null)
            {
                Assert.Equal(Path.Combine(site, "xla_cuda13", "xla_cuda_plugin.so"), PluginDiscovery.Find(null, [root]));
                Assert.Null(PluginDiscovery.Find(null, [Path.Combine(root, "nothing-here")]));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Without_any_plugin_discovery_keeps_the_interpreter_and_says_why_in_one_line()
    {
        if (PluginDiscovery.Find() is not null) return; // a machine with a plugin: the conformance tests cover it
        Assert.Null(PjrtBackend.TryDiscover(out var message));
        Assert.Equal($"no PJRT plugin found ({PluginDiscovery.Variable} unset, no jax_plugins/xla_cuda* or libtpu in a Python environment): using the interpreter", message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_plugin_older_than_supported_is_refused_with_its_version()
    {
        using var table = new FakeTable(major: 0, minor: 12);
        var e = Assert.Throws<PjrtException>(() => PjrtApi.FromTable("old.so", 0, table.Pointer));
        Assert.Contains("implements PJRT C API 0.12", e.Message);
        Assert.Contains($"needs 0.{PjrtSlots.MinimumMinor} or newer", e.Message);
        using var major1 = new FakeTable(major: 1, minor: 0);
        Assert.Throws<PjrtException>(() => PjrtApi.FromTable("future.so", 0, major1.Pointer));
    }

    [Fact]
    public void Missing_and_null_slots_are_named()
    {
        using var table = new FakeTable(major: 0, minor: 80, size: 208);
        var api = PjrtApi.FromTable("fake.so", 0, table.Pointer);
        var beyond = Assert.Throws<PjrtException>(() => api.Slot(PjrtSlots.ClientBufferFromHostBuffer, "PJRT_Client_BufferFromHostBuffer"));
        Assert.Contains("has no PJRT_Client_BufferFromHostBuffer: its table ends at byte 208", beyond.Message);
        var empty = Assert.Throws<PjrtException>(() => api.Slot(PjrtSlots.ClientCompile, "PJRT_Client_Compile"));
        Assert.Contains("leaves PJRT_Client_Compile unimplemented", empty.Message);
    }

    [Fact]
    public void A_plugin_error_becomes_an_exception_with_its_message_and_code_and_is_destroyed()
    {
        using var table = new FakeTable(major: 0, minor: 80);
        table.Set(PjrtSlots.ErrorMessage, (nint)(delegate* unmanaged<ErrorMessageArgs*, void>)&FakeMessage);
        table.Set(PjrtSlots.ErrorGetCode, (nint)(delegate* unmanaged<ErrorGetCodeArgs*, nint>)&FakeCode);
        table.Set(PjrtSlots.ErrorDestroy, (nint)(delegate* unmanaged<ErrorDestroyArgs*, void>)&FakeDestroy);
        table.Set(PjrtSlots.ClientCreate, (nint)(delegate* unmanaged<ClientCreateArgs*, nint>)&FakeFailingCreate);
        var api = PjrtApi.FromTable("fake.so", 0, table.Pointer);
        s_destroyed = 0;
        var args = new ClientCreateArgs { Size = ClientCreateArgs.StructSize };
        var e = Assert.Throws<PjrtException>(() => api.Call(PjrtSlots.ClientCreate, "PJRT_Client_Create", ref args));
        Assert.Equal("PJRT_Client_Create failed (ResourceExhausted): out of device memory", e.Message);
        Assert.Equal(PjrtErrorCode.ResourceExhausted, e.Code);
        Assert.Equal(1, s_destroyed);
        Assert.Equal((nuint)ClientCreateArgs.StructSize, s_seenSize);
    }

    private static int s_destroyed;
    private static nuint s_seenSize;
    private static readonly nint s_message = Marshal.StringToCoTaskMemUTF8("out of device memory");

    [UnmanagedCallersOnly]
    private static nint FakeFailingCreate(ClientCreateArgs* args)
    {
        s_seenSize = args->Size;
        return 0x1234; // any non-null pointer is an error
    }

    [UnmanagedCallersOnly]
    private static void FakeMessage(ErrorMessageArgs* args)
    {
        args->Message = s_message;
        args->MessageSize = (nuint)Encoding.UTF8.GetByteCount("out of device memory");
    }

    [UnmanagedCallersOnly]
    private static nint FakeCode(ErrorGetCodeArgs* args)
    {
        args->Code = 8;
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void FakeDestroy(ErrorDestroyArgs* args) => s_destroyed++;

    /// <summary>A PJRT_Api table in unmanaged memory: struct_size, version, and settable function slots.</summary>
    private sealed class FakeTable : IDisposable
    {
        public FakeTable(int major, int minor, int size = 800)
        {
            Pointer = (byte*)NativeMemory.AllocZeroed(1024);
            *(nuint*)Pointer = (nuint)size;
            *(int*)(Pointer + PjrtSlots.VersionMajor) = major;
            *(int*)(Pointer + PjrtSlots.VersionMinor) = minor;
        }

        public byte* Pointer { get; }

        public void Set(int slot, nint fn) => *(nint*)(Pointer + slot) = fn;

        public void Dispose() => NativeMemory.Free(Pointer);
    }
}
