using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LoopGen.Samples.Tests.Support;

namespace LoopGen.Samples.Tests;

/// <summary>
/// The package as a user gets it: <c>dotnet pack</c> at the root makes LoopGen and nothing else; samples/LoopGen.Consumer
/// restores it from that local folder feed into an empty package cache (the machine's own sources still serve the
/// other dependencies), builds and runs.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class PackageConsumerTests(PackedFeed feed)
{
    private static readonly TimeSpan Step = PackedFeed.Step;

    [Fact]
    public void TheRootPackMakesExactlyTheLoopGenPackage()
    {
        Assert.Equal([$"LoopGen.{PackedFeed.Version}.nupkg"], feed.Packed);
        AssertLayout(feed.Nupkg);
    }

    [Fact]
    public void EveryProjectAndTheConsumerAgreeOnTheVersion()
    {
        // One <Version> in Directory.Build.props; nobody else states one, except the consumer, which is copied out of
        // the repository by the test below and so cannot read it.
        foreach (var project in Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
                     .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("<Version>", File.ReadAllText(project), StringComparison.Ordinal);
        }
        var consumer = XDocument.Load(Path.Combine(Repository.Root, "samples", "LoopGen.Consumer", "LoopGen.Consumer.csproj"));
        Assert.Equal(PackedFeed.Version, consumer.Descendants("LoopGenVersion").Single().Value);
        Assert.Contains($"Version=\"{PackedFeed.Version}\"", File.ReadAllText(Path.Combine(Repository.Root, "runtime", "LoopGen.Runtime", "PACKAGE.md")), StringComparison.Ordinal);
        Assert.Contains($"--version {PackedFeed.Version}", File.ReadAllText(Path.Combine(Repository.Root, "docs", "getting-started.md")), StringComparison.Ordinal);
        // The samples app is built with it too: its --version prints it.
        var version = typeof(LoopGen.Samples.Cli.SamplesCli).Assembly.GetName().Version!;
        Assert.Equal(PackedFeed.Version, $"{version.Major}.{version.Minor}.{version.Build}");
    }

    [Fact]
    public void TheConsumerBuildsFromThePackageAloneAndItsPlainCallIsIntercepted()
    {
        string work = Directory.CreateTempSubdirectory("loopgen-consumer-").FullName;
        string consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples", "LoopGen.Consumer"))
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(consumer, Path.GetFileName(file)));
        }
        WriteNuGetConfig(consumer, feed.Feed, work);

        string packages = Path.Combine(work, "packages");
        Dotnet.Run(consumer, Step, "restore", "--packages", packages);
        Assert.True(Directory.Exists(Path.Combine(packages, "loopgen", PackedFeed.Version)), "LoopGen was restored into the empty cache from the local feed");
        Dotnet.Run(consumer, Step, "build", "--no-restore", "-c", "Release", "--disable-build-servers");
        string output = Dotnet.Run(consumer, Step, Path.Combine("bin", "Release", "net10.0", "LoopGen.Consumer.dll"));

        Assert.Contains("result: [10]", output);
        Assert.Contains("plain call: 1 compile, 1 execute, 0 eager ops", output);
        Assert.Contains("intercepted: yes", output);
        Assert.Contains("whiles: 1", output);
        Assert.Contains("eager: [10]", output);
        TryDelete(work);
    }

    [Fact]
    public void AnAppThatGetsLoopGenThroughALibraryInterceptsTheLibrarysCompiledMethods()
    {
        // lib references the package; app references only lib. The package's buildTransitive props brings the
        // generator to app, whose plain call of lib's [Compile] method then runs lib's compiled entry.
        string work = Directory.CreateTempSubdirectory("loopgen-transitive-").FullName;
        string lib = Path.Combine(work, "lib"), app = Path.Combine(work, "app");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(lib, "Lib.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>
              <ItemGroup><PackageReference Include="LoopGen" Version="{{PackedFeed.Version}}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(lib, "Kernels.cs"), """
            using LoopGen;

            namespace Lib;

            public static partial class Kernels
            {
                [Compile]
                public static Tensor Step(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = x * 0.5f + 1f;
                    return x;
                }
            }
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles></PropertyGroup>
              <ItemGroup><ProjectReference Include="../lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using LoopGen;

            var x = Tensor.From(new[] { 1f, 2f, 4f }, 3);
            var plain = Lib.Kernels.Step(x, 3);
            var eager = Lib.Kernels.StepEager(x, 3);
            System.Console.WriteLine("plain: " + string.Join(",", plain.ToArray<float>()) + " eager: " + string.Join(",", eager.ToArray<float>()));
            """);
        WriteNuGetConfig(work, feed.Feed, work);
        string packages = Path.Combine(work, "packages");
        Dotnet.Run(app, Step, "restore", "--packages", packages);
        Dotnet.Run(app, Step, "build", "--no-restore", "-c", "Release", "--disable-build-servers");
        var generated = Directory.GetFiles(Path.Combine(app, "obj"), "LoopGen.ReferencedInterceptors.g.cs", SearchOption.AllDirectories);
        var text = File.ReadAllText(Assert.Single(generated));
        Assert.Contains("global::Lib.Kernels.StepCompiled(x, n)", text, StringComparison.Ordinal);
        string output = Dotnet.Run(app, Step, Path.Combine("bin", "Release", "net10.0", "App.dll"));
        Assert.Contains("plain: 1.875,2,2.25 eager: 1.875,2,2.25", output, StringComparison.Ordinal);
        TryDelete(work);
    }

    private static void AssertLayout(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/LoopGen.Runtime.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LoopGen.Generator.dll", entries);
        // The analyzers are in the generator's assembly (one home for the shared analysis), not a DLL of their own.
        Assert.DoesNotContain("analyzers/dotnet/cs/LoopGen.Analyzers.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/LoopGen.CodeFixes.dll", entries);
        Assert.Contains("buildTransitive/LoopGen.props", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        // The help pages the diagnostics name ship with them, and their links between each other still resolve there.
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs", "diagnostics"), "*.md"))
        {
            Assert.Contains($"docs/diagnostics/{Path.GetFileName(page)}", entries);
        }

        using var nuspecStream = zip.GetEntry("LoopGen.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("LoopGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal(PackedFeed.Version, metadata.Element(ns + "version")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Equal(["System.Numerics.Tensors"], dependencies);
    }

    /// <summary>
    /// A nuget.config that lists the local feed, the sources this machine is configured with, and this machine's
    /// package folder (so the test also restores where no source answers). LoopGen is mapped to the local feed
    /// only, so no other source (or a LoopGen on a public feed) can stand in for the package under test.
    /// </summary>
    internal static void WriteNuGetConfig(string folder, string feed, string work)
    {
        var sources = MachineSources(work);
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

    /// <summary>The enabled sources of this machine, then its global package folder where it exists.</summary>
    internal static List<string> MachineSources(string work)
    {
        var sources = new List<string>();
        foreach (Match m in EnabledSource().Matches(Dotnet.Run(work, Step, "nuget", "list", "source", "--format", "short")))
        {
            sources.Add(m.Groups[1].Value.Trim());
        }
        var globalPackages = GlobalPackages().Match(Dotnet.Run(work, Step, "nuget", "locals", "global-packages", "--list"));
        if (globalPackages.Success && Directory.Exists(globalPackages.Groups[1].Value.Trim())) sources.Add(globalPackages.Groups[1].Value.Trim());
        return sources;
    }

    [GeneratedRegex(@"^\s*E\s+(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex EnabledSource();

    [GeneratedRegex(@"global-packages:\s*(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackages();

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
