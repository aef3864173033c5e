namespace LoopGen.Ir.Text;

internal sealed partial class TextParser
{
    /// <summary>Parses <c>tensor&lt;2x3xf32&gt;</c>; anything LoopGen cannot hold is an error.</summary>
    private TensorType ParseTensorType() => ParseTensorType(lenient: false)!;

    /// <summary>
    /// Parses a ranked static tensor type by reading characters (<c>0x3xf32</c> is no token sequence). Lenient mode
    /// returns null for well-formed types LoopGen does not model (i8, dynamic dims, encodings) so that an
    /// attribute holding one can stay opaque; the position is then undefined and the caller rewinds.
    /// </summary>
    private TensorType? ParseTensorType(bool lenient)
    {
        if (!_tok.IsId("tensor"))
        {
            if (lenient) return null;
            throw Expected("a tensor type");
        }
        var text = _lex.Text;
        int p = _tok.End;
        void SkipSpaces()
        {
            while (p < text.Length && text[p] is ' ' or '\t') p++;
        }
        SkipSpaces();
        if (p >= text.Length || text[p] != '<') throw _lex.Error(p, $"expected '<' after 'tensor' but found {Found(p)}");
        p++;
        var dims = new List<int>();
        while (true)
        {
            SkipSpaces();
            if (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                int start = p;
                while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
                if (!int.TryParse(text.AsSpan(start, p - start), out int dim)) throw _lex.Error(start, "tensor dimension too large");
                dims.Add(dim);
                SkipSpaces();
                if (p >= text.Length || text[p] != 'x') throw _lex.Error(p, $"expected 'x' after a tensor dimension but found {Found(p)}");
                p++;
                continue;
            }
            if (p < text.Length && text[p] is '?' or '*')
            {
                if (lenient) return null;
                throw _lex.Error(p, "dynamic and unranked tensor types are not supported");
            }
            break;
        }
        int elemStart = p;
        while (p < text.Length && (char.IsAsciiLetterOrDigit(text[p]) || text[p] == '_')) p++;
        var elem = text[elemStart..p];
        if (elem.Length == 0) throw _lex.Error(elemStart, $"expected an element type but found {Found(elemStart)}");
        if (!DTypes.TryParseMlir(elem, out var dtype))
        {
            if (lenient) return null;
            throw _lex.Error(elemStart, $"unsupported element type '{elem}' (LoopGen has i1, i32, i64, f16, bf16, f32, f64)");
        }
        SkipSpaces();
        if (p < text.Length && text[p] == ',')
        {
            if (lenient) return null;
            throw _lex.Error(p, "tensor encodings are not supported");
        }
        if (p >= text.Length || text[p] != '>') throw _lex.Error(p, $"expected '>' to close the tensor type but found {Found(p)}");
        _lex.Position = p + 1;
        Advance();
        return new TensorType(dtype, new Shape([.. dims]));
    }

    private string Found(int offset) => offset >= _lex.Text.Length ? "end of input" : $"'{_lex.Text[offset]}'";

    /// <summary><c>(t1, t2) -&gt; t3</c> or <c>-&gt; (t3, t4)</c> or <c>() -&gt; ()</c>.</summary>
    private (List<TensorType> Inputs, List<TensorType> Results) ParseFunctionType()
    {
        var inputs = ParseTypeList("'(' to start the operation's type");
        ExpectArrow();
        List<TensorType> results;
        if (_tok.Is('(')) results = ParseTypeList("'('");
        else results = [ParseTensorType()];
        return (inputs, results);
    }

    private List<TensorType> ParseTypeList(string what)
    {
        if (!_tok.Is('(')) throw Expected(what);
        Advance();
        var types = new List<TensorType>();
        if (!_tok.Is(')'))
        {
            do types.Add(ParseTensorType());
            while (Accept(','));
        }
        Expect(')');
        return types;
    }
}
