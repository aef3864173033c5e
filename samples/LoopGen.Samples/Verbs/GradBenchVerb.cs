using System.CommandLine;
using System.Globalization;
using LoopGen.Samples.Bench;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>grad-bench [--max-layers L] [--reps K] [--svg FILE]</c>: the scan_layers-style table — the gradient of L stacked
/// identical layers, rolled (one forward and one backward while) against unrolled, trace+compile time, op count and
/// step time for L = 4 … max; writes the table as Markdown and optionally a plot.
/// </summary>
internal static class GradBenchVerb
{
    /// <summary>The <c>grad-bench</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var max = new Option<int>("--max-layers") { Description = "Largest L", DefaultValueFactory = _ => 256 };
        var reps = new Option<int>("--reps") { Description = "Timed repetitions per point (median)", DefaultValueFactory = _ => 3 };
        var svg = new Option<string?>("--svg") { Description = "Write the plot to this file" };
        var command = new Command("grad-bench", "Rolled vs unrolled gradient of L stacked layers (scan_layers)") { max, reps, svg };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx, parse.GetValue(max), parse.GetValue(reps), parse.GetValue(svg))));
        return command;
    }

    /// <summary>Runs the benchmark and prints the table.</summary>
    public static int Execute(VerbContext ctx, int maxLayers, int reps, string? svg)
    {
        ctx.Output.WriteLine($"layers of width {GradBench.Width}, batch {GradBench.Batch}, backend {ctx.Backend.Name}");
        var points = GradBench.Run(maxLayers, Math.Max(1, reps), p =>
            ctx.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"L = {p.Layers} {p.Mode}: {p.Ops} ops, {p.TraceCompileMs:F1} ms trace+compile")));
        ctx.Output.Write(GradBench.Markdown(points));
        if (svg is not null) File.WriteAllText(svg, GradBench.Svg(points));
        bool flat = points.Where(p => p.Mode == "rolled").Select(p => p.Ops).Distinct().Count() == 1;
        bool trains = points.All(p => p.LossAfter < p.LossBefore);
        ctx.Output.WriteLine(flat ? "rolled gradient: same op count for every L" : "rolled gradient: op count CHANGES with L");
        ctx.Output.WriteLine(trains ? "every configuration trains (loss falls over 5 SGD steps)" : "a configuration did NOT train");
        return flat && trains ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
