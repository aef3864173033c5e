using System.CommandLine;
using LoopGen.Conformance.Verbs;

namespace LoopGen.Conformance.Cli;

/// <summary>The command line: <c>cases</c> and <c>loops</c>, with the backend options every verb takes.</summary>
public static class ConformanceCli
{
    /// <summary>The root command.</summary>
    public static RootCommand Build()
    {
        var backend = new Option<string>("--backend")
        {
            Description = "The backend under test: pjrt (LOOPGEN_PJRT_PLUGIN or a discovered plugin), pjrt:PATH, or interpreter (a smoke test)",
            DefaultValueFactory = _ => "pjrt",
            HelpName = "pjrt[:PATH]|interpreter",
            Recursive = true,
        };
        var plugin = new Option<string?>("--plugin") { Description = "The PJRT plugin's path (same as --backend pjrt:PATH)", HelpName = "PATH", Recursive = true };
        return new RootCommand("LoopGen's PJRT conformance suite: the runtime's modules on a plugin, compared with the interpreter")
        {
            backend,
            plugin,
            CasesVerb.Create(backend, plugin),
            LoopsVerb.Create(backend, plugin),
        };
    }
}
