using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Conformance.Cli;
using LoopGen.Ir;

namespace LoopGen.Conformance.Verbs;

/// <summary>
/// <c>loops [--out DIR] [--max N] [--max-unrolled N]</c>: the cumulative add of PyTorch/XLA's loop guide (f32[10], <c>x + 1</c> N times)
/// rolled (one while loop) and unrolled (N adds), for N = 10, 100, … max: ops, text size, trace time, the backend's
/// compile time and first run, and the result checked. Writes each module and <c>loops.csv</c> for jax_loop_times.py.
/// </summary>
internal static class LoopsVerb
{
    public static Command Create(Option<string> backend, Option<string?> plugin)
    {
        var output = new Option<string?>("--out") { Description = "Write DIR/loops/*.mlir and DIR/loops/loops.csv", HelpName = "DIR" };
        var max = new Option<int>("--max") { Description = "Largest trip count", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var maxUnrolled = new Option<int?>("--max-unrolled") { Description = "Largest trip count to unroll (default: --max)", HelpName = "N" };
        var command = new Command("loops", "Rolled vs unrolled compile times on the backend for growing trip counts") { output, max, maxUnrolled };
        command.SetAction(parse => BackendSpec.Run(parse, backend, plugin, chosen =>
            Execute(parse.InvocationConfiguration.Output, chosen, parse.GetValue(max), parse.GetValue(maxUnrolled) ?? parse.GetValue(max), parse.GetValue(output))));
        return command;
    }

    /// <summary>Measures every N; <see cref="Exit.Differ"/> if a result is wrong or a module fails.</summary>
    public static int Execute(TextWriter output, IBackend backend, int max, int maxUnrolled, string? outDir)
    {
        var dir = outDir is null ? null : Path.Combine(outDir, "loops");
        if (dir is not null) Directory.CreateDirectory(dir);
        var csvPath = dir is null ? null : Path.Combine(dir, "loops.csv");
        // Written row by row: a run stopped by its time limit still leaves the rows it finished.
        if (csvPath is not null) File.WriteAllText(csvPath, "n,mode,ops,text_bytes,trace_ms,compile_ms,first_run_ms,result\n");
        output.WriteLine($"LoopGen loops: cumulative add, rolled vs unrolled, N = 10 … {max} (unrolled up to {maxUnrolled}) on {BackendSpec.Describe(backend)}");
        output.WriteLine("| N | mode | ops | text bytes | trace (ms) | compile (ms) | first run (ms) | result |");
        output.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        bool allOk = true;
        Measure(backend, 10, rolled: true, null, null); // warm-up: LoopGen's own code JIT-compiles here, not in the first row
        for (long n = 10; n <= max; n *= 10)
        {
            foreach (var rolled in new[] { true, false })
            {
                if (!rolled && n > maxUnrolled) continue;
                var row = Measure(backend, (int)n, rolled, dir, output);
                allOk &= row.EndsWith(",ok", StringComparison.Ordinal);
                if (csvPath is not null) File.AppendAllText(csvPath, row + "\n");
            }
        }
        return allOk ? Exit.Agree : Exit.Differ;
    }

    private static string Measure(IBackend backend, int n, bool rolled, string? dir, TextWriter? output)
    {
        var zeros = Tensor.Zeros(DType.F32, 10);
        Lowered lowered;
        using (Backend.Use(InterpreterBackend.Instance))
        {
            lowered = rolled
                ? Jit.Compile((Tensor x) => Loop.Fori(0, n, (i, c) => c + 1f, x), "cumulative_rolled").Lower(zeros)
                : Jit.Compile((Tensor x) => Unrolled(x, n), "cumulative_unrolled").Lower(zeros);
        }
        var mode = rolled ? "rolled" : "unrolled";
        if (dir is not null) File.WriteAllText(Path.Combine(dir, $"cumulative.{mode}.n{n}.mlir"), lowered.Text);
        double compileMs = double.NaN, runMs = double.NaN;
        string result;
        try
        {
            var clock = Stopwatch.StartNew();
            var exe = backend.Compile(lowered.Text);
            compileMs = clock.Elapsed.TotalMilliseconds;
            try
            {
                clock.Restart();
                var input = backend.Upload(new float[10], new TensorType(DType.F32, new Shape(10)));
                var values = (float[])backend.Download(backend.Execute(exe, [input])[0]);
                runMs = clock.Elapsed.TotalMilliseconds;
                result = values.All(v => v == n) ? "ok" : $"error: got {values[0]} where {n} is expected";
            }
            finally
            {
                (exe as IDisposable)?.Dispose();
            }
        }
        catch (Exception e)
        {
            result = "error: " + e.Message.ReplaceLineEndings(" ").Replace(',', ';');
        }
        var inv = CultureInfo.InvariantCulture;
        output?.WriteLine(string.Create(inv, $"| {n} | {mode} | {lowered.OpCount} | {lowered.TextBytes} | {lowered.TraceTime.TotalMilliseconds:F2} | {compileMs:F1} | {runMs:F2} | {result} |"));
        return string.Create(inv, $"{n},{mode},{lowered.OpCount},{lowered.TextBytes},{lowered.TraceTime.TotalMilliseconds:F3},{compileMs:F3},{runMs:F3},{result}");
    }

    /// <summary>The loop as straight-line code: what tracing a plain C# loop without LoopGen's lifting gives.</summary>
    private static Tensor Unrolled(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x + 1f;
        return x;
    }
}
