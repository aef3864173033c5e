using System.CommandLine;
using System.Text;
using System.Text.Json;
using LoopGen.Conformance.Cli;
using LoopGen.Conformance.Running;

namespace LoopGen.Tests.Pjrt;

/// <summary>
/// loopgen-conformance as the GPU scripts use it: exit codes, the artifacts tools/gpu/*.py read (checked with a
/// .npy reader written here from the format's description), and the agreement rule.
/// </summary>
public sealed class ConformanceToolTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ConformanceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Cases_write_what_jax_compare_reads()
    {
        var dir = Directory.CreateTempSubdirectory("loopgen-conformance").FullName;
        try
        {
            var (exit, output, _) = Run("cases", "--backend", "interpreter", "--out", dir, "--filter", "loop/scan", "--seed", "5");
            Assert.Equal(0, exit);
            Assert.Contains("all 2 cases agree with the interpreter", output);
            var caseDir = Path.Combine(dir, "cases", "loop_scan-stacked");
            Assert.StartsWith("module @", File.ReadAllText(Path.Combine(caseDir, "module.mlir")));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(caseDir, "case.json")));
            Assert.Equal("loop/scan-stacked", json.RootElement.GetProperty("name").GetString());
            Assert.Equal(2, json.RootElement.GetProperty("results").GetInt32());
            Assert.Equal("agree", json.RootElement.GetProperty("pjrt").GetString());
            var (descr, shape, data) = ReadNpy(Path.Combine(caseDir, "arg0.npy"));
            Assert.Equal("<f4", descr);
            Assert.Equal([12, 4], shape);
            Assert.Equal(12 * 4 * 4, data.Length);
            var (_, stackedShape, _) = ReadNpy(Path.Combine(caseDir, "expected1.npy"));
            Assert.Equal([12], stackedShape);
            Assert.True(File.Exists(Path.Combine(caseDir, "pjrt1.npy")));
            Assert.Contains("| loop/scan-reverse | agree |", File.ReadAllText(Path.Combine(dir, "summary.md")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Npy_headers_follow_the_format_for_every_dtype_and_rank()
    {
        foreach (var (data, shape, descr) in new (Array, int[], string)[]
        {
            (new[] { 1.5f }, [], "<f4"), (new[] { 1.0, 2.0 }, [2], "<f8"), (new[] { 1, 2, 3, 4, 5, 6 }, [2, 3], "<i4"),
            (new[] { 7L }, [1, 1], "<i8"), (new[] { true, false, true }, [3], "|b1"),
        })
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllBytes(path, Npy.Encode(data, shape));
                var (d, s, bytes) = ReadNpy(path);
                Assert.Equal(descr, d);
                Assert.Equal(shape, s);
                Assert.Equal(data.Length * (descr == "|b1" ? 1 : int.Parse(descr[2..], System.Globalization.CultureInfo.InvariantCulture)), bytes.Length);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public void Loops_measure_rolled_and_unrolled_and_check_the_result()
    {
        var dir = Directory.CreateTempSubdirectory("loopgen-loops").FullName;
        try
        {
            var (exit, output, _) = Run("loops", "--backend", "interpreter", "--max", "100", "--max-unrolled", "10", "--out", dir);
            Assert.Equal(0, exit);
            var rows = File.ReadAllLines(Path.Combine(dir, "loops", "loops.csv"));
            Assert.Equal("n,mode,ops,text_bytes,trace_ms,compile_ms,first_run_ms,result", rows[0]);
            Assert.Equal(["10,rolled", "10,unrolled", "100,rolled"], rows.Skip(1).Select(r => string.Join(',', r.Split(',')[..2])));
            Assert.All(rows.Skip(1), r => Assert.EndsWith(",ok", r));
            Assert.True(File.Exists(Path.Combine(dir, "loops", "cumulative.unrolled.n10.mlir")));
            Assert.False(File.Exists(Path.Combine(dir, "loops", "cumulative.unrolled.n100.mlir")));
            Assert.Contains("| 100 | rolled | 9 |", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_plugin_that_cannot_load_is_exit_code_2_with_the_reason()
    {
        var (exit, _, error) = Run("cases", "--plugin", "/nonexistent/xla_cuda_plugin.so");
        Assert.Equal(2, exit);
        Assert.Contains("the PJRT backend is not available here: PJRT plugin not found: '/nonexistent/xla_cuda_plugin.so' does not exist", error);
    }

    [Fact]
    public void Agreement_is_exact_for_integers_and_within_tolerance_for_floats()
    {
        Assert.True(Agreement.Of([new[] { 1f, float.NaN, float.PositiveInfinity }], [new[] { 1.00001f, float.NaN, float.PositiveInfinity }], 1e-4, 0).Agrees);
        var far = Agreement.Of([new[] { 1f, 2f }], [new[] { 1f, 2.1f }], 1e-4, 1e-5);
        Assert.False(far.Agrees);
        Assert.Contains("result 0[1]: 2.0999999046325684 where the interpreter gives 2", far.Detail);
        Assert.False(Agreement.Of([new[] { 5 }], [new[] { 6 }], 1, 1).Agrees);
        Assert.False(Agreement.Of([new[] { float.PositiveInfinity }], [new[] { float.NegativeInfinity }], 1, 1).Agrees);
        Assert.Contains("2 results; the interpreter gives 1", Agreement.Of([new[] { 1 }], [new[] { 1 }, new[] { 2 }], 0, 0).Detail);
    }

    /// <summary>Reads a version 1.0 .npy file: magic, header length, the header's descr and shape, then the data.</summary>
    private static (string Descr, int[] Shape, byte[] Data) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0], bytes[..8]);
        int headerLength = bytes[8] | bytes[9] << 8;
        Assert.Equal(0, (10 + headerLength) % 64); // the data starts 64-byte aligned
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.EndsWith("\n", header);
        var descr = header.Split("'descr': '")[1].Split('\'')[0];
        Assert.Contains("'fortran_order': False", header);
        var shapeText = header.Split("'shape': (")[1].Split(')')[0];
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        return (descr, shape, bytes[(10 + headerLength)..]);
    }
}
