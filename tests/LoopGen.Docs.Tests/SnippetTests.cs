using LoopGen.Docs.Tests.Support;

namespace LoopGen.Docs.Tests;

/// <summary>
/// Every C# block of README.md, the package readme (runtime/LoopGen.Runtime/PACKAGE.md) and docs/**/*.md compiles
/// against the package with no error and no warning, and reports exactly the LoopGen diagnostics its marker expects.
/// The markers (an HTML comment on the line above the fence) are described in docs/README.md.
/// </summary>
public sealed class SnippetTests
{
    /// <summary>The Markdown files whose C# blocks are compiled.</summary>
    public static IEnumerable<string> Documents =>
        Repository.MarkdownFiles.Where(f => f is "README.md" or "runtime/LoopGen.Runtime/PACKAGE.md" || f.StartsWith("docs/", StringComparison.Ordinal));

    /// <summary>Every C# block of those files, named <c>file:line</c>.</summary>
    public static TheoryData<string> Blocks => [.. CSharpBlocks().Select(b => b.ToString())];

    private static IEnumerable<CodeBlock> CSharpBlocks() =>
        Documents.SelectMany(f => Markdown.Blocks(f, File.ReadAllText(Path.Combine(Repository.Root, f))))
            .Where(b => b.Language is "csharp" or "cs" or "c#");

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CompilesAgainstThePackage(string name)
    {
        var block = CSharpBlocks().Single(b => b.ToString() == name);
        var marker = SnippetMarker.Parse(block.Marker);
        if (marker.Fragment) return;   // marked as a piece of code, not a file: nothing to compile

        var result = SnippetCompiler.Compile(name.Replace(':', '_') + ".cs", marker.Wrap(block.Text), marker.Expected);
        Assert.True(result.Compiler.Count == 0,
            $"{name} does not compile cleanly:\n{string.Join("\n", result.Compiler)}\n--- compiled as ---\n{result.Source}");
        var reported = result.LoopGen.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(marker.Expected.SequenceEqual(reported),
            $"{name}: expected LoopGen diagnostics [{string.Join(", ", marker.Expected)}], got [{string.Join(", ", reported)}]:\n{string.Join("\n", result.LoopGen)}");
    }

    [Fact]
    public void TheDocumentsHaveCSharpBlocksAndFewAreLeftUncompiled()
    {
        var blocks = CSharpBlocks().ToList();
        Assert.True(blocks.Count >= 30, $"only {blocks.Count} C# blocks found");
        Assert.Contains(blocks, b => b.File == "README.md");
        Assert.Contains(blocks, b => b.File == "runtime/LoopGen.Runtime/PACKAGE.md");
        Assert.Contains(blocks, b => b.File == "docs/getting-started.md");
        var fragments = blocks.Where(b => SnippetMarker.Parse(b.Marker).Fragment).ToList();
        Assert.True(fragments.Count * 10 <= blocks.Count, "more than a tenth of the C# blocks are fragments: " + string.Join(", ", fragments));
    }

    [Fact]
    public void EveryMarkerIsUnderstood()
    {
        foreach (var file in Documents)
        {
            foreach (var block in Markdown.Blocks(file, File.ReadAllText(Path.Combine(Repository.Root, file))).Where(b => b.Marker is not null))
            {
                Assert.True(block.Language is "csharp", $"{block}: a snippet marker above a {block.Language} block");
                var e = Record.Exception(() => SnippetMarker.Parse(block.Marker));
                Assert.True(e is null, $"{block}: {e?.Message}");
            }
        }
    }

    [Theory]
    [InlineData(null, false, false, "")]
    [InlineData("fragment", true, false, "")]
    [InlineData("members", false, true, "")]
    [InlineData("members, expect LG0006", false, true, "LG0006")]
    [InlineData("expect LG0012 LG0002", false, false, "LG0002 LG0012")]
    public void MarkersParse(string? text, bool fragment, bool members, string expected)
    {
        var marker = SnippetMarker.Parse(text);
        Assert.Equal(fragment, marker.Fragment);
        Assert.Equal(members, marker.Members);
        Assert.Equal(expected, string.Join(' ', marker.Expected));
        Assert.Throws<FormatException>(() => SnippetMarker.Parse("framgent"));
    }
}
