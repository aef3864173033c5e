using System.Globalization;
using System.Runtime.InteropServices;

namespace LoopGen.Ir.Text;

internal sealed partial class TextParser
{
    // One node of a dense literal: a nested list or one element token (with its sign).
    private sealed record DenseNode(List<DenseNode>? Children, Token Leaf, bool Negative);

    /// <summary>
    /// <c>dense&lt;…&gt; : tensor&lt;…&gt;</c> into a typed CLR array: nested literals, splats (one element), the hex
    /// blob <c>"0x…"</c> and empty <c>dense&lt;&gt;</c>. Null for forms LoopGen does not model (complex numbers,
    /// element types it lacks); malformed data for a modelled type is an error.
    /// </summary>
    private DenseAttr? TryParseDense()
    {
        var denseTok = _tok;
        Advance();
        if (!Accept('<')) return null;
        DenseNode? root = null;
        byte[]? blob = null;
        Token blobTok = _tok;
        if (_tok.Kind == TokenKind.String)
        {
            var s = _tok.Text;
            if (!s.StartsWith("0x", StringComparison.Ordinal)) return null;
            if (s.Length % 2 != 0 || !s.Skip(2).All(char.IsAsciiHexDigit)) throw Error(_tok, "invalid hex data in dense attribute");
            blob = Convert.FromHexString(s.AsSpan(2));
            Advance();
        }
        else if (!_tok.Is('>'))
        {
            root = TryParseDenseNode();
            if (root is null) return null;
        }
        if (!Accept('>') || !Accept(':')) return null;
        var type = ParseTensorType(lenient: true);
        if (type is null) return null;
        long count = type.Shape.ElementCount;
        Array data;
        if (blob is not null) data = FromBytes(blob, type, blobTok);
        else if (root is null)
        {
            if (count != 0) throw Error(denseTok, $"empty dense<> for {type.ToMlir()}, which has {count} elements");
            data = Array.CreateInstance(AttrPrinter.DataType(type.DType).GetElementType()!, 0);
        }
        else
        {
            var leaves = new List<DenseNode>();
            if (root.Children is null)
            {
                // A lone element is a splat over the whole shape.
                if (count > 0) leaves.Add(root);
            }
            else
            {
                var dims = new List<long>();
                Flatten(root, dims, 0, leaves);
                if (!dims.SequenceEqual(type.Shape.Dims.Select(d => (long)d)) && !(count == 0 && leaves.Count == 0))
                {
                    throw Error(denseTok, $"dense literal has shape [{string.Join(",", dims)}] but the type is {type.ToMlir()}");
                }
            }
            data = FromLeaves(leaves, type.DType);
        }
        return new DenseAttr(type, data);
    }

    private DenseNode? TryParseDenseNode(int depth = 1)
    {
        if (_tok.Is('['))
        {
            if (depth > MlirParser.MaxNestingDepth) throw TooDeep(_tok, "the lists of a dense literal");
            Advance();
            var children = new List<DenseNode>();
            if (!_tok.Is(']'))
            {
                do
                {
                    var child = TryParseDenseNode(depth + 1);
                    if (child is null) return null;
                    children.Add(child);
                }
                while (Accept(','));
            }
            if (!_tok.Is(']')) throw Expected("',' or ']' in dense literal");
            Advance();
            return new DenseNode(children, default, false);
        }
        bool negative = _tok.Kind == TokenKind.Minus;
        if (negative) Advance();
        var t = _tok;
        if (t.Kind is TokenKind.Integer or TokenKind.Float || (!negative && (t.IsId("true") || t.IsId("false"))))
        {
            Advance();
            return new DenseNode(null, t, negative);
        }
        return null; // complex '(re, im)' and other forms stay opaque
    }

    // Walks the nested lists: every list at one depth must have the same length, recorded in dims.
    private void Flatten(DenseNode node, List<long> dims, int depth, List<DenseNode> leaves)
    {
        if (node.Children is null)
        {
            if (depth != dims.Count) throw Error(node.Leaf, "dense literal is ragged: an element where a list was expected");
            leaves.Add(node);
            return;
        }
        if (depth == dims.Count) dims.Add(node.Children.Count);
        else if (depth > dims.Count || dims[depth] != node.Children.Count)
        {
            throw Error(node.Children.Count > 0 && node.Children[0].Children is null ? node.Children[0].Leaf : _tok,
                "dense literal is ragged: lists at one depth have different lengths");
        }
        foreach (var c in node.Children) Flatten(c, dims, depth + 1, leaves);
    }

