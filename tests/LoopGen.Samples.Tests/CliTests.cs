using System.CommandLine;
using System.Xml.Linq;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Tests;

/// <summary>The verbs, run in-process with their output captured.</summary>
public sealed class CliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SamplesCli.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void NoVerbRunsEverySampleAndTheyAllAgree()
    {
        var (exit, output, _) = Run();
        Assert.Equal(ExitCodes.Ok, exit);
        foreach (var sample in SampleCatalog.All) Assert.Contains(sample.Name + ":", output);
        Assert.DoesNotContain("agree     NO", output);
        Assert.Contains($"all {SampleCatalog.All.Count} samples agree", output);
    }

    [Theory]
    [InlineData("cumulative-for", "Tensor(s32[1]: [10])")]
    [InlineData("cumulative-while", "Tensor(s32[1]: [10])")]
    [InlineData("cumulative-fori", "Tensor(s32[1]: [10])")]
    [InlineData("countdown-while", "Tensor(s32[]: 13)")]
    [InlineData("fori-2-52", "Tensor(s32[]: 51)")]
    public void TheSeedsExamplesGiveTheSeedsResults(string name, string expected)
    {
        var (exit, output, _) = Run("run", name);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"compiled  {expected}", output);
        Assert.Contains("1 stablehlo.while", output);
    }

    [Fact]
    public void ListNamesEverySampleAndTheQuadraticOne()
    {
        var (exit, output, _) = Run("list");
        Assert.Equal(ExitCodes.Ok, exit);
        foreach (var name in SampleCatalog.Names) Assert.Contains(name, output);
    }

    [Fact]
    public void TheQuadraticLoopIsExplainedWithItsSourceAndTheCarryError()
    {
        var (exit, output, _) = Run("run", "quadratic");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("acc = Tensor.Concat([acc, piece], 1);", output);
        Assert.Contains("carry 'acc'", output);
        Assert.Contains("f32[2,4]", output);
        Assert.Contains("f32[2,8]", output);
    }

    [Fact]
    public void AMissingPjrtPluginIsAMessageAndExitCodeTwoOnEveryVerb()
    {
        string backend = "pjrt:" + Path.Combine(Path.GetTempPath(), $"no-such-plugin-{Guid.NewGuid():N}.so");
        foreach (var verb in new[] { new[] { "list" }, ["run", "all"], ["hlo", "cumulative-for"], ["bench", "--max", "10"], [] })
        {
            var (exit, output, error) = Run([.. verb, "--backend", backend]);
            Assert.Equal(ExitCodes.BackendUnavailable, exit);
            Assert.StartsWith($"error: {BackendChoice.PjrtUnavailable}: ", error);
            Assert.Equal("", output);
        }
    }

    [Fact]
    public void AnUnknownBackendIsRefusedToo()
    {
        var (exit, _, error) = Run("list", "--backend", "tpu");
        Assert.Equal(ExitCodes.BackendUnavailable, exit);
        Assert.Contains("unknown backend 'tpu'", error);
    }

    [Fact]
    public void HloPrintsTheRolledModuleWithOneWhileWhateverN()
    {
        var (exit3, text3, _) = Run("hlo", "cumulative-for", "--n", "3");
        var (exit300, text300, _) = Run("hlo", "cumulative-for", "--n", "300");
        Assert.Equal(ExitCodes.Ok, exit3);
        Assert.Equal(ExitCodes.Ok, exit300);
        Assert.Contains("\"stablehlo.while\"", text3);
        Assert.Equal(text3.Length, text300.Length, tolerance: 4);   // only the bound constant differs
    }

    [Fact]
    public void HloUnrolledGrowsWithN()
    {
        var (_, small, _) = Run("hlo", "cumulative-for", "--unrolled", "--n", "3", "--pretty");
        var (_, large, _) = Run("hlo", "cumulative-for", "--unrolled", "--n", "30", "--pretty");
        Assert.DoesNotContain("stablehlo.while", small);
        Assert.Equal(3, CountOf(small, "stablehlo.add"));
        Assert.Equal(30, CountOf(large, "stablehlo.add"));
    }

    [Fact]
    public void HloUnrolledIsRefusedWhereTheTripCountIsDynamic()
    {
        var (exit, _, error) = Run("hlo", "newton-sqrt", "--unrolled");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("no unrolled twin", error);
    }

    [Fact]
    public void AnUnknownSampleIsAParseErrorNotACrash()
    {
        var (exit, _, error) = Run("run", "no-such-sample");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-sample", error);
    }

    [Fact]
    public void RunHeadersStateTheResultForTheRequestedN()
    {
        var (exit, output, _) = Run("run", "cumulative-for", "--n", "3");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("cumulative-for: PyTorch/XLA's loop guide: [0] plus one, n times, as a plain for loop → [3]", output);
        Assert.Contains("compiled  Tensor(s32[1]: [3])", output);
        Assert.DoesNotContain("[10]", output);
        var (_, crops, _) = Run("run", "crop-concat", "--n", "2");
        Assert.Contains("→ f32[2,8]", crops);
        Assert.Contains("compiled  Tensor(f32[2,8]", crops);
    }

    [Fact]
    public void BenchIntoAMissingFolderFailsBeforeMeasuring()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"loopgen-no-such-folder-{Guid.NewGuid():N}", "bench.svg");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (exit, output, error) = Run("bench", "--max", "100000", "--svg", svg);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal("", output);   // not even the header: nothing was measured
        Assert.StartsWith($"error: cannot write the plot to '{svg}': the folder '{Path.GetDirectoryName(svg)}' does not exist", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var (folderExit, _, folderError) = Run("bench", "--svg", Path.GetTempPath());
        Assert.Equal(ExitCodes.Failed, folderExit);
        Assert.Contains("it is a folder", folderError);
        string okSvg = Path.Combine(Path.GetTempPath(), $"loopgen-bench-{Guid.NewGuid():N}.svg");
        var (pngExit, pngOutput, pngError) = Run("bench", "--svg", okSvg, "--png", svg.Replace(".svg", ".png", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Failed, pngExit);
        Assert.Equal("", pngOutput);
        Assert.Contains("cannot write the plot to", pngError);
        File.Delete(okSvg);
    }

    [Fact]
    public void RedirectedBenchOutputHasOneLinePerTripCountAndNoProgressBar()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"loopgen-bench-{Guid.NewGuid():N}.svg");
        try
        {
            var (exit, output, _) = Run("bench", "--max", "100", "--reps", "1", "--svg", svg, "--png", Path.ChangeExtension(svg, ".png"));
            Assert.Equal(ExitCodes.Ok, exit);
            var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            foreach (var n in new[] { 10, 100 }) Assert.Single(lines, l => l == $"measured N = {n}");
            Assert.DoesNotContain(lines, l => l.Contains("measuring", StringComparison.Ordinal) || l.Contains('\u001b', StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("plot written to ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(svg);
            File.Delete(Path.ChangeExtension(svg, ".png"));
        }
    }

    [Fact]
    public void BenchPrintsBothModesAndWritesAnSvgPlot()
    {
        string svg = Path.Combine(Path.GetTempPath(), $"loopgen-bench-{Guid.NewGuid():N}.svg");
        try
        {
            string png = Path.ChangeExtension(svg, ".png");
            var (exit, output, _) = Run("bench", "--max", "100", "--reps", "1", "--svg", svg, "--png", png, "--markdown");
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Contains("| 100 | rolled | 9 | 1 |", output);
            Assert.Contains("| 100 | unrolled | 300 | 0 |", output);
            var doc = XDocument.Load(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(4, doc.Descendants(ns + "polyline").Count());   // two panels × two modes
            var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
            Assert.Contains("rolled (while)", texts);
            Assert.Contains("unrolled", texts);
            Assert.Contains("trip count N", texts);
            // The PNG (ScottPlot): the file's signature and, in its header, two panels' width and the height.
            var bytes = File.ReadAllBytes(png);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.Equal(2 * LoopGen.Samples.Bench.PngPlot.PanelWidth, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(LoopGen.Samples.Bench.PngPlot.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.True(bytes.Length > 10_000, $"a {bytes.Length}-byte PNG is too small to hold two charts");
            File.Delete(png);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    private static int CountOf(string text, string word)
    {
        int count = 0;
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
