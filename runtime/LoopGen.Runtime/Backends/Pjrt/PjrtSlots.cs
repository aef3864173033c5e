namespace LoopGen.Backends.Pjrt;

/// <summary>
/// Byte offsets of the functions LoopGen calls in the <c>PJRT_Api</c> table (append-only within major version 0;
/// identical in 0.70, 0.81, 0.90 and 0.94 headers). A slot at or past the table's <c>struct_size</c> is absent.
/// </summary>
internal static class PjrtSlots
{
    public const int VersionMajor = 32;
    public const int VersionMinor = 36;
    public const int ErrorDestroy = 40;
    public const int ErrorMessage = 48;
    public const int ErrorGetCode = 56;
    public const int PluginInitialize = 64;
    public const int EventDestroy = 80;
    public const int EventAwait = 104;
    public const int ClientCreate = 120;
    public const int ClientDestroy = 128;
    public const int ClientPlatformName = 136;
    public const int ClientAddressableDevices = 168;
    public const int ClientCompile = 200;
    public const int ClientBufferFromHostBuffer = 216;
    public const int DeviceDescriptionId = 224;
    public const int DeviceDescriptionKind = 248;
    public const int DeviceGetDescription = 272;
    public const int ExecutableDestroy = 360;
    public const int ExecutableNumOutputs = 392;
    public const int LoadedExecutableDestroy = 440;
    public const int LoadedExecutableGetExecutable = 448;
    public const int LoadedExecutableExecute = 480;
    public const int BufferDestroy = 504;
    public const int BufferCopyToDevice = 592;
    public const int BufferToHostBuffer = 600;

    /// <summary>The oldest API minor version these bindings are written against (ExecuteOptions and the slots above).</summary>
    public const int MinimumMinor = 40;
}