    private Array FromLeaves(List<DenseNode> leaves, DType dtype)
    {
        int n = leaves.Count;
        switch (dtype)
        {
            case DType.Pred:
            {
                var a = new bool[n];
                for (int i = 0; i < n; i++) a[i] = LeafBool(leaves[i]);
                return a;
            }
            case DType.S32:
            {
                var a = new int[n];
                for (int i = 0; i < n; i++)
                {
                    long v = LeafInt(leaves[i], "i32");
                    if (v is < int.MinValue or > int.MaxValue) throw Error(leaves[i].Leaf, $"integer literal {LeafText(leaves[i])} is out of range for i32");
                    a[i] = (int)v;
                }
                return a;
            }
            case DType.S64:
            {
                var a = new long[n];
                for (int i = 0; i < n; i++) a[i] = LeafInt(leaves[i], "i64");
                return a;
            }
            case DType.F32:
            {
                var a = new float[n];
                for (int i = 0; i < n; i++)
                {
                    a[i] = LeafBits(leaves[i], 32) is ulong bits
                        ? BitConverter.UInt32BitsToSingle((uint)bits)
                        : float.Parse(LeafText(leaves[i]), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                return a;
            }
            case DType.F64:
            {
                var a = new double[n];
                for (int i = 0; i < n; i++)
                {
                    a[i] = LeafBits(leaves[i], 64) is ulong bits
                        ? BitConverter.UInt64BitsToDouble(bits)
                        : double.Parse(LeafText(leaves[i]), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                return a;
            }
            case DType.F16:
            {
                var a = new Half[n];
                for (int i = 0; i < n; i++)
                {
                    a[i] = LeafBits(leaves[i], 16) is ulong bits
                        ? BitConverter.UInt16BitsToHalf((ushort)bits)
                        : Half.Parse(LeafText(leaves[i]), NumberStyles.Float, CultureInfo.InvariantCulture);
                }
                return a;
            }
            case DType.BF16:
            {
                var a = new ushort[n];
                for (int i = 0; i < n; i++)
                {
                    a[i] = LeafBits(leaves[i], 16) is ulong bits
                        ? (ushort)bits
                        : ToBFloat16(float.Parse(LeafText(leaves[i]), NumberStyles.Float, CultureInfo.InvariantCulture));
                }
                return a;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);
        }
    }

    private static string LeafText(DenseNode leaf) => (leaf.Negative ? "-" : "") + leaf.Leaf.Text;

    private bool LeafBool(DenseNode leaf) => leaf.Leaf.Text switch
    {
        "true" or "1" when !leaf.Negative => true,
        "false" or "0" when !leaf.Negative => false,
        _ => throw Error(leaf.Leaf, $"expected true or false for i1 but found {LeafText(leaf)}"),
    };

    private long LeafInt(DenseNode leaf, string type)
    {
        var t = leaf.Leaf;
        if (t.Kind != TokenKind.Integer) throw Error(t, $"expected an integer literal for {type} but found {LeafText(leaf)}");
        if (!TryIntegerMagnitude(t.Text, out ulong m) || m > (leaf.Negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            throw Error(t, $"integer literal {LeafText(leaf)} is out of range for {type}");
        }
        return leaf.Negative ? unchecked(-(long)m) : (long)m;
    }

    // A float element written as a hex integer is its bit pattern (how MLIR prints NaN and infinities).
    private ulong? LeafBits(DenseNode leaf, int width)
    {
        var t = leaf.Leaf;
        if (t.Kind == TokenKind.BareId) throw Error(t, $"expected a float literal but found {t.Text}");
        if (t.Kind != TokenKind.Integer || !t.Text.StartsWith("0x", StringComparison.Ordinal)) return null;
        if (leaf.Negative || !TryIntegerMagnitude(t.Text, out ulong bits) || (width < 64 && bits >> width != 0))
        {
            throw Error(t, $"hex float literal {LeafText(leaf)} does not fit in {width} bits");
        }
        return bits;
    }

    /// <summary>Rounds an f32 to bf16 bits, to nearest even (NaN stays a quiet NaN).</summary>
    internal static ushort ToBFloat16(float f)
    {
        uint bits = BitConverter.SingleToUInt32Bits(f);
        if (float.IsNaN(f)) return (ushort)((bits >> 16) | 0x40);
        uint rounded = bits + 0x7FFF + ((bits >> 16) & 1);
        return (ushort)(rounded >> 16);
    }

    // Raw little-endian bytes of the whole tensor, or of one element for a splat.
    private Array FromBytes(byte[] bytes, TensorType type, Token at)
    {
        int size = type.DType.ByteSize();
        long count = type.Shape.ElementCount;
        if (bytes.Length != count * size && !(bytes.Length == size && count > 0))
        {
            throw Error(at, $"hex data has {bytes.Length} bytes but {type.ToMlir()} needs {count * size} (or {size} for a splat)");
        }
        ReadOnlySpan<byte> span = bytes;
        return type.DType switch
        {
            DType.Pred => bytes.Select(b => b != 0).ToArray(),
            DType.S32 => MemoryMarshal.Cast<byte, int>(span).ToArray(),
            DType.S64 => MemoryMarshal.Cast<byte, long>(span).ToArray(),
            DType.F16 => MemoryMarshal.Cast<byte, Half>(span).ToArray(),
            DType.BF16 => MemoryMarshal.Cast<byte, ushort>(span).ToArray(),
            DType.F32 => MemoryMarshal.Cast<byte, float>(span).ToArray(),
            DType.F64 => MemoryMarshal.Cast<byte, double>(span).ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type.DType, null),
        };
    }
}
