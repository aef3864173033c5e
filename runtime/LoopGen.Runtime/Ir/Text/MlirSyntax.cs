using System.Globalization;
using System.Text;

namespace LoopGen.Ir.Text;

/// <summary>Lexical facts of MLIR text shared by the printers and the parser: identifiers, strings, float literals.</summary>
internal static class MlirSyntax
{
    /// <summary>True when <paramref name="s"/> is an MLIR bare-id (<c>[A-Za-z_][A-Za-z0-9_$.]*</c>).</summary>
    public static bool IsBareId(string s)
    {
        if (s.Length == 0 || !(IsLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
        {
            if (!IsBareIdChar(c)) return false;
        }
        return true;
    }

    /// <summary>ASCII letters only: MLIR identifiers are ASCII.</summary>
    public static bool IsLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>A character allowed after the first one of a bare-id.</summary>
    public static bool IsBareIdChar(char c) => IsLetter(c) || char.IsAsciiDigit(c) || c is '_' or '$' or '.';

    /// <summary><c>@name</c>, quoted when the name is not a bare-id.</summary>
    public static string Symbol(string name) => "@" + (IsBareId(name) ? name : Quote(name));

    /// <summary>An attribute name in a dictionary, quoted when it is not a bare-id.</summary>
    public static string AttrName(string name) => IsBareId(name) ? name : Quote(name);

    /// <summary>
    /// A string literal. Printable ASCII stays as is; quote, backslash, newline and tab get their short escapes and
    /// every other byte of the UTF-8 encoding a two-digit hex escape, which MLIR's lexer reads back.
    /// </summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                case >= 0x20 and < 0x7F: sb.Append((char)b); break;
                default: sb.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture)); break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Makes .NET's shortest round-trip text a valid MLIR float literal, which needs a '.' in the mantissa:
    /// <c>1E+38</c> → <c>1.0E+38</c>, <c>1</c> → <c>1.0</c>.
    /// </summary>
    public static string FloatLiteral(string roundTrip)
    {
        int e = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        if (mantissa.Contains('.')) return roundTrip;
        return e < 0 ? roundTrip + ".0" : mantissa + ".0" + roundTrip[e..];
    }

    /// <summary>An f32 element: decimal when finite, the hex bit pattern for NaN and infinities.</summary>
    public static string Float(float f) =>
        float.IsFinite(f)
            ? FloatLiteral(f.ToString("R", CultureInfo.InvariantCulture))
            : "0x" + BitConverter.SingleToUInt32Bits(f).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>An f64 element: decimal when finite, the 16-digit hex bit pattern otherwise.</summary>
    public static string Double(double d) =>
        double.IsFinite(d)
            ? FloatLiteral(d.ToString("R", CultureInfo.InvariantCulture))
            : "0x" + BitConverter.DoubleToUInt64Bits(d).ToString("X16", CultureInfo.InvariantCulture);

    /// <summary>An f16 element: decimal when finite, the 4-digit hex bit pattern otherwise.</summary>
    public static string Half(Half h) =>
        System.Half.IsFinite(h)
            ? FloatLiteral(h.ToString("R", CultureInfo.InvariantCulture))
            : "0x" + BitConverter.HalfToUInt16Bits(h).ToString("X4", CultureInfo.InvariantCulture);
}
