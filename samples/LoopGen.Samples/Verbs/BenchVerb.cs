using System.CommandLine;
using System.Globalization;
using LoopGen.Samples.Bench;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;
using Spectre.Console;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>bench [--max N] [--sample NAME] [--reps K] [--svg PATH] [--png PATH] [--markdown]</c>: rolled against unrolled for
/// N = 10, 100, … max — op count, text size, trace and compile time, run time, managed memory — as a table, and
/// the plot of time and op count against N as an SVG file and a PNG file.
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
        var svg = new Option<string>("--svg") { Description = "Where to write the plot as SVG", DefaultValueFactory = _ => "bench.svg", HelpName = "PATH" };
        var png = new Option<string>("--png") { Description = "Where to write the plot as PNG (drawn by ScottPlot)", DefaultValueFactory = _ => "bench.png", HelpName = "PATH" };
        var markdown = new Option<bool>("--markdown") { Description = "Also print the table as Markdown (for docs/benchmarks.md)" };
        var command = new Command("bench", "Rolled vs unrolled for growing N: ops, text size, trace+compile time, memory; writes bench.svg and bench.png")
        {
            max, sample, reps, svg, png, markdown,
        };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx,
            SampleCatalog.Find(parse.GetRequiredValue(sample))!, parse.GetValue(max), parse.GetValue(reps), parse.GetRequiredValue(svg), parse.GetRequiredValue(png), parse.GetValue(markdown))));
        return command;
    }

    /// <summary>Measures, prints and plots.</summary>
    public static int Execute(VerbContext ctx, Sample sample, int max, int reps, string svgPath, string pngPath, bool markdown)
    {
        // The plots' files are opened before the work: a bad path costs a message, not a whole benchmark.
        using FileStream? svg = OpenPlot(svgPath, out var why);
        if (svg is null)
        {
            ctx.Error.WriteLine($"error: cannot write the plot to '{svgPath}': {why}");
            return ExitCodes.Failed;
        }
        using FileStream? png = OpenPlot(pngPath, out why);
        if (png is null)
        {
            ctx.Error.WriteLine($"error: cannot write the plot to '{pngPath}': {why}");
            return ExitCodes.Failed;
        }
        return Measure(ctx, sample, max, reps, svg, png, markdown);
    }

    /// <summary>Opens (or creates) the plot file for writing, or says in one line why it cannot.</summary>
    internal static FileStream? OpenPlot(string path, out string? why)
    {
        why = null;
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                why = "it is a folder";
                return null;
            }
            var folder = Path.GetDirectoryName(full);
            if (folder is not null && !Directory.Exists(folder))
            {
                why = $"the folder '{folder}' does not exist";
                return null;
            }
            // Not truncated yet: a run that fails half-way leaves an earlier plot as it was.
            return new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            why = e.Message;
            return null;
        }
    }

    private static int Measure(VerbContext ctx, Sample sample, int max, int reps, FileStream svg, FileStream png, bool markdown)
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
        if (terminal) MeasureWithProgressBar(console, runner, sample, ns, pairs);
        else
        {
            // No live display where nobody watches it redraw: one line per trip count, each written once.
            foreach (int n in ns)
            {
                pairs.Add(runner.Measure(sample, n));
                ctx.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured N = {n}"));
            }
        }

        console.Write(BenchReport.ConsoleTable(pairs));
        if (markdown)
        {
            ctx.Output.WriteLine();
            ctx.Output.Write(BenchReport.Markdown(pairs));
        }
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"backend {ctx.Backend.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; median of {reps}");
        svg.SetLength(0);
        using (var writer = new StreamWriter(svg, leaveOpen: true))
        {
            writer.Write(BenchReport.Svg(sample.Name, pairs, caption));
        }
        png.SetLength(0);
        png.Write(BenchReport.Png(sample.Name, pairs, caption));
        ctx.Output.WriteLine($"plot written to {svg.Name} and {png.Name}");

        var disagreeing = pairs.Where(p => !p.Agree).Select(p => p.N).ToList();
        if (disagreeing.Count > 0)
        {
            ctx.Error.WriteLine($"error: rolled and unrolled results differ at N = {string.Join(", ", disagreeing)}");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }

    private static void MeasureWithProgressBar(IAnsiConsole console, BenchRunner runner, Sample sample, IReadOnlyList<int> ns, List<BenchPair> pairs) =>
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
}
