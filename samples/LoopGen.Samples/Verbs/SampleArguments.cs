using System.CommandLine;
using LoopGen.Samples.Catalog;

namespace LoopGen.Samples.Verbs;

/// <summary>The arguments and options several verbs share, built one way.</summary>
internal static class SampleArguments
{
    /// <summary>A sample name (and <c>all</c> where <paramref name="allowAll"/>), checked against the catalog so a typo is a parse error that lists the choices.</summary>
    public static Argument<string> Name(bool allowAll)
    {
        var argument = new Argument<string>("name")
        {
            Description = allowAll ? "A sample name (see list), or all" : "A sample name (see list)",
            HelpName = allowAll ? "NAME|all" : "NAME",
        };
        if (allowAll)
        {
            argument.Arity = ArgumentArity.ZeroOrOne;
            argument.DefaultValueFactory = _ => AllName;
        }
        var choices = allowAll ? SampleCatalog.Names.Append(AllName).ToArray() : SampleCatalog.Names.ToArray();
        argument.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, choices);
        return argument;
    }

    /// <summary><c>--n</c>: the trip count, where the sample has one.</summary>
    public static Option<int?> TripCount() => new("--n")
    {
        Description = "The trip count (iterations, time steps, crops) where the sample has one; see list",
        HelpName = "N",
        Validators = { r => { if (r.GetValueOrDefault<int?>() is < 0) r.AddError("--n must be 0 or more"); } },
    };

    /// <summary>The name that stands for every sample.</summary>
    public const string AllName = "all";
}
