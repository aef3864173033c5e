using LoopGen.Backends;
using LoopGen.Backends.Interpreter;

namespace LoopGen.Samples.Cli;

/// <summary>Turns the <c>--backend</c> text (<c>interpreter</c>, <c>pjrt</c>, <c>pjrt:PATH</c>) into a backend, or a message saying why not.</summary>
internal static class BackendChoice
{
    /// <summary>The default, and today the only backend that runs.</summary>
    public const string Interpreter = "interpreter";

    /// <summary>What <c>--backend pjrt</c> answers until issue 5 lands.</summary>
    public const string PjrtNotBuilt = "the PJRT backend is not built yet (issue 5)";

    /// <summary>The backend <paramref name="spec"/> names, or null with <paramref name="error"/> set.</summary>
    public static IBackend? Resolve(string? spec, out string? error)
    {
        error = null;
        var text = string.IsNullOrWhiteSpace(spec) ? Interpreter : spec.Trim();
        if (string.Equals(text, Interpreter, StringComparison.OrdinalIgnoreCase)) return InterpreterBackend.Instance;
        if (string.Equals(text, "pjrt", StringComparison.OrdinalIgnoreCase) || text.StartsWith("pjrt:", StringComparison.OrdinalIgnoreCase))
        {
            // The plugin path is accepted now so scripts written against the final syntax fail with this message, not a parse error.
            var path = text.Length > 5 ? text[5..] : null;
            error = path is null ? PjrtNotBuilt : $"{PjrtNotBuilt}; plugin '{path}' was not loaded";
            return null;
        }
        error = $"unknown backend '{text}': use interpreter, pjrt or pjrt:PATH";
        return null;
    }
}
