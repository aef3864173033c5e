using LoopGen.Docs.Tests.Support;

namespace LoopGen.Docs.Tests;

/// <summary>
/// Nothing a user of the repository or the package reads points at files they do not have: the working notes the
/// project started from (cited today by their public sources) or the folder beside the repository.
/// </summary>
public sealed class SelfContainedTests
{
    // This test's own folder names the forbidden words.
    private static readonly string[] NotYetChecked = ["tests/LoopGen.Docs.Tests/"];

    private static readonly string[] Forbidden = ["seeds/", "../shared/", "DESIGN.md"];

    [Fact]
    public void NoFileCitesWhatTheRepositoryDoesNotHave()
    {
        var offending = new List<string>();
        foreach (var pattern in new[] { "*.md", "*.cs", "*.csproj", "*.props", "*.targets", "*.sh", "*.py", "*.txt", "*.sln" })
        {
            foreach (var file in Repository.Files(pattern).Where(f => !NotYetChecked.Any(p => f.StartsWith(p, StringComparison.Ordinal))))
            {
                var lines = File.ReadAllLines(Path.Combine(Repository.Root, file));
                for (int i = 0; i < lines.Length; i++)
                {
                    foreach (var word in Forbidden.Where(w => lines[i].Contains(w, StringComparison.Ordinal))) offending.Add($"{file}:{i + 1}: '{word}'");
                }
            }
        }
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }
}
