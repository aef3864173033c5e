using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoopGen.Samples.Tests.Support;

namespace LoopGen.Samples.Tests;

/// <summary>
/// docs/getting-started.md, step by step, as a new user would follow it: the page's own commands (from its
/// <c>&lt;!-- step: … --&gt;</c> blocks) run in a fresh folder, its Program.cs is compiled from the package alone, and
/// what <c>dotnet run</c> prints must be the page's expected output, line for line.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class GettingStartedTests(PackedFeed feed)
{
    private static readonly TimeSpan Step = PackedFeed.Step;
    private const string FeedOnThePage = "~/loopgen-packages";

    private static string Page => File.ReadAllText(Path.Combine(Repository.Root, "docs", "getting-started.md"));

    [Fact]
    public void ThePageIsFollowedFromDotnetNewToItsExpectedOutput()
    {
        string page = Page;

        // Step 1, pack: the fixture ran it at the root (with --no-build, the test's build having made the binaries).
        Assert.Equal($"dotnet pack -c Release -o {FeedOnThePage}", Block(page, "pack").Trim());
        Assert.True(File.Exists(feed.Nupkg));

        string work = Directory.CreateTempSubdirectory("loopgen-getting-started-").FullName;
        // An empty package cache of its own, so the LoopGen just packed is the one restored (never a cached copy).
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages") };
        string folder = work;

        // Step 2: the page's commands, one by one; `cd` moves, the feed's path is the fixture's.
        var commands = Block(page, "commands").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("dotnet new console -o Hello", commands[0]);
        Assert.Contains("dotnet add package LoopGen --version " + PackedFeed.Version, commands);
        foreach (var command in commands)
        {
            var words = command.Replace(FeedOnThePage, feed.Feed, StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words[0] == "cd")
            {
                folder = Path.Combine(folder, words[1]);
                continue;
            }
            Assert.Equal("dotnet", words[0]);
            if (words is [_, "add", "package", ..]) UseMachineSourcesAsWell(Path.Combine(folder, "nuget.config"), work);
            Dotnet.Run(folder, Step, environment, words[1..]);
        }
        var project = XDocument.Load(Path.Combine(folder, "Hello.csproj"));
        Assert.Contains(project.Descendants("PackageReference"), r => (string?)r.Attribute("Include") == "LoopGen" && (string?)r.Attribute("Version") == PackedFeed.Version);
        Assert.Single(project.Descendants("PackageReference"));   // the only line LoopGen needs

        // Step 3: Program.cs, as on the page.
        File.WriteAllText(Path.Combine(folder, "Program.cs"), Block(page, "Program.cs"));

        // Step 4: run; the build must be clean (the analyzers run on the page's code too).
        Assert.Equal("dotnet run", Block(page, "run").Trim());
        string printed = Dotnet.Run(folder, Step, environment, "run");
        Assert.Equal(Lines(Block(page, "output")), Lines(printed));
        Assert.True(Directory.Exists(Path.Combine(work, "nuget-packages", "loopgen", PackedFeed.Version)), "LoopGen came from the local feed into the empty cache");
        PackageConsumerTests.TryDelete(work);
    }

    [Fact]
    public void ThePageSaysWhereEachStepIs()
    {
        foreach (var step in new[] { "pack", "commands", "Program.cs", "run", "output" }) Assert.NotEmpty(Block(Page, step));
    }

    /// <summary>
    /// This machine may have no route to a public feed: its configured sources and its package folder are added to the
    /// config the page made (the page's own sources stay). LoopGen itself is mapped to the page's local feed only.
    /// </summary>
    private static void UseMachineSourcesAsWell(string config, string work)
    {
        var doc = XDocument.Load(config);
        var sources = doc.Root!.Element("packageSources")!;
        var pageSources = sources.Elements("add").Select(a => (string)a.Attribute("key")!).ToList();
        var extra = PackageConsumerTests.MachineSources(work);
        for (int i = 0; i < extra.Count; i++) sources.Add(new XElement("add", new XAttribute("key", $"machine-{i}"), new XAttribute("value", extra[i])));
        var all = pageSources.Concat(extra.Select((_, i) => $"machine-{i}"));
        doc.Root.Add(new XElement("packageSourceMapping", all.Select(key => new XElement("packageSource", new XAttribute("key", key),
            new XElement("package", new XAttribute("pattern", key == "loopgen-local" ? "LoopGen" : "*"))))));
        doc.Save(config);
    }

    /// <summary>The fenced block right after the page's <c>&lt;!-- step: NAME --&gt;</c> line (blank lines between allowed).</summary>
    private static string Block(string page, string step)
    {
        var m = StepBlock().Matches(page.Replace("\r\n", "\n", StringComparison.Ordinal)).SingleOrDefault(m => m.Groups["step"].Value == step);
        Assert.True(m is not null, $"docs/getting-started.md has no block marked <!-- step: {step} -->");
        return m!.Groups["body"].Value;
    }

    private static List<string> Lines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd())];

    [GeneratedRegex(@"^<!-- step: (?<step>\S+) -->\n(?:\s*\n)*```[a-z]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex StepBlock();
}
