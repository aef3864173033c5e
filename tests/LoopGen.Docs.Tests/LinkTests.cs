using LoopGen.Docs.Tests.Support;

namespace LoopGen.Docs.Tests;

/// <summary>Every relative link of the repository's Markdown resolves inside the repository, anchors included.</summary>
public sealed class LinkTests
{
    public static TheoryData<string> Files => [.. Repository.MarkdownFiles];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryRelativeLinkResolvesInsideTheRepository(string file)
    {
        string text = File.ReadAllText(Path.Combine(Repository.Root, file));
        var broken = new List<string>();
        foreach (var link in Markdown.Links(file, text))
        {
            if (link.Target.Contains("://", StringComparison.Ordinal) || link.Target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            var (path, anchor) = Split(link.Target);
            string target = path.Length == 0 ? Path.Combine(Repository.Root, file) : Path.GetFullPath(Path.Combine(Repository.Root, Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));
            string relative = Path.GetRelativePath(Repository.Root, target);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                broken.Add($"{file}:{link.Line}: {link.Target} leaves the repository");
            }
            else if (!File.Exists(target) && !Directory.Exists(target))
            {
                broken.Add($"{file}:{link.Line}: {link.Target} does not exist");
            }
            else if (anchor is not null && target.EndsWith(".md", StringComparison.Ordinal) && !Markdown.Anchors(File.ReadAllText(target)).Contains(anchor))
            {
                broken.Add($"{file}:{link.Line}: {link.Target}: no heading '#{anchor}' in {relative}");
            }
        }
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    [Fact]
    public void TheLinkReaderFindsLinksAndSkipsCode()
    {
        const string text = """
            See [the design](docs/design.md#the-semantics-contract) and ![plot](docs/bench.svg "a plot").
            `[not](a-link.md)` and
            ```csharp
            var x = a[0](1); // [no](link.md)
            ```
            [`code` text](README.md)
            """;
        var links = Markdown.Links("x.md", text).Select(l => $"{l.Line}:{l.Target}").ToList();
        Assert.Equal(["1:docs/design.md#the-semantics-contract", "1:docs/bench.svg", "6:README.md"], links);
    }

    [Fact]
    public void AnchorsFollowGitHubsRule()
    {
        var anchors = Markdown.Anchors("# LoopGen: how it works\n## The `hlo` verb — and more\n## Repeat\n## Repeat\n```\n# not a heading\n```\n");
        Assert.Equal(new[] { "loopgen-how-it-works", "the-hlo-verb--and-more", "repeat", "repeat-1" }.Order(), anchors.Order());
    }

    [Fact]
    public void TheLinkTestSeesTheWholeRepository()
    {
        Assert.Contains("README.md", Repository.MarkdownFiles);
        Assert.Contains("docs/design.md", Repository.MarkdownFiles);
        Assert.Contains("docs/diagnostics/LG0006.md", Repository.MarkdownFiles);
        Assert.Contains("runtime/LoopGen.Runtime/PACKAGE.md", Repository.MarkdownFiles);
    }

    private static (string Path, string? Anchor) Split(string target)
    {
        int hash = target.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
    }
}
