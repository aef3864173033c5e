using System.Runtime.InteropServices;
using System.Text;

namespace LoopGen.Conformance.Running;

/// <summary>
/// Writes NumPy's <c>.npy</c> format, version 1.0 (magic, little-endian header length, a Python-literal header padded
/// to 64 bytes, raw row-major data), so Python reads the inputs and results with <c>numpy.load</c>.
/// </summary>
public static class Npy
{
    /// <summary>The header's <c>descr</c> for a host array's element type.</summary>
    public static string Descr(Array data) => data switch
    {
        float[] => "<f4",
        double[] => "<f8",
        int[] => "<i4",
        long[] => "<i8",
        bool[] => "|b1",
        _ => throw new NotSupportedException($"no .npy dtype for {data.GetType().Name}"),
    };

    /// <summary>The whole file for <paramref name="data"/> with <paramref name="shape"/>.</summary>
    public static byte[] Encode(Array data, IReadOnlyList<int> shape)
    {
        var dims = shape.Count switch
        {
            0 => "()",
            1 => $"({shape[0]},)",
            _ => "(" + string.Join(", ", shape) + ")",
        };
        var header = $"{{'descr': '{Descr(data)}', 'fortran_order': False, 'shape': {dims}, }}";
        // magic (6) + version (2) + length (2) + header + '\n', padded with spaces to a multiple of 64.
        int unpadded = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - unpadded % 64) % 64) + "\n";
        var output = new MemoryStream();
        output.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        output.Write(BitConverter.GetBytes((ushort)header.Length));
        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(Bytes(data));
        return output.ToArray();
    }

    private static byte[] Bytes(Array data) => data switch
    {
        float[] f => MemoryMarshal.AsBytes(f.AsSpan()).ToArray(),
        double[] d => MemoryMarshal.AsBytes(d.AsSpan()).ToArray(),
        int[] i => MemoryMarshal.AsBytes(i.AsSpan()).ToArray(),
        long[] l => MemoryMarshal.AsBytes(l.AsSpan()).ToArray(),
        bool[] b => [.. b.Select(v => v ? (byte)1 : (byte)0)],
        _ => throw new NotSupportedException($"no .npy dtype for {data.GetType().Name}"),
    };
}
