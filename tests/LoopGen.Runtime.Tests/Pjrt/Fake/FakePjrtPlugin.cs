using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;
using LoopGen.Ir;

namespace LoopGen.Tests.Pjrt.Fake;

/// <summary>
/// An in-process PJRT plugin: a <c>PJRT_Api</c> table of <c>[UnmanagedCallersOnly]</c> functions that keep the C API's
/// contract as the header states it — every args struct's <c>struct_size</c> checked, handles owned and destroyed once,
/// transfers and executions completed through events, failures returned as <c>PJRT_Error</c>s with codes — and run
/// the modules on LoopGen's interpreter. It records what crosses the boundary (live objects, transfers, compiles, the
/// client options) and every breach of the contract, so the bindings' logic is tested where no real plugin is.
/// </summary>
/// <remarks>
/// What this cannot show is that a real plugin agrees with the header as read here: that is the conformance suite's
/// job on a machine with a plugin. Handles are opaque numbers looked up in a table, so a stale or foreign handle is
/// a recorded violation, never a crash.
/// </remarks>
internal sealed unsafe partial class FakePjrtPlugin : IDisposable
{
    private static readonly ConcurrentDictionary<nint, FakeObject> s_live = new();
    private static long s_nextHandle = 0x10000;
    private static FakePjrtPlugin? s_creating;

    private readonly byte* _table;
    private readonly List<string> _violations = [];
    private int _uploads;
    private int _downloads;
    private int _compiles;
    private int _deviceCopies;
    private int _executions;

    private FakePjrtPlugin(int deviceCount, string platform, string[]? knownOptions)
    {
        DeviceCount = deviceCount;
        Platform = platform;
        KnownOptions = knownOptions ?? ["platform_name", "preallocate", "memory_fraction", "allocator", "visible_devices"];
        _table = (byte*)NativeMemory.AllocZeroed(TableSize);
        *(nuint*)_table = TableSize;
        *(int*)(_table + PjrtSlots.VersionMajor) = 0;
        *(int*)(_table + PjrtSlots.VersionMinor) = 70;
        FillTable();
        s_creatingOrAny = this;
    }

    /// <summary>Bytes in the fake's table: every slot LoopGen may call lies inside it.</summary>
    public const int TableSize = 800;

    /// <summary>Devices the fake's client reports; their ids are 10, 11, … (not their ordinals, as on multi-host systems).</summary>
    public int DeviceCount { get; }

    /// <summary>The platform name the client reports.</summary>
    public string Platform { get; }

    /// <summary>Client option names the fake accepts (a real plugin refuses unknown ones).</summary>
    public string[] KnownOptions { get; }

    /// <summary>The table, for <see cref="PjrtApi.FromTable"/>.</summary>
    public byte* Table => _table;

    /// <summary>Host-to-device transfers so far.</summary>
    public int Uploads => Volatile.Read(ref _uploads);

    /// <summary>Device-to-host transfers so far.</summary>
    public int Downloads => Volatile.Read(ref _downloads);

    /// <summary>Device-to-device copies so far.</summary>
    public int DeviceCopies => Volatile.Read(ref _deviceCopies);

    /// <summary>Successful compilations so far.</summary>
    public int Compiles => Volatile.Read(ref _compiles);

    /// <summary>Executions so far.</summary>
    public int Executions => Volatile.Read(ref _executions);

    /// <summary>The options <c>Client_Create</c> received, decoded: name → string, long, long[], float or bool.</summary>
    public Dictionary<string, object> ReceivedOptions { get; } = [];

    /// <summary>The device id each compilation was built for (from the compile options' device assignment), -1 if none.</summary>
    public List<long> CompiledForDevice { get; } = [];

    /// <summary>When set, the next execution's completion event carries this error (as a device fault would).</summary>
    public string? FailNextExecution { get; set; }

    /// <summary>Breaches of the C API contract seen so far.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations) return [.. _violations];
        }
    }

    /// <summary>A fake plugin with <paramref name="deviceCount"/> devices.</summary>
    public static FakePjrtPlugin Create(int deviceCount = 1, string platform = "fake", string[]? knownOptions = null) =>
        new(deviceCount, platform, knownOptions);

    /// <summary>A backend on this fake through LoopGen's real bindings (version check, client creation, devices).</summary>
    public PjrtBackend Backend(IReadOnlyDictionary<string, object>? options = null)
    {
        var api = PjrtApi.FromTable("fake-pjrt-plugin", 0, _table);
        var init = new PluginInitializeArgs { Size = PluginInitializeArgs.StructSize };
        api.Call(PjrtSlots.PluginInitialize, "PJRT_Plugin_Initialize", ref init);
        lock (typeof(FakePjrtPlugin))
        {
            s_creating = this; // Client_Create carries no handle to find its plugin by.
            try
            {
                return PjrtBackend.FromApi(api, options);
            }
            finally
            {
                s_creating = null;
            }
        }
    }

    /// <summary>Live objects of a kind (Client, Buffer, LoadedExecutable, Event, Error) made by this fake.</summary>
    public int Live(string kind) => s_live.Values.Count(o => o.Plugin == this && o.Kind == kind);

    /// <summary>Every live object of this fake, by kind, for failure messages.</summary>
    public string LiveSummary() =>
        string.Join(", ", s_live.Values.Where(o => o.Plugin == this).GroupBy(o => o.Kind).Select(g => $"{g.Count()} {g.Key}"));

    private void Violation(string what)
    {
        lock (_violations) _violations.Add(what);
    }

    /// <summary>
    /// Ends the test's use of the fake. The table is not freed: like a real plugin's static table it must outlive
    /// every handle made through it, and finalizers of tensors the test dropped may still destroy theirs later.
    /// </summary>
    public void Dispose() => GC.KeepAlive(this);

    // ---- handles ----

    private abstract class FakeObject(FakePjrtPlugin? plugin, string kind)
    {
        public FakePjrtPlugin? Plugin { get; } = plugin;

        public string Kind { get; } = kind;
    }

    private static nint Register(FakeObject o)
    {
        var h = (nint)Interlocked.Add(ref s_nextHandle, 16);
        s_live[h] = o;
        return h;
    }

    /// <summary>The live object behind <paramref name="handle"/>, or null (and a violation on its plugin, if any is known).</summary>
    private static T? Lookup<T>(nint handle, FakePjrtPlugin? reportTo, string role)
        where T : FakeObject
    {
        if (s_live.TryGetValue(handle, out var o) && o is T t) return t;
        reportTo?.Violation($"{role}: 0x{handle:x} is not a live {typeof(T).Name.Replace("Fake", "", StringComparison.Ordinal)}");
        return null;
    }

    private static bool Destroy(nint handle, string kind)
    {
        if (s_live.TryRemove(handle, out var o))
        {
            if (o.Kind == kind) return true;
            o.Plugin?.Violation($"PJRT_{kind}_Destroy was given a {o.Kind}");
            return false;
        }
        s_creatingOrAny?.Violation($"PJRT_{kind}_Destroy: 0x{handle:x} is not live (destroyed twice, or never made)");
        return false;
    }

    // A destroy of an unknown handle has no plugin to report to; the newest fake takes the report.
    private static FakePjrtPlugin? s_creatingOrAny;
}
