namespace LoopGen.Tests.Pjrt.Fake;

/// <summary>
/// Just enough protobuf wire format for the fake plugin to read a <c>CompileOptionsProto</c> as a plugin would:
/// varint and length-delimited fields, the last occurrence winning. Written independently of the runtime's encoder,
/// so a round trip through both checks the encoding.
/// </summary>
internal sealed class FakeProto
{
    private readonly Dictionary<int, object> _fields = [];

    public static FakeProto Decode(ReadOnlySpan<byte> bytes)
    {
        var proto = new FakeProto();
        int at = 0;
        while (at < bytes.Length)
        {
            ulong key = Varint(bytes, ref at);
            int field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    proto._fields[field] = Varint(bytes, ref at);
                    break;
                case 2:
                    int length = checked((int)Varint(bytes, ref at));
                    proto._fields[field] = bytes.Slice(at, length).ToArray();
                    at += length;
                    break;
                default:
                    throw new FormatException($"wire type {key & 7} of field {field} is not used by compile options");
            }
        }
        return proto;
    }

    /// <summary>A varint field as int64 (0, the proto3 default, when absent).</summary>
    public long Int(int field) => _fields.TryGetValue(field, out var v) && v is ulong u ? unchecked((long)u) : 0;

    /// <summary>A nested message, or null when absent.</summary>
    public FakeProto? Message(int field) => _fields.TryGetValue(field, out var v) && v is byte[] b ? Decode(b) : null;

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 63) throw new FormatException("varint longer than ten bytes");
            byte b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
    }
}
