using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoopGen;
using LoopGen.Backends;
using Tensor = LoopGen.Tensor;

/// <summary>
/// Issue 11's bench: onnx-diagnostic's crop-and-concatenate loop (its <c>simple_loop_for</c> example) over
/// 10 … 100 000 windows, as Loop.ForConcat (one rolled while, each piece written once at a running offset) against the
/// quadratic form (a carry grown by concatenation each iteration, traced unrolled). Times are per call after the trace
/// and compile (min and median of the rounds); the trace+compile time is printed apart. Asserts nothing.
/// </summary>
internal static class ForConcatBench
{
    private const int Crop = 4;

    // A window is 0 … 8 columns wide, so about half are cropped; W has two rows, as in the example.
    private static (Tensor W, Tensor Splits, int[] SplitValues, float[] Data, int Columns) Inputs(int windows)
    {
        var rng = new Random(11);
        var splits = new int[windows + 1];
        for (int k = 1; k <= windows; k++) splits[k] = splits[k - 1] + rng.Next(0, 9);
        int columns = Math.Max(1, splits[^1]);
        var data = new float[2 * columns];
        for (int i = 0; i < data.Length; i++) data[i] = (float)rng.NextDouble();
        return (Tensor.From(data, 2, columns), Tensor.From(splits), splits, data, columns);
    }

    private static Tensor Rolled(Tensor w, Tensor splits) =>
        Loop.ForConcat(0, splits.Shape[0] - 1, k =>
        {
            var extract = Tensor.SliceDynamic(w, 1, splits[k], splits[k + 1]);
            return [Tensor.SliceDynamic(extract, 1, 0, Tensor.Minimum(Tensor.SizeOf(extract, 1), Crop))];
        }, [1])[0];

    // The example's growing carry: result = concat(result, piece) each iteration, the loop unrolled in the trace.
    private static Tensor Quadratic(Tensor w, Tensor splits)
    {
        int n = splits.Shape[0] - 1;
        Tensor? result = null;
        for (int k = 0; k < n; k++)
        {
            var extract = Tensor.SliceDynamic(w, 1, splits[k], splits[k + 1]);
            var piece = Tensor.SliceDynamic(extract, 1, 0, Tensor.Minimum(Tensor.SizeOf(extract, 1), Crop));
            result = result is null ? piece : Tensor.Concat([result, piece], 1);
        }
        return result!;
    }

    public static int Run(string? markdown, int rounds)
    {
        int[] sizes = [10, 100, 1_000, 10_000, 100_000];
        var table = new StringBuilder();
        table.AppendLine("| windows | form | ops | whiles | trace+compile ms | run ms (min) | run ms (median) | run µs per window (median) | result |");
        table.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        // Warm-up by time, discarded: tiered JIT needs many iterations before the interpreter's loop code reaches its
        // final tier (a short warm-up left the 1 000-window row ten times slower per window than the later rows).
        {
            var (w, splits, _, _, _) = Inputs(1_000);
            var warm = Jit.Compile<Tensor, Tensor, Tensor>(Rolled, "warmup");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < 5) warm.Invoke(w, splits);
        }
        double quadraticSeconds = 0;
        foreach (int n in sizes)
        {
            var (w, splits, s, data, columns) = Inputs(n);
            var expected = Reference(data, columns, s);
            table.AppendLine(Measure(n, "ForConcat (rolled)", Rolled, w, splits, expected, rounds));
            // The quadratic form's trace and compile grow at least ×10 per row (its run ×100): once a row took more than
            // 3 s, the next would take more than 30 s, and is skipped.
            if (quadraticSeconds > 3)
            {
                table.AppendLine(F($"| {n} | growing concat (unrolled) | – | – | – | – | – | – | skipped: the previous row took {quadraticSeconds:0.0} s, this one would take > 30 s |"));
                continue;
            }
            var clock = Stopwatch.StartNew();
            table.AppendLine(Measure(n, "growing concat (unrolled)", Quadratic, w, splits, expected, rounds));
            quadraticSeconds = clock.Elapsed.TotalSeconds;
        }
        string header = $"backend {Backend.Current.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {rounds} rounds, "
            + $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average before the run {load}";
        Console.WriteLine(header);
        Console.WriteLine();
        Console.Write(table);
        if (markdown is not null) Markdown.Write(markdown, "forconcat", header, table.ToString());
        return 0;
    }

    private static string Measure(int n, string form, Func<Tensor, Tensor, Tensor> fn, Tensor w, Tensor splits, float[] expected, int rounds)
    {
        var f = Jit.Compile(fn, form.StartsWith("ForConcat", StringComparison.Ordinal) ? "forconcat" : "growing");
        var clock = Stopwatch.StartNew();
        var lowered = f.Lower(w, splits);
        lowered.Compile();
        var first = f.Invoke(w, splits); // the first call compiles (cached by text) and is checked against the reference
        double setup = clock.Elapsed.TotalMilliseconds;
        string ok = first.ToArray<float>().AsSpan().SequenceEqual(expected) && first.Shape[1] == expected.Length / 2 ? "equal to the reference" : "DIFFERS";
        var times = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            clock.Restart();
            f.Invoke(w, splits);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double median = times[times.Count / 2];
        return F($"| {n} | {form} | {lowered.OpCount} | {lowered.WhileCount} | {setup:0.0} | {times[0]:0.00} | {median:0.00} | {median * 1000 / n:0.00} | {ok} |");
    }

    // The crops, computed on plain arrays.
    private static float[] Reference(float[] data, int columns, int[] splits)
    {
        var cols = new List<int>();
        for (int k = 0; k + 1 < splits.Length; k++)
        {
            for (int c = splits[k]; c < Math.Min(splits[k + 1], splits[k] + Crop); c++) cols.Add(c);
        }
        var result = new float[2 * cols.Count];
        for (int r = 0; r < 2; r++)
        {
            for (int j = 0; j < cols.Count; j++) result[r * cols.Count + j] = data[r * columns + cols[j]];
        }
        return result;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
