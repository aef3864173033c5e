using System.Xml.Linq;
using LoopGen.Docs.Tests.Support;

namespace LoopGen.Docs.Tests;

/// <summary>Repository habits a newcomer relies on: one place for package versions, and every project in the solution.</summary>
public sealed class RepositoryTests
{
    // A user's project (also built outside the repository by the package test): it keeps its own version.
    private static readonly string[] OwnVersions = ["samples/LoopGen.Consumer/LoopGen.Consumer.csproj"];

    [Fact]
    public void PackageVersionsAreSetOnceInDirectoryPackagesProps()
    {
        var central = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"));
        var versions = central.Descendants("PackageVersion").Select(v => (string)v.Attribute("Include")!).ToList();
        Assert.Equal(versions.Count, versions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var project in Repository.Files("*.csproj"))
        {
            var references = XDocument.Load(Path.Combine(Repository.Root, project)).Descendants("PackageReference").ToList();
            foreach (var reference in references)
            {
                string id = (string)reference.Attribute("Include")!;
                if (OwnVersions.Contains(project)) continue;
                Assert.True(reference.Attribute("Version") is null, $"{project}: {id} states a version; set it in Directory.Packages.props");
                Assert.True(versions.Contains(id, StringComparer.OrdinalIgnoreCase), $"{project}: {id} has no PackageVersion in Directory.Packages.props");
            }
        }
    }

    [Fact]
    public void EveryProjectButTheConsumerIsInTheSolution()
    {
        var solution = File.ReadAllText(Path.Combine(Repository.Root, "LoopGen.sln")).Replace('\\', '/');
        foreach (var project in Repository.Files("*.csproj").Where(p => p != "samples/LoopGen.Consumer/LoopGen.Consumer.csproj"))
        {
            Assert.Contains($"\"{project}\"", solution, StringComparison.Ordinal);
        }
    }
}
