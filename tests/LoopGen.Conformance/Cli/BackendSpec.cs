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

    /// <summary>One line naming the backend, its plugin API and devices.</summary>
    public static string Describe(IBackend backend) => backend is PjrtBackend p
        ? $"{p.Name} (PJRT C API {p.ApiVersion}; {string.Join(", ", p.Devices)})"
        : backend.Name;
}
