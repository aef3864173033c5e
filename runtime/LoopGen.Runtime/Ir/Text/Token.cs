namespace LoopGen.Ir.Text;

/// <summary>Kinds of MLIR tokens.</summary>
internal enum TokenKind
{
    /// <summary>End of input.</summary>
    Eof,
    /// <summary><c>func.func</c>, <c>tensor</c>, <c>true</c>: letters, digits, <c>_ $ .</c>.</summary>
    BareId,
    /// <summary><c>%name</c> or <c>%name#3</c>; <see cref="Token.Text"/> is without the <c>%</c>.</summary>
    PercentId,
    /// <summary><c>^bb0</c>; text without the <c>^</c>.</summary>
    CaretId,
    /// <summary><c>@main</c> or <c>@"quoted"</c>; text without the <c>@</c>, unquoted.</summary>
    AtId,
    /// <summary><c>#stablehlo</c>, <c>#loc3</c>; text without the <c>#</c>.</summary>
    HashId,
    /// <summary>Decimal or <c>0x</c> hex integer (sign is a separate <see cref="Minus"/>).</summary>
    Integer,
    /// <summary>Decimal float with a '.' (and optional exponent).</summary>
    Float,
    /// <summary>A string literal; text is the decoded value.</summary>
    String,
    /// <summary><c>-&gt;</c>.</summary>
    Arrow,
    /// <summary><c>-</c>.</summary>
    Minus,
    /// <summary>Any other single punctuation character: <c>( ) { } [ ] &lt; &gt; , : = ? * +</c>.</summary>
    Punct,
}

/// <summary>One token with its place in the source (1-based line and column, offsets into the text).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End, int Line, int Column)
{
    /// <summary>True for the punctuation token <paramref name="c"/>.</summary>
    public bool Is(char c) => Kind == TokenKind.Punct && Text.Length == 1 && Text[0] == c;

    /// <summary>True for the bare identifier <paramref name="id"/>.</summary>
    public bool IsId(string id) => Kind == TokenKind.BareId && Text == id;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of input",
        TokenKind.PercentId => "'%" + Text + "'",
        TokenKind.CaretId => "'^" + Text + "'",
        TokenKind.AtId => "'@" + Text + "'",
        TokenKind.HashId => "'#" + Text + "'",
        TokenKind.String => "string " + MlirSyntax.Quote(Text),
        _ => "'" + Text + "'",
    };
}
