namespace LoopGen.Backends;

/// <summary>
/// A backend that can take a buffer from another backend without a host round trip (PJRT devices of one client copy
/// device to device). Tensors that move between backends ask this first, then fall back to download and upload.
/// </summary>
internal interface IDirectCopy
{
    /// <summary>A copy of <paramref name="buffer"/> (owned by <paramref name="owner"/>) on this backend, or null if no direct path exists.</summary>
    IDeviceBuffer? TryCopyFrom(IBackend owner, IDeviceBuffer buffer);
}
