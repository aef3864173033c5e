using System.Text.RegularExpressions;

namespace LoopGen.Docs.Tests.Support;

/// <summary>A fenced code block: where it is, its language, its text, and the snippet marker written above it.</summary>
/// <param name="File">The Markdown file, relative to the root.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Language">The info string's first word (<c>csharp</c>, <c>bash</c>, …), or empty.</param>
/// <param name="Text">The lines between the fences.</param>
/// <param name="Marker">What follows <c>snippet:</c> in an HTML comment on the line above (blank lines between allowed), or null.</param>
internal sealed record CodeBlock(string File, int Line, string Language, string Text, string? Marker)
{
    /// <summary>How a test names it: <c>docs/design.md:42</c>.</summary>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>A link or image in Markdown: its target as written and the line it is on.</summary>
internal sealed record MarkdownLink(string File, int Line, string Target);

/// <summary>Just enough Markdown for the tests: fenced blocks, inline links and images, headings and their anchors.</summary>
internal static partial class Markdown
{
    /// <summary>The fenced blocks of <paramref name="text"/>, in order.</summary>
    public static List<CodeBlock> Blocks(string file, string text)
    {
        var lines = Lines(text);
        var blocks = new List<CodeBlock>();
        for (int i = 0; i < lines.Length; i++)
        {
            var open = Fence().Match(lines[i]);
            if (!open.Success) continue;
            string fence = open.Groups["fence"].Value;
            int start = i;
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i].TrimStart() != fence; i++) body.Add(lines[i]);
            blocks.Add(new CodeBlock(file, start + 1, open.Groups["lang"].Value, string.Join('\n', body) + "\n", MarkerAbove(lines, start)));
        }
        return blocks;
    }

    /// <summary>Inline links and images outside code (fenced blocks and backtick spans are skipped).</summary>
    public static List<MarkdownLink> Links(string file, string text)
    {
        var links = new List<MarkdownLink>();
        var lines = Lines(text);
        bool inFence = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]) || (inFence && lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)))
            {
                inFence = !inFence;
                continue;
            }
            if (inFence) continue;
            // Code spans are not links, but a link's text may be one: `[`x`](y)` stays a link.
            var prose = CodeSpan().Replace(lines[i], "``");
            foreach (Match m in Link().Matches(prose)) links.Add(new MarkdownLink(file, i + 1, m.Groups["target"].Value));
        }
        return links;
    }

    /// <summary>The anchors GitHub gives the headings of <paramref name="text"/> (lower case, punctuation dropped, spaces to '-', repeats numbered).</summary>
    public static HashSet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool inFence = false;
        foreach (var line in Lines(text))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            var h = Heading().Match(line);
            if (inFence || !h.Success) continue;
            var slug = Slug(h.Groups["title"].Value);
            int n = seen.TryGetValue(slug, out var k) ? k + 1 : 0;
            seen[slug] = n;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }
        return anchors;
    }

    private static string Slug(string title)
    {
        var text = LinkText().Replace(title.Trim(), "${text}").ToLowerInvariant();
        var kept = text.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_').ToArray();
        return new string(kept).Replace(' ', '-');
    }

    private static string? MarkerAbove(string[] lines, int fence)
    {
        for (int j = fence - 1; j >= 0; j--)
        {
            if (lines[j].Trim().Length == 0) continue;
            var m = Marker().Match(lines[j]);
            return m.Success ? m.Groups["marker"].Value.Trim() : null;
        }
        return null;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^\s*(?<fence>```+)(?<lang>[A-Za-z0-9#+-]*)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:(?<marker>.*?)-->\s*$")]
    private static partial Regex Marker();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
