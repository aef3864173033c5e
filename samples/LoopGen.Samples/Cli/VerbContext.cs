using System.CommandLine;
using LoopGen.Backends;

namespace LoopGen.Samples.Cli;

/// <summary>What every verb gets: where to write, and the backend in effect for the verb's duration.</summary>
/// <param name="Output">Standard output (a <see cref="StringWriter"/> in tests).</param>
/// <param name="Error">Standard error.</param>
/// <param name="Backend">The backend chosen with <c>--backend</c>.</param>
internal sealed record VerbContext(TextWriter Output, TextWriter Error, IBackend Backend)
{
    /// <summary>
    /// Resolves <c>--backend</c>, makes it current and runs <paramref name="body"/>; a backend that cannot be used
    /// is a message on standard error and <see cref="ExitCodes.BackendUnavailable"/>, never an exception.
    /// </summary>
    public static int Run(ParseResult parse, Option<string> backendOption, Func<VerbContext, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var backend = BackendChoice.Resolve(parse.GetValue(backendOption), out var why);
        if (backend is null)
        {
            error.WriteLine($"error: {why}");
            return ExitCodes.BackendUnavailable;
        }
        try
        {
            using (LoopGen.Backends.Backend.Use(backend))
            {
                return body(new VerbContext(output, error, backend));
            }
        }
        finally
        {
            // A PJRT client holds device memory and a plugin handle; the interpreter is a shared singleton.
            if (backend is not LoopGen.Backends.Interpreter.InterpreterBackend && backend is IDisposable owned) owned.Dispose();
        }
    }
}
