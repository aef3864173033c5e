using System.Globalization;
using System.Text;

namespace LoopGen.Ir.Text;

/// <summary>
/// Splits MLIR text into tokens on demand. The parser can rewind (<see cref="Position"/>) and read raw
/// characters, which it does for tensor types: <c>0x3xf32</c> is not a sequence of ordinary tokens.
/// </summary>
internal sealed class MlirLexer
{
    private readonly int[] _lineStarts;

    /// <summary>Creates a lexer over <paramref name="text"/>.</summary>
    public MlirLexer(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>The offset the next token is read from.</summary>
    public int Position { get; set; }

    /// <summary>1-based line and column of a source offset.</summary>
    public (int Line, int Column) LineColumn(int offset)
    {
        int i = Array.BinarySearch(_lineStarts, offset);
        if (i < 0) i = ~i - 1;
        return (i + 1, offset - _lineStarts[i] + 1);
    }

    /// <summary>An error at a source offset.</summary>
    public MlirParseException Error(int offset, string message)
    {
        var (line, col) = LineColumn(offset);
        return new MlirParseException(message, line, col);
    }

    /// <summary>Skips whitespace and <c>//</c> comments.</summary>
    public void SkipTrivia()
    {
        while (Position < Text.Length)
        {
            char c = Text[Position];
            if (c is ' ' or '\t' or '\r' or '\n') Position++;
            else if (c == '/' && Position + 1 < Text.Length && Text[Position + 1] == '/')
            {
                while (Position < Text.Length && Text[Position] != '\n') Position++;
            }
            else break;
        }
    }

    /// <summary>Reads the next token.</summary>
    public Token Next()
    {
        SkipTrivia();
        int start = Position;
        if (start >= Text.Length) return Make(TokenKind.Eof, "", start);
        char c = Text[start];
        switch (c)
        {
            case '%':
                return Prefixed(TokenKind.PercentId, allowResultNumber: true);
            case '^':
                return Prefixed(TokenKind.CaretId, allowResultNumber: false);
            case '#':
                return Prefixed(TokenKind.HashId, allowResultNumber: false);
            case '@':
                Position++;
                if (Position < Text.Length && Text[Position] == '"')
                {
                    var s = ReadString();
                    return Make(TokenKind.AtId, s, start);
                }
                return Prefixed(TokenKind.AtId, allowResultNumber: false, skipPrefix: false);
            case '"':
                return Make(TokenKind.String, ReadString(), start);
            case '-':
                Position++;
                if (Position < Text.Length && Text[Position] == '>')
                {
                    Position++;
                    return Make(TokenKind.Arrow, "->", start);
                }
                return Make(TokenKind.Minus, "-", start);
        }
        if (char.IsAsciiDigit(c)) return Number();
        if (MlirSyntax.IsLetter(c) || c == '_')
        {
            while (Position < Text.Length && MlirSyntax.IsBareIdChar(Text[Position])) Position++;
            return Make(TokenKind.BareId, Text[start..Position], start);
        }
        if ("(){}[]<>,:=?*+|!".Contains(c))
        {
            Position++;
            return Make(TokenKind.Punct, c.ToString(), start);
        }
        throw Error(start, $"unexpected character '{c}'");
    }

    private Token Make(TokenKind kind, string text, int start)
    {
        var (line, col) = LineColumn(start);
        return new Token(kind, text, start, Position, line, col);
    }

    private static bool IsSuffixChar(char c) => MlirSyntax.IsLetter(c) || char.IsAsciiDigit(c) || c is '$' or '.' or '_' or '-';

    // %name, ^bb0, #attr, @sym: the sigil then a suffix-id (all digits, or letters/digits/$._-).
    private Token Prefixed(TokenKind kind, bool allowResultNumber, bool skipPrefix = true)
    {
        int start = skipPrefix ? Position : Position - 1;
        if (skipPrefix) Position++;
        int nameStart = Position;
        if (Position < Text.Length && char.IsAsciiDigit(Text[Position]))
        {
            while (Position < Text.Length && char.IsAsciiDigit(Text[Position])) Position++;
        }
        else
        {
            while (Position < Text.Length && IsSuffixChar(Text[Position])) Position++;
        }
        if (Position == nameStart) throw Error(start, $"expected an identifier after '{Text[start]}'");
        if (allowResultNumber && Position + 1 < Text.Length && Text[Position] == '#' && char.IsAsciiDigit(Text[Position + 1]))
        {
            Position++;
            while (Position < Text.Length && char.IsAsciiDigit(Text[Position])) Position++;
        }
        return Make(kind, Text[nameStart..Position], start);
    }

    private Token Number()
    {
        int start = Position;
        if (Text[Position] == '0' && Position + 2 < Text.Length && Text[Position + 1] == 'x' && char.IsAsciiHexDigit(Text[Position + 2]))
        {
            Position += 2;
            while (Position < Text.Length && char.IsAsciiHexDigit(Text[Position])) Position++;
            return Make(TokenKind.Integer, Text[start..Position], start);
        }
        while (Position < Text.Length && char.IsAsciiDigit(Text[Position])) Position++;
        if (Position < Text.Length && Text[Position] == '.')
        {
            Position++;
            while (Position < Text.Length && char.IsAsciiDigit(Text[Position])) Position++;
            if (Position < Text.Length && Text[Position] is 'e' or 'E')
            {
                int save = Position++;
                if (Position < Text.Length && Text[Position] is '+' or '-') Position++;
                if (Position < Text.Length && char.IsAsciiDigit(Text[Position]))
                {
                    while (Position < Text.Length && char.IsAsciiDigit(Text[Position])) Position++;
                }
                else Position = save;
            }
            return Make(TokenKind.Float, Text[start..Position], start);
        }
        return Make(TokenKind.Integer, Text[start..Position], start);
    }

    // A string literal with MLIR's escapes (\" \\ \n \t and two hex digits), decoded as UTF-8.
    private string ReadString()
    {
        int start = Position++;
        var bytes = new List<byte>();
        while (true)
        {
            if (Position >= Text.Length || Text[Position] == '\n') throw Error(start, "unterminated string literal");
            char c = Text[Position++];
            if (c == '"') break;
            if (c != '\\')
            {
                if (c < 0x80) bytes.Add((byte)c);
                else if (char.IsHighSurrogate(c) && Position < Text.Length && char.IsLowSurrogate(Text[Position]))
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(Text.Substring(Position - 1, 2)));
                    Position++;
                }
                else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }
            if (Position >= Text.Length) throw Error(start, "unterminated string literal");
            char e = Text[Position++];
            switch (e)
            {
                case '"': bytes.Add((byte)'"'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                default:
                    if (Position < Text.Length && char.IsAsciiHexDigit(e) && char.IsAsciiHexDigit(Text[Position]))
                    {
                        bytes.Add(byte.Parse(Text.AsSpan(Position - 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        Position++;
                        break;
                    }
                    throw Error(Position - 2, $"unknown escape '\\{e}' in string literal");
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
