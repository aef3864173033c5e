using System.CommandLine;
using LoopGen.Samples.Verbs;

namespace LoopGen.Samples.Cli;

/// <summary>The command line: <c>list</c>, <c>run</c>, <c>hlo</c>, <c>bench</c>, <c>export</c>, <c>train</c>, <c>grad-bench</c>, and <c>run all</c> when no verb is given.</summary>
internal static class SamplesCli
{
    /// <summary>Parses and runs <paramref name="args"/>; <paramref name="configuration"/> redirects output (tests).</summary>
    public static int Run(string[] args, InvocationConfiguration? configuration = null) =>
        Build().Parse(args).Invoke(configuration ?? new InvocationConfiguration());

    /// <summary>The root command with its verbs and the recursive <c>--backend</c> option.</summary>
    public static RootCommand Build()
    {
        var backend = new Option<string>("--backend")
        {
            Description = "Where modules run: interpreter (default), onnx (ONNX Runtime's CPU provider), pjrt (LOOPGEN_PJRT_PLUGIN or a discovered plugin) or pjrt:PATH",
            DefaultValueFactory = _ => BackendChoice.Interpreter,
            HelpName = "interpreter|onnx|pjrt[:PATH]",
            Recursive = true,
        };
        var root = new RootCommand("LoopGen samples: the loops of PyTorch/XLA's and onnx-diagnostic's examples as [Compile] methods, compiled to rolled StableHLO while loops")
        {
            backend,
            ListVerb.Create(backend),
            RunVerb.Create(backend),
            HloVerb.Create(backend),
            BenchVerb.Create(backend),
            ExportVerb.Create(backend),
            TrainVerb.Create(backend),
            GradBenchVerb.Create(backend),
        };
        // No verb: run every sample, as the README's run command promises.
        root.SetAction(parse => VerbContext.Run(parse, backend, ctx => RunVerb.Execute(ctx, RunVerb.All, n: null)));
        return root;
    }
}
