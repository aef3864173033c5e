using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>run NAME|all [--n N]</c>: runs each sample compiled and eagerly and says whether they agree, with the
/// module's size and the trace, compile and run times. Exit code 1 if any sample disagrees or fails.
/// </summary>
internal static class RunVerb
{
    /// <summary>The name that runs every sample.</summary>
    public const string All = SampleArguments.AllName;

    /// <summary>The <c>run</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var name = SampleArguments.Name(allowAll: true);
        var n = SampleArguments.TripCount();
        var command = new Command("run", "Run a sample (or all) compiled and eagerly; exit code 1 if any disagree") { name, n };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx, parse.GetValue(name) ?? All, parse.GetValue(n))));
        return command;
    }

    /// <summary>Runs <paramref name="name"/> (or every sample) and reports.</summary>
    public static int Execute(VerbContext ctx, string name, int? n)
    {
        if (string.Equals(name, SampleCatalog.Quadratic, StringComparison.OrdinalIgnoreCase))
        {
            ExplainQuadratic(ctx, withSource: true);
            return ExitCodes.Ok;
        }
        var samples = string.Equals(name, All, StringComparison.OrdinalIgnoreCase)
            ? SampleCatalog.All
            : [SampleCatalog.Find(name) ?? throw new ArgumentException($"no sample named '{name}'", nameof(name))];
        ctx.Output.WriteLine($"LoopGen samples on backend '{ctx.Backend.Name}'");
        ctx.Output.WriteLine();
        int failures = samples.Count(s => !RunOne(ctx, s, n));
        if (samples.Count > 1)
        {
            ExplainQuadratic(ctx, withSource: false);
            ctx.Output.WriteLine(failures == 0
                ? $"all {samples.Count} samples agree (compiled = eager)"
                : $"{failures} of {samples.Count} samples FAILED");
        }
        return failures == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static bool RunOne(VerbContext ctx, Sample sample, int? requested)
    {
        var o = ctx.Output;
        int n = sample.TripCount is null ? sample.DefaultN : requested ?? sample.DefaultN;
        o.WriteLine($"{sample.Name}: {sample.DescribeFor(n)}");
        if (requested is not null && sample.TripCount is null) o.WriteLine("  (--n ignored: this sample's trip count is fixed or only known at run time)");
        try
        {
            // Trace and compile once outside the cache to time them apart; the first compiled call then pays
            // them again through the cache, and the second call is the cached run a program sees afterwards.
            var lowered = sample.Lower(n);
            var compileTime = lowered.Compile();
            var clock = Stopwatch.StartNew();
            var compiled = sample.Compiled(n);
            var firstCall = clock.Elapsed;
            clock.Restart();
            compiled = sample.Compiled(n);
            var cachedCall = clock.Elapsed;
            clock.Restart();
            var eager = sample.Eager(n);
            var eagerTime = clock.Elapsed;
            bool agree = Agreement.Agree(eager, compiled);
            o.WriteLine($"  compiled  {TensorText.Short(compiled)}");
            o.WriteLine($"  eager     {TensorText.Short(eager)}");
            o.WriteLine($"  agree     {(agree ? "yes" : "NO")}");
            o.WriteLine($"  backend   {ctx.Backend.Name}");
            o.WriteLine($"  module    {lowered.OpCount} ops, {lowered.WhileCount} stablehlo.while, {lowered.TextBytes} bytes of text");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  times     trace {Ms(lowered.TraceTime)}, compile {Ms(compileTime)}, first call {Ms(firstCall)}, cached call {Ms(cachedCall)}, eager {Ms(eagerTime)}"));
            o.WriteLine();
            return agree;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A sample that throws is a failed sample with its message, not a crash of the whole run.
            o.WriteLine($"  FAILED    {e.GetType().Name}: {e.Message}");
            o.WriteLine();
            return false;
        }
    }

    private static void ExplainQuadratic(VerbContext ctx, bool withSource)
    {
        var o = ctx.Output;
        o.WriteLine($"{SampleCatalog.Quadratic}: {QuadraticSample.Description}");
        if (withSource)
        {
            o.WriteLine();
            o.WriteLine(QuadraticSample.Source().TrimEnd());
            o.WriteLine();
            o.WriteLine(QuadraticSample.Explanation);
            o.WriteLine();
            o.WriteLine("The same growing carry written with Loop.Fori by hand stops at trace time:");
            o.WriteLine($"  {QuadraticSample.RuntimeError()}");
        }
        else
        {
            o.WriteLine("  not compiled: its carry grows each iteration (see: run quadratic)");
        }
        o.WriteLine();
    }

    private static string Ms(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:0.000} ms");
}
