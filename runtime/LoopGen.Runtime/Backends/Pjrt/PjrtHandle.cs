using System.Runtime.InteropServices;

namespace LoopGen.Backends.Pjrt;

/// <summary>
/// Owns one PJRT object (client, loaded executable, buffer) and destroys it exactly once. Objects that belong to a
/// client hold a reference on the client's handle, so the client is destroyed last (the other order crashes CUDA).
/// </summary>
internal sealed class PjrtHandle : SafeHandle
{
    private readonly PjrtApi _api;
    private readonly int _destroySlot;
    private readonly string _destroyName;
    private readonly PjrtHandle? _owner;

    public PjrtHandle(PjrtApi api, nint handle, int destroySlot, string destroyName, PjrtHandle? owner = null)
        : base(0, ownsHandle: true)
    {
        _api = api;
        _destroySlot = destroySlot;
        _destroyName = destroyName;
        if (owner is not null)
        {
            bool added = false;
            owner.DangerousAddRef(ref added);
            _owner = owner;
        }
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The raw pointer, for a call in progress (the caller keeps this handle alive across it).</summary>
    public nint Pointer => DangerousGetHandle();

    protected override bool ReleaseHandle()
    {
        try
        {
            _api.Destroy(_destroySlot, _destroyName, handle);
        }
        catch (PjrtException)
        {
            // A destroy that fails leaves nothing to retry; finalizers must not throw.
        }
        finally
        {
            _owner?.DangerousRelease();
        }
        return true;
    }
}
