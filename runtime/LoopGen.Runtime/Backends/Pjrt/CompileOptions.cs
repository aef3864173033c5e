namespace LoopGen.Backends.Pjrt;

/// <summary>
/// A serialized <c>xla.CompileOptionsProto</c>, hand-encoded (no protobuf dependency for three fields):
/// <c>executable_build_options</c> (field 3) holding <c>num_replicas</c> (4) and <c>num_partitions</c> (5), and
/// optionally <c>device_ordinal</c> (1). Empty options are not safe: proto3 defaults of 0 replicas reach XLA as is.
/// </summary>
internal static class CompileOptions
{
    /// <summary>The bytes for one replica, one partition, and the given device ordinal (-1 = let PJRT choose).</summary>
    public static byte[] Encode(int replicas = 1, int partitions = 1, long deviceOrdinal = -1)
    {
        var build = new List<byte>();
        // device_ordinal = 1 (int64 varint; -1, "unset", is ten bytes, as protobuf encodes a negative int64).
        build.Add(0x08);
        Varint(build, unchecked((ulong)deviceOrdinal));
        build.Add(0x20);
        Varint(build, (ulong)replicas);
        build.Add(0x28);
        Varint(build, (ulong)partitions);
        var options = new List<byte> { 0x1A };
        Varint(options, (ulong)build.Count);
        options.AddRange(build);
        return [.. options];
    }

    /// <summary>Base-128 varint, least significant group first.</summary>
    internal static void Varint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }
        output.Add((byte)value);
    }
}
