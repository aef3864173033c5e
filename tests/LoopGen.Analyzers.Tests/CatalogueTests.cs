using System.Reflection;
using LoopGen.Analyzers.Tests.Support;
using LoopGen.Generator.Lifting;

namespace LoopGen.Analyzers.Tests;

/// <summary>The catalogue is complete: every lifter code has an id, every id a descriptor, a help page and release notes.</summary>
public sealed class CatalogueTests
{
    public static TheoryData<string> Ids => [.. DiagnosticDescriptors.All.Select(d => d.Id)];

    [Fact]
    public void EveryLifterCodeMapsToADiagnostic()
    {
        var codes = typeof(LiftCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.True(DiagnosticDescriptors.ByCode.ContainsKey(c), $"lifter code '{c}' has no diagnostic"));
        Assert.All(DiagnosticDescriptors.ByCode.Values, d => Assert.Contains(d, DiagnosticDescriptors.All));
    }

    [Fact]
    public void IdsAreUniqueAndSupported()
    {
        var ids = DiagnosticDescriptors.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids, new LoopGenAnalyzer().SupportedDiagnostics.Select(d => d.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void EachIdHasAHelpPageWithBothExamplesAndTheSeverityKnob(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        // No web address is claimed; the description names the page the package and the repository ship.
        Assert.Equal("", descriptor.HelpLinkUri);
        Assert.Contains($"docs/diagnostics/{id}.md", descriptor.Description.ToString(), StringComparison.Ordinal);
        Assert.Equal("LoopGen", descriptor.Category);
        var page = Repository.PathOf($"docs/diagnostics/{id}.md");
        Assert.True(File.Exists(page), page + " is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        if (id != "LG9999")
        {
            // LG9999 is LoopGen's own bug, not a mistake in the user's code: its page says what to do instead.
            Assert.Contains("## Wrong", text, StringComparison.Ordinal);
            Assert.Contains("## Fixed", text, StringComparison.Ordinal);
        }
        Assert.Contains($"dotnet_diagnostic.{id}.severity", text, StringComparison.Ordinal);
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Repository.PathOf("docs/diagnostics/README.md")), StringComparison.Ordinal);
    }
}
