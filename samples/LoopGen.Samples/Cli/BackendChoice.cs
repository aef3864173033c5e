using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Backends.Pjrt;
using LoopGen.Onnx;

namespace LoopGen.Samples.Cli;

/// <summary>Turns the <c>--backend</c> text (<c>interpreter</c>, <c>onnx</c>, <c>pjrt</c>, <c>pjrt:PATH</c>) into a backend, or a message saying why not.</summary>
internal static class BackendChoice
{
    /// <summary>The default: the managed interpreter, present everywhere.</summary>
    public const string Interpreter = "interpreter";

    /// <summary>ONNX Runtime's CPU provider, from the Microsoft.ML.OnnxRuntime package.</summary>
    public const string Onnx = "onnx";

    /// <summary>How every refusal to use PJRT starts, whatever the plugin's own reason.</summary>
    public const string PjrtUnavailable = "the PJRT backend is not available here";

    /// <summary>
    /// The backend <paramref name="spec"/> names, or null with <paramref name="error"/> set. <c>pjrt</c> loads the
    /// plugin named by <c>LOOPGEN_PJRT_PLUGIN</c> or found by discovery; <c>pjrt:PATH</c> loads that file.
    /// </summary>
    public static IBackend? Resolve(string? spec, out string? error)
    {
        error = null;
        var text = string.IsNullOrWhiteSpace(spec) ? Interpreter : spec.Trim();
        if (string.Equals(text, Interpreter, StringComparison.OrdinalIgnoreCase)) return InterpreterBackend.Instance;
        if (string.Equals(text, Onnx, StringComparison.OrdinalIgnoreCase) || string.Equals(text, "onnxruntime", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                // A backend of the verb's own: the verb disposes it, and its sessions with it.
                return new OnnxRuntimeBackend();
            }
            catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
            {
                error = $"the ONNX Runtime backend is not available here: {e.Message}";
                return null;
            }
        }
        if (string.Equals(text, "pjrt", StringComparison.OrdinalIgnoreCase) || text.StartsWith("pjrt:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text.Length > 5 ? text[5..] : null;
            try
            {
                return PjrtBackend.Load(path);
            }
            catch (Exception e) when (e is PjrtException or DllNotFoundException or BadImageFormatException or EntryPointNotFoundException or IOException)
            {
                // A missing or broken plugin is a message and exit code 2, never a stack trace.
                error = $"{PjrtUnavailable}: {e.Message}";
                return null;
            }
        }
        error = $"unknown backend '{text}': use interpreter, onnx, pjrt or pjrt:PATH";
        return null;
    }
}
