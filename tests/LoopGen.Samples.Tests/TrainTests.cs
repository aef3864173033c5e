using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Tests;

/// <summary>The <c>train</c> verb: the RNN's loss falls below the stated threshold and the eager path agrees.</summary>
public sealed partial class TrainTests
{
    [GeneratedRegex(@"^epoch\s+(\d+)\s+loss\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex EpochLine();

    [Fact]
    public void TrainConvergesAndTheEagerPathAgrees()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SamplesCli.Run(["train"], new InvocationConfiguration { Output = output, Error = error });
        var text = output.ToString();
        Assert.True(exit == ExitCodes.Ok, text + error);
        Assert.Contains("2 stablehlo.while", text);
        Assert.Contains("converged", text);
        Assert.Contains("eager agrees", text);

        // The progress display: one line per reported epoch, the loss falling from the first to the last below 0.01.
        var losses = EpochLine().Matches(text).Select(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(losses.Count >= 10, text);
        Assert.True(losses[0] > 10 * losses[^1], text);
        Assert.True(losses[^1] < 0.01, text);
    }
}
