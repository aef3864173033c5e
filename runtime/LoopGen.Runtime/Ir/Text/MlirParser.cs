namespace LoopGen.Ir.Text;

/// <summary>Parses the MLIR text that <see cref="MlirPrinter"/> writes (and generic-form StableHLO in general).</summary>
public static class MlirParser
{
    /// <summary>
    /// How deep regions may nest, and how deep the bracketed lists of one dense literal: 256. Deeper text is refused
    /// with an <see cref="MlirParseException"/> at the first token past the limit (the parser is recursive; without a
    /// limit, text nested thousands deep would overflow the stack and end the process).
    /// </summary>
    public const int MaxNestingDepth = 256;

    /// <summary>Parses a module; throws <see cref="MlirParseException"/> with line and column on bad input.</summary>
    public static Module Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TextParser(text).ParseModule();
    }
}

/// <summary>Bad MLIR text: the message names the line, the column and what was expected.</summary>
public sealed class MlirParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MlirParseException(string message, int line, int column)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }
}
