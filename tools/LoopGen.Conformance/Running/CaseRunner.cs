using System.Diagnostics;
using LoopGen.Backends;
using LoopGen.Conformance.Corpus;

namespace LoopGen.Conformance.Running;

/// <summary>Runs a case's text on a backend directly (compile, upload, execute, download), as JAX would be given it.</summary>
public static class CaseRunner
{
    /// <summary>The results of <paramref name="c"/> on <paramref name="backend"/>, and how long compiling and running took.</summary>
    public static (Array[] Results, TimeSpan Compile, TimeSpan Run) Run(IBackend backend, ConformanceCase c)
    {
        var clock = Stopwatch.StartNew();
        var exe = backend.Compile(c.Text);
        var compile = clock.Elapsed;
        try
        {
            clock.Restart();
            var inputs = c.Inputs.Select((a, i) => backend.Upload((Array)a.Clone(), c.InputTypes[i])).ToArray();
            var outputs = backend.Execute(exe, inputs);
            var results = outputs.Select(backend.Download).ToArray();
            return (results, compile, clock.Elapsed);
        }
        finally
        {
            (exe as IDisposable)?.Dispose();
        }
    }
}
