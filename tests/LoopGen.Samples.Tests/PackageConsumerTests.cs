using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoopGen.Samples.Tests.Support;

namespace LoopGen.Samples.Tests;

/// <summary>
/// The package as a user gets it: pack LoopGen, restore samples/LoopGen.Consumer from a local folder feed into an
/// empty package cache (the machine's own sources still serve the other dependencies), build it, run it.
/// </summary>
public sealed partial class PackageConsumerTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(3);
    private readonly string _work = Directory.CreateTempSubdirectory("loopgen-package-").FullName;

    [Fact]
    public void TheConsumerBuildsFromThePackageAloneAndItsPlainCallIsIntercepted()
    {
        string nupkg = Pack();
        AssertLayout(nupkg);

        string consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples", "LoopGen.Consumer"))
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
        }
        WriteNuGetConfig(consumer, Path.GetDirectoryName(nupkg)!);

        string packages = Path.Combine(_work, "packages");
        Dotnet.Run(consumer, Step, "restore", "--packages", packages);
        Assert.True(Directory.Exists(Path.Combine(packages, "loopgen", "0.1.0")), "LoopGen was restored into the empty cache from the local feed");
        Dotnet.Run(consumer, Step, "build", "--no-restore", "-c", "Release", "--disable-build-servers");
        string output = Dotnet.Run(consumer, Step, Path.Combine("bin", "Release", "net10.0", "LoopGen.Consumer.dll"));

        Assert.Contains("result: [10]", output);
        Assert.Contains("plain call: 1 compile, 1 execute, 0 eager ops", output);
        Assert.Contains("intercepted: yes", output);
        Assert.Contains("whiles: 1", output);
        Assert.Contains("eager: [10]", output);
    }

    private string Pack()
    {
        // Without building: the project reference of this test project built the runtime and the generator in
        // this configuration already, and a second build here would race the other test assemblies for bin/.
        string feed = Path.Combine(_work, "feed");
        Dotnet.Run(Repository.Root, Step, "pack", Path.Combine("runtime", "LoopGen.Runtime", "LoopGen.Runtime.csproj"),
            "-c", Repository.Configuration, "--no-build", "-o", feed);
        string nupkg = Path.Combine(feed, "LoopGen.0.1.0.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} was not written");
        return nupkg;
    }

    private static void AssertLayout(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/LoopGen.Runtime.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LoopGen.Generator.dll", entries);
        Assert.Contains("buildTransitive/LoopGen.props", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        foreach (var optional in new[] { "LoopGen.Analyzers", "LoopGen.CodeFixes" })
        {
            // Issue 4's projects ship in the package from the day they exist.
            if (File.Exists(Path.Combine(Repository.Root, "analyzers", optional, optional + ".csproj")))
            {
                Assert.Contains($"analyzers/dotnet/cs/{optional}.dll", entries);
            }
        }

        using var nuspecStream = zip.GetEntry("LoopGen.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("LoopGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal("0.1.0", metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Equal(["System.Numerics.Tensors"], dependencies);
    }

    /// <summary>
    /// A nuget.config that lists the local feed, the sources this machine is configured with, and this machine's
    /// package folder (so the test also restores where no source answers). LoopGen is mapped to the local feed
    /// only, so no other source (or a LoopGen on a public feed) can stand in for the package under test.
    /// </summary>
    private void WriteNuGetConfig(string folder, string feed)
    {
        var sources = new List<string>();
        foreach (Match m in EnabledSource().Matches(Dotnet.Run(_work, Step, "nuget", "list", "source", "--format", "short")))
        {
            sources.Add(m.Groups[1].Value.Trim());
        }
        var globalPackages = GlobalPackages().Match(Dotnet.Run(_work, Step, "nuget", "locals", "global-packages", "--list"));
        if (globalPackages.Success && Directory.Exists(globalPackages.Groups[1].Value.Trim())) sources.Add(globalPackages.Groups[1].Value.Trim());

        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "loopgen-local"), new XAttribute("value", feed)),
                sources.Select((s, i) => new XElement("add", new XAttribute("key", $"machine-{i}"), new XAttribute("value", s)))),
            new XElement("packageSourceMapping",
                new XElement("packageSource", new XAttribute("key", "loopgen-local"), new XElement("package", new XAttribute("pattern", "LoopGen"))),
                sources.Select((_, i) => new XElement("packageSource", new XAttribute("key", $"machine-{i}"), new XElement("package", new XAttribute("pattern", "*"))))));
        new XDocument(config).Save(Path.Combine(folder, "nuget.config"));
    }

    [GeneratedRegex(@"^\s*E\s+(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex EnabledSource();

    [GeneratedRegex(@"global-packages:\s*(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackages();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
