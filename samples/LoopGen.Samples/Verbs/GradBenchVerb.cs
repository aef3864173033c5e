using System.CommandLine;
using System.Globalization;
using LoopGen.Samples.Bench;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>grad-bench [--max-layers L] [--reps K] [--svg FILE] [--mlir DIR]</c>: the scan_layers-style table — the gradient of L stacked
/// identical layers, rolled (one forward and one backward while) against unrolled, trace+compile time, op count and
/// step time for L = 4 … max (rolled and unrolled timed in alternating rounds); writes the tables as Markdown and
/// optionally a plot and the gradient modules.
/// </summary>
internal static class GradBenchVerb
{
    /// <summary>The <c>grad-bench</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var max = new Option<int>("--max-layers") { Description = "Largest L", DefaultValueFactory = _ => 256 };
        var reps = new Option<int>("--reps") { Description = "Timed repetitions per point (median)", DefaultValueFactory = _ => 3 };
        var svg = new Option<string?>("--svg") { Description = "Write the plot to this file" };
        var mlir = new Option<string?>("--mlir") { Description = "Write each gradient module's text into this folder (rolled_L.mlir, unrolled_L.mlir)" };
        var command = new Command("grad-bench", "Rolled vs unrolled gradient of L stacked layers (scan_layers)") { max, reps, svg, mlir };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx, parse.GetValue(max), parse.GetValue(reps), parse.GetValue(svg), parse.GetValue(mlir))));
        return command;
    }

    /// <summary>Runs the benchmark and prints the table.</summary>
    public static int Execute(VerbContext ctx, int maxLayers, int reps, string? svg, string? mlir = null)
    {
        ctx.Output.WriteLine($"layers of width {GradBench.Width}, batch {GradBench.Batch}, backend {ctx.Backend.Name}");
        var points = GradBench.Run(maxLayers, Math.Max(1, reps), p =>
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L = {p.Layers} {p.Mode}: {p.Ops} ops, {p.TraceCompileMs:F1} ms trace+compile")), mlir);
        ctx.Output.Write(GradBench.Markdown(points));
        ctx.Output.WriteLine();
        ctx.Output.Write(GradBench.StepMarkdown(points));
        if (svg is not null) File.WriteAllText(svg, GradBench.Svg(points));
        bool flat = points.Where(p => p.Mode == "rolled").Select(p => p.Ops).Distinct().Count() == 1;
        bool trains = points.All(p => p.LossAfter < p.LossBefore);
        ctx.Output.WriteLine(flat ? "rolled gradient: same op count for every L" : "rolled gradient: op count CHANGES with L");
        ctx.Output.WriteLine(trains ? "every configuration trains (loss falls over 5 SGD steps)" : "a configuration did NOT train");
        return flat && trains ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
