using System.CommandLine;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>hlo NAME [--unrolled] [--n N] [--pretty]</c>: prints a sample's StableHLO module. Standard output gets the
/// module alone (so it pipes into <c>mlir-opt</c>); the op and loop counts go to standard error.
/// </summary>
internal static class HloVerb
{
    /// <summary>The <c>hlo</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var name = SampleArguments.Name(allowAll: false);
        var unrolled = new Option<bool>("--unrolled") { Description = "Print the unrolled control group ([Compile(Loops = LoopMode.Unrolled)]) instead" };
        var n = SampleArguments.TripCount();
        var pretty = new Option<bool>("--pretty") { Description = "StableHLO's pretty form, as JAX prints it (default: the generic MLIR form that runs)" };
        var command = new Command("hlo", "Print a sample's StableHLO module") { name, unrolled, n, pretty };
        command.SetAction(parse => VerbContext.Run(parse, backend,
            ctx => Execute(ctx, parse.GetRequiredValue(name), parse.GetValue(unrolled), parse.GetValue(n), parse.GetValue(pretty))));
        return command;
    }

    /// <summary>Prints the module of <paramref name="name"/>.</summary>
    public static int Execute(VerbContext ctx, string name, bool unrolled, int? n, bool pretty)
    {
        if (string.Equals(name, SampleCatalog.Quadratic, StringComparison.OrdinalIgnoreCase))
        {
            ctx.Error.WriteLine($"error: '{SampleCatalog.Quadratic}' is not compiled, so it has no module (see: run quadratic)");
            return ExitCodes.Failed;
        }
        var sample = SampleCatalog.Find(name) ?? throw new ArgumentException($"no sample named '{name}'", nameof(name));
        Func<int, Lowered> lower = sample.Lower;
        if (unrolled)
        {
            if (sample.Unrolled is null)
            {
                ctx.Error.WriteLine($"error: '{sample.Name}' has no unrolled twin: its trip count is only known at run time, or it calls the loop API by hand");
                return ExitCodes.Failed;
            }
            lower = sample.Unrolled.Lower;
        }
        if (n is not null && sample.TripCount is null) ctx.Error.WriteLine($"note: --n ignored, '{sample.Name}' has a fixed or run-time trip count");
        var lowered = lower(sample.TripCount is null ? sample.DefaultN : n ?? sample.DefaultN);
        ctx.Output.Write(pretty ? lowered.PrettyText : lowered.Text);
        ctx.Error.WriteLine($"// {lowered.Name}: {lowered.OpCount} ops, {lowered.WhileCount} stablehlo.while, {lowered.TextBytes} bytes ({(unrolled ? "unrolled" : "rolled")})");
        return ExitCodes.Ok;
    }
}
