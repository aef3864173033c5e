namespace LoopGen.Backends.Pjrt;

/// <summary>
/// Where a PJRT plugin is: an explicit path, else <c>LOOPGEN_PJRT_PLUGIN</c>, else a known plugin in a Python
/// environment (JAX's <c>jax_plugins/xla_cuda*/xla_cuda_plugin.so</c>, <c>libtpu</c>) or <c>TPU_LIBRARY_PATH</c>.
/// </summary>
public static class PluginDiscovery
{
    /// <summary>The environment variable naming a plugin explicitly.</summary>
    public const string Variable = "LOOPGEN_PJRT_PLUGIN";

    /// <summary>The plugin to use, or null when none is configured or found.</summary>
    /// <param name="explicitPath">A path given in code; wins over everything else.</param>
    /// <param name="searchRoots">Directories to search for Python environments; null for the usual places.</param>
    public static string? Find(string? explicitPath = null, IEnumerable<string>? searchRoots = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return explicitPath;
        var fromEnv = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        var tpu = Environment.GetEnvironmentVariable("TPU_LIBRARY_PATH");
        if (!string.IsNullOrEmpty(tpu) && File.Exists(tpu)) return tpu;
        foreach (var sitePackages in SitePackages(searchRoots ?? DefaultRoots()))
        {
            var cuda = SafeDirectories(Path.Combine(sitePackages, "jax_plugins"), "xla_cuda*")
                .OrderByDescending(d => d, StringComparer.Ordinal) // xla_cuda13 before xla_cuda12
                .Select(d => Path.Combine(d, "xla_cuda_plugin.so"))
                .FirstOrDefault(File.Exists);
            if (cuda is not null) return cuda;
            var libtpu = Path.Combine(sitePackages, "libtpu", "libtpu.so");
            if (File.Exists(libtpu)) return libtpu;
        }
        return null;
    }

    /// <summary>site-packages / dist-packages folders under the roots (venvs, conda, pyenv, system and user Pythons).</summary>
    internal static IEnumerable<string> SitePackages(IEnumerable<string> roots)
    {
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var lib in new[] { Path.Combine(root, "lib"), Path.Combine(root, "lib64"), Path.Combine(root, "local", "lib") })
            {
                foreach (var python in SafeDirectories(lib, "python3*"))
                {
                    foreach (var name in new[] { "site-packages", "dist-packages" })
                    {
                        var dir = Path.Combine(python, name);
                        if (Directory.Exists(dir)) yield return dir;
                    }
                }
            }
        }
    }

    private static IEnumerable<string> DefaultRoots()
    {
        foreach (var variable in new[] { "VIRTUAL_ENV", "CONDA_PREFIX" })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v) yield return v;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0)
        {
            yield return Path.Combine(home, ".local");
            foreach (var version in SafeDirectories(Path.Combine(home, ".pyenv", "versions"), "*")) yield return version;
        }
        yield return "/usr/local";
        yield return "/usr";
        yield return "/opt/conda";
    }

    private static IEnumerable<string> SafeDirectories(string parent, string pattern)
    {
        try
        {
            return Directory.Exists(parent) ? Directory.GetDirectories(parent, pattern) : [];
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return [];
        }
    }
}
