using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LoopGen.Ir.Text;

/// <summary>Prints attribute values in MLIR syntax (the same spelling in the generic and the pretty form).</summary>
internal static class AttrPrinter
{
    /// <summary>Above this many elements a non-pred constant prints as a hex blob: compact and exact.</summary>
    public const int MaxLiteralElements = 16;

    /// <summary>The attribute's text, e.g. <c>array&lt;i64: 1, 0&gt;</c>.</summary>
    public static string Print(Attr attr) => attr switch
    {
        IntAttr i => i.Value.ToString(CultureInfo.InvariantCulture) + " : " + i.Type.MlirName(),
        I64ArrayAttr a => a.Values.IsDefaultOrEmpty ? "array<i64>" : "array<i64: " + Join(a.Values) + ">",
        DenseAttr d => Dense(d),
        ComparisonDirectionAttr c => $"#stablehlo<comparison_direction {c.Direction}>",
        ComparisonTypeAttr c => $"#stablehlo<comparison_type {c.Type}>",
        DotDimensionsAttr d => Dot(d),
        StringAttr s => MlirSyntax.Quote(s.Value),
        BoolAttr b => b.Value ? "true" : "false",
        OpaqueAttr o => o.Text,
        _ => throw new ArgumentException($"cannot print attribute of kind {attr.GetType().Name}", nameof(attr)),
    };

    /// <summary>An attr-dict, <c> {a = 1 : i64, b = true}</c> with its leading space, or empty when there are none.</summary>
    public static string Dict(IReadOnlyList<NamedAttr> attrs, IEnumerable<string>? skip = null)
    {
        var skipped = skip is null ? null : new HashSet<string>(skip);
        var items = attrs.Where(a => skipped is null || !skipped.Contains(a.Name))
            .Select(a => MlirSyntax.AttrName(a.Name) + " = " + Print(a.Value)).ToList();
        return items.Count == 0 ? "" : " {" + string.Join(", ", items) + "}";
    }

    private static string Join(ImmutableArray<long> values) =>
        string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Dot(DotDimensionsAttr d)
    {
        var parts = new List<string>();
        void Add(string name, ImmutableArray<long> dims)
        {
            if (!dims.IsDefaultOrEmpty) parts.Add($"{name} = [{Join(dims)}]");
        }
        Add("lhs_batching_dimensions", d.LhsBatching);
        Add("rhs_batching_dimensions", d.RhsBatching);
        Add("lhs_contracting_dimensions", d.LhsContracting);
        Add("rhs_contracting_dimensions", d.RhsContracting);
        return "#stablehlo.dot<" + string.Join(", ", parts) + ">";
    }

    /// <summary><c>dense&lt;…&gt; : tensor&lt;…&gt;</c>: literal for small data, a hex blob for large data and bf16.</summary>
    public static string Dense(DenseAttr d) => "dense<" + DenseBody(d) + "> : " + d.Type.ToMlir();

    /// <summary>What goes between <c>dense&lt;</c> and <c>&gt;</c>.</summary>
    public static string DenseBody(DenseAttr d)
    {
        CheckData(d);
        var dtype = d.Type.DType;
        long count = d.Type.Shape.ElementCount;
        if (count == 0) return "";
        // bf16 has no CLR float type here (its data is raw bits), so it always travels as bytes.
        bool blob = dtype == DType.BF16 || (dtype != DType.Pred && !d.IsSplat && count > MaxLiteralElements);
        if (blob) return "\"0x" + Convert.ToHexString(RawBytes(d.Data)) + "\"";
        if (d.IsSplat || d.Type.Shape.Rank == 0) return Element(d.Data, 0);
        var sb = new StringBuilder();
        int index = 0;
        Nested(sb, d.Data, d.Type.Shape.ToArray(), 0, ref index);
        return sb.ToString();
    }

    private static void Nested(StringBuilder sb, Array data, int[] dims, int axis, ref int index)
    {
        sb.Append('[');
        for (int i = 0; i < dims[axis]; i++)
        {
            if (i > 0) sb.Append(", ");
            if (axis == dims.Length - 1) sb.Append(Element(data, index++));
            else Nested(sb, data, dims, axis + 1, ref index);
        }
        sb.Append(']');
    }

    private static string Element(Array data, int i) => data switch
    {
        bool[] b => b[i] ? "true" : "false",
        int[] v => v[i].ToString(CultureInfo.InvariantCulture),
        long[] v => v[i].ToString(CultureInfo.InvariantCulture),
        float[] v => MlirSyntax.Float(v[i]),
        double[] v => MlirSyntax.Double(v[i]),
        Half[] v => MlirSyntax.Half(v[i]),
        _ => throw new ArgumentException($"unsupported dense data {data.GetType().Name}"),
    };

    /// <summary>The little-endian bytes of the data (the hex blob's content).</summary>
    public static byte[] RawBytes(Array data) => data switch
    {
        int[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        long[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        float[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        double[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        Half[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        ushort[] v => MemoryMarshal.AsBytes(v.AsSpan()).ToArray(),
        bool[] v => [.. v.Select(b => b ? (byte)1 : (byte)0)],
        _ => throw new ArgumentException($"unsupported dense data {data.GetType().Name}"),
    };

    /// <summary>The CLR array type that holds <paramref name="dtype"/> in a <see cref="DenseAttr"/> (bf16: raw bits).</summary>
    public static Type DataType(DType dtype) => dtype == DType.BF16 ? typeof(ushort[]) : dtype.ClrType().MakeArrayType();

    // A mismatched array would print text that parses back as something else; fail loudly instead.
    private static void CheckData(DenseAttr d)
    {
        var expected = DataType(d.Type.DType);
        if (d.Data.GetType() != expected)
        {
            throw new ArgumentException(
                $"dense data for {d.Type.ToMlir()} must be {expected.Name}, got {d.Data.GetType().Name}");
        }
        long count = d.Type.Shape.ElementCount;
        if (d.Data.Length != count && !(d.Data.Length == 1 && count != 1))
        {
            throw new ArgumentException(
                $"dense data for {d.Type.ToMlir()} has {d.Data.Length} elements, expected {count} (or 1 for a splat)");
        // A splat over zero elements is allowed (DenseAttr.IsSplat): it prints as dense<> like any empty constant.
        }
    }
}
