using System.Reflection;

namespace LoopGen.Docs.Tests.Support;

/// <summary>Where the repository is, and the configuration these tests were built in (the one to pack).</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>LoopGen.sln</c>, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>Release</c> or <c>Debug</c>, as the SDK stamped this assembly.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The Markdown files of the repository (build outputs and git's folder left out), relative, with '/'.</summary>
    public static IReadOnlyList<string> MarkdownFiles { get; } = [.. Files("*.md")];

    /// <summary>Every file under the root with that pattern, outside bin/, obj/ and .git.</summary>
    public static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj" or ".git" or "TestResults" or "artifacts" or "BenchmarkDotNet.Artifacts"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoopGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"LoopGen.sln not found above {AppContext.BaseDirectory}");
    }
}
