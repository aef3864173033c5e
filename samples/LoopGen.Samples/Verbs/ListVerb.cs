using System.CommandLine;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary><c>list</c>: the samples, one line each, with what <c>--n</c> sets and whether an unrolled twin exists.</summary>
internal static class ListVerb
{
    /// <summary>The <c>list</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var command = new Command("list", "List the samples with a one-line description");
        command.SetAction(parse => VerbContext.Run(parse, backend, Execute));
        return command;
    }

    /// <summary>Writes the list.</summary>
    public static int Execute(VerbContext ctx)
    {
        int width = SampleCatalog.Names.Max(n => n.Length) + 2;
        foreach (var s in SampleCatalog.All)
        {
            ctx.Output.WriteLine($"{s.Name.PadRight(width)}{s.DescribeFor(s.DefaultN)}");
            var notes = new List<string>();
            if (s.TripCount is not null) notes.Add($"--n sets the {s.TripCount} (default {s.DefaultN})");
            if (s.Unrolled is not null) notes.Add("hlo --unrolled shows the unrolled control group");
            if (notes.Count > 0) ctx.Output.WriteLine($"{new string(' ', width)}{string.Join("; ", notes)}");
        }
        ctx.Output.WriteLine($"{SampleCatalog.Quadratic.PadRight(width)}{QuadraticSample.Description}");
        return ExitCodes.Ok;
    }
}
