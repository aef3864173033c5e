namespace LoopGen.Backends.Pjrt;

/// <summary>
/// A serialized <c>xla.CompileOptionsProto</c>, hand-encoded (no protobuf dependency for a handful of fields):
/// <c>executable_build_options</c> (field 3) holding <c>device_ordinal</c> (1), <c>num_replicas</c> (4),
/// <c>num_partitions</c> (5) and, to pin the executable to one device, <c>device_assignment</c> (9). Empty options
/// are not safe: proto3 defaults of 0 replicas reach XLA as is.
/// </summary>
internal static class CompileOptions
{
    /// <summary>
    /// The bytes for one replica and one partition. With <paramref name="deviceId"/> the executable is built for that
    /// device (a <c>DeviceAssignmentProto</c> of one replica and one computation, as JAX compiles a single-device
    /// jit); without it PJRT picks its default device.
    /// </summary>
    public static byte[] Encode(long? deviceId = null)
    {
        var build = new List<byte>();
        // device_ordinal = -1, "unset": a negative int64 is a ten-byte varint.
        build.Add(0x08);
        Varint(build, unchecked((ulong)-1L));
        build.Add(0x20); // num_replicas = 1
        Varint(build, 1);
        build.Add(0x28); // num_partitions = 1
        Varint(build, 1);
        if (deviceId is { } id)
        {
            // ComputationDevice { replica_device_ids (1) = id }
            var computation = new List<byte> { 0x08 };
            Varint(computation, unchecked((ulong)id));
            // DeviceAssignmentProto { replica_count (1) = 1, computation_count (2) = 1, computation_devices (3) }
            var assignment = new List<byte> { 0x08, 0x01, 0x10, 0x01, 0x1A };
            Varint(assignment, (ulong)computation.Count);
            assignment.AddRange(computation);
            build.Add(0x4A); // field 9, length-delimited
            Varint(build, (ulong)assignment.Count);
            build.AddRange(assignment);
        }
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
