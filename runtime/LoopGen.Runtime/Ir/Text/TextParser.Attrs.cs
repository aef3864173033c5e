using System.Collections.Immutable;
using System.Globalization;

namespace LoopGen.Ir.Text;

internal sealed partial class TextParser
{
    /// <summary><c>{name = value, …}</c>; a name without a value is a unit attribute.</summary>
    private List<NamedAttr> ParseAttrDict()
    {
        var open = _tok;
        Expect('{');
        var attrs = new List<NamedAttr>();
        if (Accept('}')) return attrs;
        do
        {
            if (_tok.Kind is not (TokenKind.BareId or TokenKind.String)) throw Expected("an attribute name");
            var name = _tok.Text;
            Advance();
            attrs.Add(new NamedAttr(name, Accept('=') ? ParseAttrValue() : new OpaqueAttr("unit")));
        }
        while (Accept(','));
        if (_tok.Kind == TokenKind.Eof) throw Error(_tok, $"expected '}}' to close the attributes opened at {open.Line}:{open.Column} but found end of input");
        Expect('}');
        return attrs;
    }

    /// <summary>
    /// One attribute value, ending before ',' or '}'. Spellings LoopGen models become typed records; anything
    /// else is kept as its exact source text so printing it again reproduces it.
    /// </summary>
    private Attr ParseAttrValue()
    {
        var start = _tok;
        if (_tok.Is(',') || _tok.Is('}') || _tok.Kind == TokenKind.Eof) throw Expected("an attribute value");
        var known = TryParseKnownAttr();
        if (known is not null && (_tok.Is(',') || _tok.Is('}'))) return known;
        Rewind(start);
        var last = start;
        while (!_tok.Is(',') && !_tok.Is('}'))
        {
            if (_tok.Kind == TokenKind.Eof) throw Expected("',' or '}' after an attribute value");
            if (_tok.Kind == TokenKind.Punct && _tok.Text[0] is '(' or '[' or '{' or '<') last = SkipBalanced();
            else if (_tok.Kind == TokenKind.Punct && _tok.Text[0] is ')' or ']' or '>') throw Error(_tok, $"unbalanced '{_tok.Text}' in attribute value");
            else
            {
                last = _tok;
                Advance();
            }
        }
        return new OpaqueAttr(_lex.Text[start.Start..last.End]);
    }

    // Returns null when the value is not one of the modelled spellings; the caller rewinds and keeps the text.
    private Attr? TryParseKnownAttr()
    {
        switch (_tok.Kind)
        {
            case TokenKind.String:
            {
                var s = _tok.Text;
                Advance();
                return new StringAttr(s);
            }
            case TokenKind.BareId when _tok.Text is "true" or "false":
            {
                bool b = _tok.Text == "true";
                Advance();
                return new BoolAttr(b);
            }
            case TokenKind.Integer or TokenKind.Minus:
            {
                if (TryParseInt() is not long v) return null;
                if (!Accept(':')) return new IntAttr(v); // MLIR's default integer type is i64
                if (_tok.Kind != TokenKind.BareId || !DTypes.TryParseMlir(_tok.Text, out var dt)) return null;
                if (dt is not (DType.Pred or DType.S32 or DType.S64)) return null;
                if (dt == DType.S32 && v is < int.MinValue or > int.MaxValue) return null;
                Advance();
                return new IntAttr(v, dt);
            }
            case TokenKind.BareId when _tok.Text == "array":
                return TryParseI64Array();
            case TokenKind.BareId when _tok.Text == "dense":
                return TryParseDense();
            case TokenKind.HashId when _tok.Text == "stablehlo":
                return TryParseStablehloEnum();
            case TokenKind.HashId when _tok.Text == "stablehlo.dot":
                return TryParseDot();
            default:
                return null;
        }
    }

    // An optionally negative integer literal (decimal or 0x hex), or null.
    private long? TryParseInt()
    {
        bool negative = false;
        var signTok = _tok;
        if (_tok.Kind == TokenKind.Minus)
        {
            negative = true;
            Advance();
        }
        if (_tok.Kind != TokenKind.Integer) return null;
        var t = _tok;
        if (!TryIntegerMagnitude(t.Text, out ulong magnitude)) throw Error(t, $"integer literal {t.Text} is too large");
        Advance();
        if (!negative)
        {
            if (magnitude > long.MaxValue) throw Error(t, $"integer literal {t.Text} is too large for i64");
            return (long)magnitude;
        }
        if (magnitude > (ulong)long.MaxValue + 1) throw Error(signTok, $"integer literal -{t.Text} is too small for i64");
        return unchecked(-(long)magnitude);
    }

    private static bool TryIntegerMagnitude(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    // 'array<i64: 1, 2>' or 'array<i64>'.
    private I64ArrayAttr? TryParseI64Array()
    {
        Advance();
        if (!Accept('<') || !_tok.IsId("i64")) return null;
        Advance();
        var values = ImmutableArray.CreateBuilder<long>();
        if (Accept(':'))
        {
            do
            {
                if (TryParseInt() is not long v) return null;
                values.Add(v);
            }
            while (Accept(','));
        }
        if (!Accept('>')) return null;
        return new I64ArrayAttr(values.ToImmutable());
    }

    // '#stablehlo<comparison_direction LT>' and '#stablehlo<comparison_type FLOAT>'.
    private Attr? TryParseStablehloEnum()
    {
        Advance();
        if (!Accept('<') || _tok.Kind != TokenKind.BareId) return null;
        var kind = _tok.Text;
        Advance();
        if (_tok.Kind != TokenKind.BareId) return null;
        var value = _tok.Text;
        Advance();
        if (!Accept('>')) return null;
        return kind switch
        {
            "comparison_direction" when Enum.TryParse<ComparisonDirection>(value, ignoreCase: false, out var d)
                && Enum.IsDefined(d) && !char.IsAsciiDigit(value[0]) => new ComparisonDirectionAttr(d),
            "comparison_type" => new ComparisonTypeAttr(value),
            _ => null,
        };
    }

    // '#stablehlo.dot<lhs_batching_dimensions = [0], …>' with any of the four lists left out.
    private DotDimensionsAttr? TryParseDot()
    {
        Advance();
        if (!Accept('<')) return null;
        var lists = new Dictionary<string, ImmutableArray<long>>();
        if (!_tok.Is('>'))
        {
            do
            {
                if (_tok.Kind != TokenKind.BareId) return null;
                var key = _tok.Text;
                if (key is not ("lhs_batching_dimensions" or "rhs_batching_dimensions" or "lhs_contracting_dimensions" or "rhs_contracting_dimensions")
                    || lists.ContainsKey(key))
                {
                    return null;
                }
                Advance();
                if (!Accept('=') || !Accept('[')) return null;
                var values = ImmutableArray.CreateBuilder<long>();
                if (!_tok.Is(']'))
                {
                    do
                    {
                        if (TryParseInt() is not long v) return null;
                        values.Add(v);
                    }
                    while (Accept(','));
                }
                if (!Accept(']')) return null;
                lists[key] = values.ToImmutable();
            }
            while (Accept(','));
        }
        if (!Accept('>')) return null;
        ImmutableArray<long> Get(string key) => lists.TryGetValue(key, out var v) ? v : [];
        return new DotDimensionsAttr(
            Get("lhs_batching_dimensions"), Get("rhs_batching_dimensions"),
            Get("lhs_contracting_dimensions"), Get("rhs_contracting_dimensions"));
    }
}
