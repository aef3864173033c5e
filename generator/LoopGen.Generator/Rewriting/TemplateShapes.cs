using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// A template's shape: its text with every identifier (generated names, holes, user names, type names) replaced by a
/// numbered placeholder, <c>__lgt0</c>, <c>__lgt1</c>, … in order, and the identifiers it stood for (a name after a
/// dot, a member or namespace of the generator's, stays). Template texts of
/// one construct differ between methods and loops only by those names, so the shapes repeat and each is parsed once per
/// process (<see cref="Template"/> fills the placeholders back). Keywords, contextual ones included (<c>var</c>,
/// <c>global</c>, <c>when</c>…), stay in the shape, since the parser reads them; so do literals. A text the scanner
/// does not fully understand (comments, directives, verbatim or interpolated strings) has no shape and is parsed as is.
/// </summary>
internal static class TemplateShapes
{
    public const string Placeholder = "__lgt";

    /// <summary>Shapes are few (one per construct and hole count); the bound only keeps a pathological input from growing the cache without end.</summary>
    private const int MaxShapes = 4096;

    private static readonly ConcurrentDictionary<string, Microsoft.CodeAnalysis.SyntaxNode> Parsed = new(System.StringComparer.Ordinal);

    /// <summary>The shape of <paramref name="text"/> and the identifiers in it, or null when the text has none (see the class).</summary>
    public static string? Of(string text, List<string> words)
    {
        var shape = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsLetter(c) || c == '_' || c == '@')
            {
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                var word = text.Substring(start, i - start);
                if (word == "@") return null;
                var plain = word[0] == '@' ? word.Substring(1) : word;
                // "_" and "__" are discards, which the parser reads in patterns and lambdas. A name after a dot or "::"
                // (global::LoopGen.Tensor.Where) is the generator's own, the same in every text: kept, the filled
                // tree shares its nodes with the shape's.
                bool member = start > 0 && text[start - 1] == '.' || start > 1 && text[start - 1] == ':' && text[start - 2] == ':';
                if (member || word[0] != '@' && (word.Trim('_').Length == 0 || SyntaxFacts.GetKeywordKind(plain) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(plain) != SyntaxKind.None))
                {
                    if (word.StartsWith(Placeholder, System.StringComparison.Ordinal)) return null; // it would read as a placeholder
                    shape.Append(word);
                    continue;
                }
                shape.Append(Placeholder).Append(words.Count);
                words.Add(word);
            }
            else if (char.IsDigit(c))
            {
                // A number with its suffix and fraction (1.5f, 0x1F); "0..n" stops at the range's dots.
                int start = i++;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1]))) i++;
                shape.Append(text, start, i - start);
            }
            else if (c is '"' or '\'')
            {
                // A regular string or char literal, copied with its escapes.
                int start = i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] is '\\') i++;
                    else if (text[i] is '\n') return null;
                    i++;
                }
                if (i >= text.Length) return null;
                i++;
                shape.Append(text, start, i - start);
            }
            else if (c is '$' or '#' || c == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*' || c > 127)
            {
                return null;
            }
            else
            {
                shape.Append(c);
                i++;
            }
        }
        return shape.ToString();
    }

    /// <summary>The placeholder's number, or -1 for any other identifier.</summary>
    public static int IndexOf(string identifier)
    {
        if (identifier.Length <= Placeholder.Length || !identifier.StartsWith(Placeholder, System.StringComparison.Ordinal)) return -1;
        int n = 0;
        for (int k = Placeholder.Length; k < identifier.Length; k++)
        {
            char d = identifier[k];
            if (d < '0' || d > '9') return -1;
            n = n * 10 + (d - '0');
        }
        return n;
    }

    /// <summary>The parsed shape (a statement or an expression, by <paramref name="key"/>'s first character), parsed once.</summary>
    public static bool TryGet(string key, out Microsoft.CodeAnalysis.SyntaxNode node) => Parsed.TryGetValue(key, out node!);

    /// <summary>Keeps a parsed shape that parsed without errors.</summary>
    public static void Add(string key, Microsoft.CodeAnalysis.SyntaxNode node)
    {
        if (Parsed.Count < MaxShapes) Parsed.TryAdd(key, node);
    }
}
