using System.Xml.Linq;

namespace LoopGen.Samples.Tests.Support;

/// <summary>
/// The LoopGen package, packed once for the tests of <see cref="PackageCollection"/> by <c>dotnet pack</c> at the repository root (as the README and
/// docs/getting-started.md say) into a fresh folder that then serves as a local feed.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>How long one <c>dotnet</c> step may take on a loaded two-core machine.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    /// <summary>A temporary folder for the feed and whatever the tests build.</summary>
    public string Work { get; } = Directory.CreateTempSubdirectory("loopgen-package-").FullName;

    /// <summary>The feed folder.</summary>
    public string Feed => Path.Combine(Work, "feed");

    /// <summary>The one version, from Directory.Build.props.</summary>
    public static string Version { get; } = ReadVersion();

    /// <summary>The package file in <see cref="Feed"/>.</summary>
    public string Nupkg => Path.Combine(Feed, $"LoopGen.{Version}.nupkg");

    /// <summary>Every file the root pack wrote.</summary>
    public IReadOnlyList<string> Packed { get; }

    /// <summary>Packs.</summary>
    public PackedFeed()
    {
        // Without building (--no-build): the project reference of this test project built the runtime, the generator
        // and the analyzers in this configuration already, and a second build here would race the other test
        // assemblies for bin/. Everything else is built, but IsPackable=false keeps it out of the feed.
        Dotnet.Run(Repository.Root, Step, "pack", "-c", Repository.Configuration, "--no-build", "-o", Feed);
        Packed = [.. Directory.EnumerateFiles(Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
    }

    private static string ReadVersion()
    {
        var props = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props"));
        return props.Descendants("Version").Single().Value;
    }

    /// <summary>Removes the folder.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}

/// <summary>The tests that use the packed feed: they share one pack and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedFeed>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "package";
}
