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

    [Fact]
    public void GradBenchKeepsTheRolledGradientFlatAndEveryDepthTrains()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var svg = Path.Combine(Path.GetTempPath(), $"grad-bench-{Guid.NewGuid():N}.svg");
        int exit = SamplesCli.Run(["grad-bench", "--max-layers", "16", "--reps", "1", "--svg", svg], new InvocationConfiguration { Output = output, Error = error });
        var text = output.ToString();
        Assert.True(exit == ExitCodes.Ok, text + error);
        Assert.Contains("| 16 | rolled |", text);
        Assert.Contains("| 16 | unrolled |", text);
        Assert.Contains("rolled gradient: same op count for every L", text);
        Assert.Contains("every configuration trains", text);
        Assert.StartsWith("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
        File.Delete(svg);
    }
}
