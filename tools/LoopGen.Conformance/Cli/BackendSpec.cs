using System.CommandLine;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;

namespace LoopGen.Conformance.Cli;

/// <summary>The backend under test: <c>pjrt</c> (the default: LOOPGEN_PJRT_PLUGIN or discovery), <c>pjrt:PATH</c>, or <c>interpreter</c> (a smoke test of the tool itself).</summary>
internal static class BackendSpec
{
    /// <summary>The backend, or null with <paramref name="error"/> saying why (exit code 2).</summary>
    public static IBackend? Resolve(string spec, string? plugin, out string? error)
    {
        error = null;
        if (plugin is not null) spec = "pjrt:" + plugin;
        if (string.Equals(spec, "interpreter", StringComparison.OrdinalIgnoreCase)) return InterpreterBackend.Instance;
        if (!spec.StartsWith("pjrt", StringComparison.OrdinalIgnoreCase) || (spec.Length > 4 && spec[4] != ':'))
        {
            error = $"unknown backend '{spec}': use pjrt, pjrt:PATH or interpreter";
            return null;
        }
        try
        {
            return PjrtBackend.Load(spec.Length > 5 ? spec[5..] : null, new Dictionary<string, object>());
        }
        catch (Exception e) when (e is PjrtException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or IOException)
        {
            error = "the PJRT backend is not available here: " + e.Message;
            return null;
        }
    }

    /// <summary>
    /// Resolves the verb's backend options and runs <paramref name="body"/> on that backend, disposing a PJRT client
    /// after; a backend that cannot be loaded is one line on standard error and <see cref="Exit.BackendUnavailable"/>.
    /// </summary>
    public static int Run(ParseResult parse, Option<string> backend, Option<string?> plugin, Func<IBackend, int> body)
    {
        var chosen = Resolve(parse.GetRequiredValue(backend), parse.GetValue(plugin), out var why);
        if (chosen is null)
        {
            parse.InvocationConfiguration.Error.WriteLine("error: " + why);
            return Exit.BackendUnavailable;
        }
        try
        {
            return body(chosen);
        }
        finally
        {
            (chosen as IDisposable)?.Dispose();
        }
    }

    /// <summary>One line naming the backend, its plugin API and devices.</summary>
    public static string Describe(IBackend backend) => backend is PjrtBackend p
        ? $"{p.Name} (PJRT C API {p.ApiVersion}; {string.Join(", ", p.Devices)})"
        : backend.Name;
}
