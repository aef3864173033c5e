using System.CommandLine;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Tests;

/// <summary><c>--backend onnx</c> and the <c>export</c> verb: every sample runs on ONNX Runtime and agrees with its eager run.</summary>
public sealed class OnnxCliTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SamplesCli.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Every_sample_runs_on_onnx_runtime_and_agrees()
    {
        var (exit, output, _) = Run("run", "all", "--backend", "onnx");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("LoopGen samples on backend 'onnxruntime'", output);
        Assert.DoesNotContain("agree     NO", output);
        Assert.DoesNotContain("FAILED", output);
        Assert.Contains($"all {SampleCatalog.All.Count} samples agree", output);
    }

    [Fact]
    public void Export_writes_a_rolled_model_whose_size_does_not_grow_with_n()
    {
        var dir = Directory.CreateTempSubdirectory("loopgen-export-");
        try
        {
            var small = Path.Combine(dir.FullName, "small.onnx");
            var large = Path.Combine(dir.FullName, "large.onnx");
            var (exit, output, error) = Run("export", "rnn-foreach", "--n", "10", "-o", small);
            Assert.Equal(ExitCodes.Ok, exit);
            Assert.Equal(small, output.Trim());
            Assert.Contains("1 Loop for 1 stablehlo.while", error);
            Assert.Equal(ExitCodes.Ok, Run("export", "rnn-foreach", "--n", "100000", "-o", large).Exit);
            Assert.InRange(new FileInfo(large).Length - new FileInfo(small).Length, -16, 16);
            var (unrolledExit, _, unrolled) = Run("export", "rnn-foreach", "--unrolled", "--n", "10", "-o", Path.Combine(dir.FullName, "u.onnx"));
            Assert.Equal(ExitCodes.Ok, unrolledExit);
            Assert.Contains("0 Loop for 0 stablehlo.while", unrolled);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_unknown_backend_names_onnx_among_the_choices()
    {
        var (exit, _, error) = Run("list", "--backend", "tpu");
        Assert.Equal(ExitCodes.BackendUnavailable, exit);
        Assert.Contains("use interpreter, onnx, pjrt or pjrt:PATH", error);
    }
}
