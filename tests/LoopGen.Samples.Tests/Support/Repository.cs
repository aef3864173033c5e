using System.Reflection;

namespace LoopGen.Samples.Tests.Support;

/// <summary>Where the repository is, and the configuration these tests were built in (the one to pack).</summary>
internal static class Repository
{
    /// <summary>The folder holding <c>LoopGen.sln</c>, found upwards from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>Release</c> or <c>Debug</c>, as the SDK stamped this assembly.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoopGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"LoopGen.sln not found above {AppContext.BaseDirectory}");
    }
}
