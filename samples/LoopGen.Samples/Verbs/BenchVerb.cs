using System.CommandLine;
using System.Globalization;
using LoopGen.Samples.Bench;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;
using Spectre.Console;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>bench [--max N] [--sample NAME] [--reps K] [--svg PATH] [--markdown]</c>: rolled against unrolled for
/// N = 10, 100, … max — op count, text size, trace and compile time, run time, managed memory — as a table, and
/// the plot of time and op count against N as an SVG file.
/// </summary>
internal static class BenchVerb
{
    /// <summary>The <c>bench</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var max = new Option<int>("--max") { Description = "Largest trip count (10, 100, … up to this)", DefaultValueFactory = _ => 10_000, HelpName = "N" };
        max.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 10) r.AddError("--max must be 10 or more"); });
        var sample = new Option<string>("--sample") { Description = "The sample to measure (one with an unrolled twin)", DefaultValueFactory = _ => "cumulative-for" };
        sample.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, SampleCatalog.All.Where(s => s.Unrolled is not null && s.TripCount is not null).Select(s => s.Name).ToArray());
        var reps = new Option<int>("--reps") { Description = "Timed repetitions per point (the median is reported)", DefaultValueFactory = _ => 3, HelpName = "K" };
        reps.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--reps must be 1 or more"); });
        var svg = new Option<string>("--svg") { Description = "Where to write the plot", DefaultValueFactory = _ => "bench.svg", HelpName = "PATH" };
        var markdown = new Option<bool>("--markdown") { Description = "Also print the table as Markdown (for docs/benchmarks.md)" };
        var command = new Command("bench", "Rolled vs unrolled for growing N: ops, text size, trace+compile time, memory; writes bench.svg")
        {
            max, sample, reps, svg, markdown,
        };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx,
            SampleCatalog.Find(parse.GetRequiredValue(sample))!, parse.GetValue(max), parse.GetValue(reps), parse.GetRequiredValue(svg), parse.GetValue(markdown))));
        return command;
    }

    /// <summary>Measures, prints and plots.</summary>
    public static int Execute(VerbContext ctx, Sample sample, int max, int reps, string svgPath, bool markdown)
    {
        // A terminal gets colours and a live progress bar; a file, a pipe or a test's writer gets plain text.
        bool terminal = ReferenceEquals(ctx.Output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(ctx.Output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output has no width: give the eleven columns room instead of wrapping them.
        if (!terminal) console.Profile.Width = 200;
        string header = string.Create(CultureInfo.InvariantCulture,
            $"LoopGen bench: {sample.Name}, rolled vs unrolled, N = 10 … {max}; backend {ctx.Backend.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        console.WriteLine(header);

        var runner = new BenchRunner(reps);
        var ns = BenchRunner.TripCounts(max);
        var pairs = new List<BenchPair>();
        // Warm-up, discarded: the first trace and compile also JIT-compile LoopGen's own code, which is not the loop's cost.
        runner.Measure(sample, 10);
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("measuring", maxValue: ns.Count * 2);
                foreach (int n in ns)
                {
                    pairs.Add(runner.Measure(sample, n, mode =>
                    {
                        if (mode == "unrolled") task.Increment(1);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"N = {n}, {mode}");
                    }));
                    task.Increment(1);
                }
                task.Description = "done";
            });

        console.Write(BenchReport.ConsoleTable(pairs));
        if (markdown)
        {
            ctx.Output.WriteLine();
            ctx.Output.Write(BenchReport.Markdown(pairs));
        }
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"backend {ctx.Backend.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; median of {reps}");
        File.WriteAllText(svgPath, BenchReport.Svg(sample.Name, pairs, caption));
        ctx.Output.WriteLine($"plot written to {Path.GetFullPath(svgPath)}");

        var disagreeing = pairs.Where(p => !p.Agree).Select(p => p.N).ToList();
        if (disagreeing.Count > 0)
        {
            ctx.Error.WriteLine($"error: rolled and unrolled results differ at N = {string.Join(", ", disagreeing)}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }
}
