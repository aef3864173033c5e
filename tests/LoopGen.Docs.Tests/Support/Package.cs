using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Docs.Tests.Support;

/// <summary>
/// The LoopGen package, packed once per test run from this repository's build (<c>dotnet pack --no-build</c>) and
/// unpacked: its library is what snippets reference, its generator and analyzers are what runs on them, and its
/// buildTransitive props says which interceptor namespaces the compiler must accept.
/// </summary>
internal sealed class Package
{
    private static readonly Lazy<Package> s_instance = new(() => new Package());

    /// <summary>The package, packed on first use.</summary>
    public static Package Instance => s_instance.Value;

    /// <summary><c>lib/net10.0/LoopGen.Runtime.dll</c>, unpacked.</summary>
    public string Library { get; }

    /// <summary>The source generators in <c>analyzers/dotnet/cs</c>.</summary>
    public IReadOnlyList<IIncrementalGenerator> Generators { get; }

    /// <summary>The diagnostic analyzers in <c>analyzers/dotnet/cs</c>.</summary>
    public IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The namespaces <c>buildTransitive/LoopGen.props</c> adds to <c>InterceptorsNamespaces</c>.</summary>
    public string InterceptorsNamespaces { get; }

    private Package()
    {
        string work = Directory.CreateTempSubdirectory("loopgen-docs-").FullName;
        string feed = Path.Combine(work, "feed");
        // The nuspec goes to a folder of its own, so this pack never writes where another test assembly's pack does.
        Run("pack", "-c", Repository.Configuration, "--no-build", "-o", feed, $"-p:NuspecOutputPath={Path.Combine(work, "nuspec")}/");
        string nupkg = Directory.EnumerateFiles(feed, "LoopGen.*.nupkg").Single();
        string unpacked = Path.Combine(work, "unpacked");
        ZipFile.ExtractToDirectory(nupkg, unpacked);

        Library = Path.Combine(unpacked, "lib", "net10.0", "LoopGen.Runtime.dll");
        var components = Directory.EnumerateFiles(Path.Combine(unpacked, "analyzers", "dotnet", "cs"), "*.dll")
            .Select(Assembly.LoadFrom).ToList();
        Generators = [.. Instances<IIncrementalGenerator>(components, typeof(GeneratorAttribute))];
        Analyzers = [.. Instances<DiagnosticAnalyzer>(components, typeof(DiagnosticAnalyzerAttribute))];

        var props = XDocument.Load(Path.Combine(unpacked, "buildTransitive", "LoopGen.props"));
        InterceptorsNamespaces = string.Join(';', props.Descendants("InterceptorsNamespaces").Single().Value
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => !n.StartsWith("$(", StringComparison.Ordinal)));
    }

    /// <summary>One instance of every public, concrete type with <paramref name="attribute"/>, as the compiler creates them.</summary>
    private static IEnumerable<T> Instances<T>(IEnumerable<Assembly> assemblies, Type attribute) =>
        assemblies.SelectMany(LoadableTypes)
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetCustomAttributes(attribute, inherit: false).Length > 0)
            .Select(t => (T)Activator.CreateInstance(t)!);

    /// <summary>
    /// The types that load without the IDE's assemblies: the compiler skips what it cannot load in an analyzer
    /// assembly (the code fixes need Workspaces, which only the IDE and <c>dotnet format</c> have).
    /// </summary>
    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host runs inside MSBuild's world; the child must find its own SDK.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(' ', args) + " took more than 4 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
    }
}
