namespace LoopGen.Docs.Tests.Support;

/// <summary>
/// The marker above a C# block, <c>&lt;!-- snippet: PARTS --&gt;</c>, PARTS separated by commas (docs/README.md):
/// <c>fragment</c> (not compiled), <c>members</c> (the block is the members of a class: it is compiled inside
/// <c>public static partial class Snippet</c> with <c>using LoopGen;</c>), <c>expect ID …</c> (the LoopGen diagnostics
/// the block must report, and no others). No marker: a whole file, reporting nothing.
/// </summary>
internal sealed record SnippetMarker(bool Fragment, bool Members, IReadOnlyList<string> Expected)
{
    /// <summary>Reads the text after <c>snippet:</c>; unknown words are a <see cref="FormatException"/>.</summary>
    public static SnippetMarker Parse(string? text)
    {
        bool fragment = false, members = false;
        var expected = new List<string>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words[0])
            {
                case "fragment" when words.Length == 1: fragment = true; break;
                case "members" when words.Length == 1: members = true; break;
                case "expect" when words.Length > 1 && words.Skip(1).All(w => w.StartsWith("LG", StringComparison.Ordinal)): expected.AddRange(words.Skip(1)); break;
                default: throw new FormatException($"unknown snippet marker '{part}': use fragment, members or expect LGxxxx …");
            }
        }
        return new SnippetMarker(fragment, members, [.. expected.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The file to compile for <paramref name="block"/>.</summary>
    public string Wrap(string block)
    {
        if (!Members) return block;
        var indented = string.Join('\n', block.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : "    " + l));
        return $"using LoopGen;\n\npublic static partial class Snippet\n{{\n{indented}\n}}\n";
    }
}
