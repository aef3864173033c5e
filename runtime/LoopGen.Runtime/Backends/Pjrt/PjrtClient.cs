using System.Runtime.InteropServices;

namespace LoopGen.Backends.Pjrt;

/// <summary>
/// One <c>PJRT_Client</c>: its handle, platform and addressable devices, and one <see cref="PjrtBackend"/> per device
/// (made on first use and kept, so the compile cache, keyed by backend, holds executables per device).
/// </summary>
internal sealed unsafe class PjrtClient
{
    private readonly PjrtBackend?[] _backends;

    private PjrtClient(PjrtApi api, PjrtHandle handle, string platform, PjrtDevice[] devices)
    {
        Api = api;
        Handle = handle;
        Platform = platform;
        Devices = devices;
        _backends = new PjrtBackend?[devices.Length];
    }

    public PjrtApi Api { get; }

    public PjrtHandle Handle { get; }

    public string Platform { get; }

    public IReadOnlyList<PjrtDevice> Devices { get; }

    /// <summary>Creates a client with named options and reads its platform and devices.</summary>
    public static PjrtClient Create(PjrtApi api, IReadOnlyDictionary<string, object>? options)
    {
        using var named = new NamedValues(options);
        var args = new ClientCreateArgs { Size = ClientCreateArgs.StructSize, CreateOptions = named.Pointer, NumOptions = (nuint)named.Count };
        api.Call(PjrtSlots.ClientCreate, "PJRT_Client_Create", ref args);
        var handle = new PjrtHandle(api, args.Client, PjrtSlots.ClientDestroy, "PJRT_Client_Destroy");
        try
        {
            var name = new ClientPlatformNameArgs { Size = ClientPlatformNameArgs.StructSize, Client = handle.Pointer };
            api.Call(PjrtSlots.ClientPlatformName, "PJRT_Client_PlatformName", ref name);
            var platform = Marshal.PtrToStringUTF8(name.PlatformName, (int)name.PlatformNameSize);

            var list = new ClientAddressableDevicesArgs { Size = ClientAddressableDevicesArgs.StructSize, Client = handle.Pointer };
            api.Call(PjrtSlots.ClientAddressableDevices, "PJRT_Client_AddressableDevices", ref list);
            if (list.NumDevices == 0) throw new PjrtException($"PJRT plugin '{api.Path}' ({platform}) has no addressable device");
            var devices = new PjrtDevice[(int)list.NumDevices];
            for (int i = 0; i < devices.Length; i++) devices[i] = Describe(api, i, ((nint*)list.Devices)[i]);
            return new PjrtClient(api, handle, platform, devices);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The backend that runs on <paramref name="ordinal"/>; the same instance every time.</summary>
    public PjrtBackend Backend(int ordinal)
    {
        if ((uint)ordinal >= (uint)_backends.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(ordinal), ordinal, $"{Platform} has {_backends.Length} addressable device(s): 0 to {_backends.Length - 1}");
        }
        lock (_backends)
        {
            return _backends[ordinal] ??= new PjrtBackend(this, Devices[ordinal]);
        }
    }

    /// <summary>The backends made so far (to evict their executables when the client goes).</summary>
    public PjrtBackend[] Backends()
    {
        lock (_backends) return [.. _backends.OfType<PjrtBackend>()];
    }

    private static PjrtDevice Describe(PjrtApi api, int ordinal, nint device)
    {
        // Id and kind come from the device description; a plugin without those slots still runs on its default device.
        if (!api.Has(PjrtSlots.DeviceGetDescription) || !api.Has(PjrtSlots.DeviceDescriptionId)) return new PjrtDevice(ordinal, -1, "", device);
        var description = new DeviceGetDescriptionArgs { Size = DeviceGetDescriptionArgs.StructSize, Device = device };
        api.Call(PjrtSlots.DeviceGetDescription, "PJRT_Device_GetDescription", ref description);
        var id = new DeviceDescriptionIdArgs { Size = DeviceDescriptionIdArgs.StructSize, DeviceDescription = description.DeviceDescription };
        api.Call(PjrtSlots.DeviceDescriptionId, "PJRT_DeviceDescription_Id", ref id);
        string kind = "";
        if (api.Has(PjrtSlots.DeviceDescriptionKind))
        {
            var k = new DeviceDescriptionKindArgs { Size = DeviceDescriptionKindArgs.StructSize, DeviceDescription = description.DeviceDescription };
            api.Call(PjrtSlots.DeviceDescriptionKind, "PJRT_DeviceDescription_Kind", ref k);
            if (k.DeviceKind != 0) kind = Marshal.PtrToStringUTF8(k.DeviceKind, (int)k.DeviceKindSize);
        }
        return new PjrtDevice(ordinal, id.Id, kind, device);
    }
}
