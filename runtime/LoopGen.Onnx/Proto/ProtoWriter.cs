using System.Text;

namespace LoopGen.Onnx.Proto;

/// <summary>
/// The protobuf wire format, by hand: varints, tags and length-delimited fields, enough to write onnx.proto's
/// messages (no protobuf dependency for a few message types). Nested messages are written to a writer of their own
/// and copied in with their length.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _out = new();

    /// <summary>Bytes written so far.</summary>
    public byte[] ToArray() => _out.ToArray();

    /// <summary>A varint field (int32, int64, enum, bool). Negative values are ten-byte varints, as protobuf writes them.</summary>
    public void Varint(int field, long value)
    {
        Tag(field, 0);
        RawVarint(unchecked((ulong)value));
    }

    /// <summary>A 32-bit float field.</summary>
    public void Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> b = stackalloc byte[4];
        BitConverter.TryWriteBytes(b, value);
        if (!BitConverter.IsLittleEndian) b.Reverse();
        _out.Write(b);
    }

    /// <summary>A length-delimited field of raw bytes.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        RawVarint((ulong)value.Length);
        _out.Write(value);
    }

    /// <summary>A UTF-8 string field.</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>An embedded message written by <paramref name="write"/>.</summary>
    public void Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        Bytes(field, inner._out.GetBuffer().AsSpan(0, (int)inner._out.Length));
    }

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _out.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _out.WriteByte((byte)value);
    }
}
