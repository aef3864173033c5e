using System.Runtime.CompilerServices;

namespace LoopGen.Generator.Tests.Support;

/// <summary>The repository's own kernel files, read as user code by the variant and fuzz tests.</summary>
internal static class ProjectFiles
{
    /// <summary>The global usings the e2e and samples projects have (their kernel files rely on them).</summary>
    public const string GlobalUsings = "global using LoopGen;\nglobal using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n";

    /// <summary>The repository root (the folder holding LoopGen.sln), found from this source file.</summary>
    public static string Root([CallerFilePath] string thisFile = "")
    {
        var dir = Path.GetDirectoryName(thisFile);
        while (dir is not null && !File.Exists(Path.Combine(dir, "LoopGen.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found from " + thisFile);
    }

    /// <summary>The .cs files of a repository folder, in name order, as (file name, text).</summary>
    public static (string Path, string Text)[] Read(string folder) =>
        Directory.GetFiles(Path.Combine(Root(), folder), "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToArray();
}
