namespace LoopGen.Analyzers.Tests.Support;

/// <summary>Files of this repository, found from the test assembly's folder upwards.</summary>
internal static class Repository
{
    public static readonly string Root = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoopGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("LoopGen.sln not found above " + AppContext.BaseDirectory);
    }
}
