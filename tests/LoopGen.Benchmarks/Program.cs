using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Tensor = LoopGen.Tensor;
using System.Text;
using LoopGen;
using LoopGen.Backends;
using LoopGen.Benchmarks;
using LoopGen.Samples.Bench;

// The embedded backend (the managed interpreter) against hand-written .NET and OpenBLAS: issue 10's table.
//   dotnet run -c Release --project tests/LoopGen.Benchmarks -- [--rounds R] [--markdown docs/benchmarks.md] [--no-numpy] [--only TEXT]
//     [--label L] [--coretype SkylakeX] [--forconcat] [--gradprofile 4,16,64] [--gradsteps 4,8,16,32,64,128,256 --rounds 15]   (OPENBLAS_CORETYPE for numpy: in a VM OpenBLAS may detect a generic core)
// With DOTNET_PROCESSOR_COUNT=1 every kernel stays on one thread and numpy gets OPENBLAS_NUM_THREADS=1: the
// single-thread comparison.
// Every measure runs once per round, all measures interleaved round after round, and each ratio is taken inside one
// round (the compiled call and its reference back to back), so a load change on a shared machine hits both sides.
// Prints min and median over the rounds. Asserts nothing: tests assert behaviour, this reports speed.
// Rolled against unrolled (op count, text size, trace/compile time, memory, the SVG plot) is the samples app's
// bench verb: dotnet run -c Release --project samples/LoopGen.Samples -- bench.
int rounds = 7;
string? markdown = null;
bool numpy = true;
string? only = null;
string label = Environment.ProcessorCount == 1 ? "one thread" : "all cores";
bool forConcat = false; // issue 11's crop-and-concatenate bench instead of the interpreter table
int[]? gradProfile = null; // issue 12: op-by-op time of the scan_layers gradient, rolled and unrolled, at these depths
int[]? gradSteps = null; // issue 12: the step-time table of the same gradients, all depths interleaved
for (int a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--rounds": rounds = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
        case "--markdown": markdown = args[++a]; break;
        case "--no-numpy": numpy = false; break;
        case "--only": only = args[++a]; break;
        case "--label": label = args[++a]; break;
        case "--coretype": Numpy.CoreType = args[++a]; break;
        case "--forconcat": forConcat = true; break;
        case "--gradsteps": gradSteps = [.. args[++a].Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture))]; break;
        case "--gradprofile": gradProfile = [.. args[++a].Split(',').Select(d => int.Parse(d, CultureInfo.InvariantCulture))]; break;
        default: Console.Error.WriteLine($"unknown option {args[a]}"); return 2;
    }
}

if (forConcat) return ForConcatBench.Run(markdown, rounds);
if (gradSteps is not null) return GradProfile.StepTable(gradSteps, rounds, calls: 10);
if (gradProfile is not null) return GradProfile.Run(gradProfile, calls: 100, timed: Environment.GetEnvironmentVariable("GRADPROFILE_OPS") == "1");

string loadBefore = Load();
var rows = new List<Row>();
var measures = Measures.All(numpy).Where(m => only is null || m.Title.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
Console.Error.WriteLine($"warming up {measures.Count} measures…");
foreach (var m in measures) m.Warm();
for (int r = 0; r < rounds; r++)
{
    Console.Error.WriteLine($"round {r + 1}/{rounds}");
    foreach (var m in measures) m.Round();
}
foreach (var m in measures) rows.AddRange(m.Rows());

string header = $"backend {Backend.Current.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {loadBefore} at the start and {Load()} at the end";
var table = new StringBuilder();
table.AppendLine(F($"| measure | goal | min | median |"));
table.AppendLine("|---|---|---:|---:|");
foreach (var row in rows) table.AppendLine(F($"| {row.Name} | {row.Goal} | {row.Min} | {row.Median} |"));
Console.WriteLine(header);
Console.WriteLine();
Console.Write(table);
if (markdown is not null) Markdown.Write(markdown, label, header, table.ToString());
return 0;

static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

// The 1-minute load average (the machine is shared: every figure goes with its load).
static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

/// <summary>One line of the table.</summary>
internal sealed record Row(string Name, string Goal, string Min, string Median);

/// <summary>A measure: warmed up once, run once per round, summarised in rows.</summary>
internal abstract class Measure
{
    private readonly List<double> _values = [];

    public abstract void Warm();

    public void Round() => _values.Add(RunOnce());

    protected abstract double RunOnce();

    public virtual IEnumerable<Row> Rows()
    {
        yield return new Row(Name, Goal, Format(Min), Format(Median));
    }

    protected abstract string Name { get; }

    /// <summary>The measure's name, for --only.</summary>
    public string Title => Name;

    protected abstract string Goal { get; }

    protected virtual string Format(double v) => v.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    protected double Min => _values.Min();

    protected double Median
    {
        get
        {
            var s = _values.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    /// <summary>Seconds per call of <paramref name="call"/>, over enough calls to last about <paramref name="seconds"/>.</summary>
    protected static double Time(Action call, double seconds = 0.08)
    {
        call();
        var clock = Stopwatch.StartNew();
        int n = 0;
        do
        {
            call();
            n++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);
        return clock.Elapsed.TotalSeconds / n;
    }

    /// <summary>Warms by time, not count: tiered JIT recompiles hot loops only after a while.</summary>
    protected static void WarmBy(Action call, double seconds = 0.6)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds) call();
    }
}

/// <summary>A compiled call against a reference, as a ratio of times taken back to back in one round.</summary>
internal sealed class Ratio(string name, string goal, Action compiled, Action reference) : Measure
{
    protected override string Name => name;

    protected override string Goal => goal;

    public override void Warm()
    {
        WarmBy(compiled);
        WarmBy(reference);
    }

    protected override double RunOnce()
    {
        double a = Time(compiled), b = Time(reference);
        double a2 = Time(compiled);
        return Math.Min(a, a2) / b;
    }
}

/// <summary>An absolute figure (time or bytes) from a function returning it.</summary>
internal sealed class Absolute(string name, string goal, Action warm, Func<double> measure, Func<double, string> format) : Measure
{
    protected override string Name => name;

    protected override string Goal => goal;

    public override void Warm() => WarmBy(warm, 0.4);

    protected override double RunOnce() => measure();

    protected override string Format(double v) => format(v);
}

/// <summary>
/// Matmul against numpy (OpenBLAS) at the same thread count. numpy runs in one long-lived process (<see cref="Numpy"/>);
/// each round times ours, then numpy, then ours again, each as the best of three short windows (numpy's `a @ b`
/// allocates its result like our compiled call does), so both sides see the same load.
/// </summary>
internal sealed class MatmulVsNumpy : Measure
{
    private readonly CompiledFunction<Tensor, Tensor, Tensor> _mm = Jit.Compile((Tensor a, Tensor b) => a.MatMul(b), "matmul");
    private readonly Tensor _a, _b;
    private readonly string _dtype;
    private readonly int _m, _k, _n;
    private readonly List<double> _gflops = [];

    public MatmulVsNumpy(string dtype, int m, int k, int n)
    {
        (_dtype, _m, _k, _n) = (dtype, m, k, n);
        if (dtype == "f32") (_a, _b) = (Tensor.From(Data.Floats(m * k), m, k), Tensor.From(Data.Floats(k * n, 2), k, n));
        else (_a, _b) = (Tensor.From(Data.Doubles(m * k), m, k), Tensor.From(Data.Doubles(k * n, 2), k, n));
    }

    private string Shape => _m == _k && _k == _n ? F($"{_m}") : F($"{_m}×{_k}×{_n}");

    protected override string Name => F($"{_dtype} matmul {Shape}, vs numpy/OpenBLAS {Numpy.CoreType ?? "(core detected)"} ({Environment.ProcessorCount} threads each)");

    protected override string Goal => "≥ 0.8× (shown as OpenBLAS time / ours)";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public override void Warm()
    {
        WarmBy(() => _mm.Invoke(_a, _b), 0.6);
        Numpy.SecondsPerMatmul(_dtype, _m, _k, _n, 0.05);
    }

    private double Ours()
    {
        double best = double.MaxValue;
        for (int w = 0; w < 3; w++) best = Math.Min(best, Time(() => _mm.Invoke(_a, _b), 0.05));
        return best;
    }

    protected override double RunOnce()
    {
        double ours = Ours();
        double theirs = Numpy.SecondsPerMatmul(_dtype, _m, _k, _n, 0.05);
        ours = Math.Min(ours, Ours());
        _gflops.Add(2.0 * _m * _n * _k / ours / 1e9);
        return theirs / ours;
    }

    public override IEnumerable<Row> Rows()
    {
        foreach (var r in base.Rows()) yield return r;
        var g = _gflops.Order().ToArray();
        yield return new Row(F($"{_dtype} matmul {Shape}, GFLOP/s (ours)"), "", g[0].ToString("0.0", CultureInfo.InvariantCulture), g[g.Length / 2].ToString("0.0", CultureInfo.InvariantCulture));
    }
}

/// <summary>numpy in one long-lived child process: a line "dtype m k n seconds" in, the best seconds per `a @ b` out.</summary>
internal static class Numpy
{
    private static Process? s_process;

    /// <summary>OPENBLAS_CORETYPE for numpy (--coretype); null leaves OpenBLAS to detect the CPU (it may pick a generic kernel in a VM).</summary>
    public static string? CoreType { get; set; }

    /// <summary>numpy's best time of one m×k by k×n matmul (best of three windows of about <paramref name="window"/> seconds).</summary>
    public static double SecondsPerMatmul(string dtype, int m, int k, int n, double window)
    {
        var p = s_process ??= Start();
        p.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{dtype} {m} {k} {n} {window}"));
        p.StandardInput.Flush();
        string? line = p.StandardOutput.ReadLine();
        if (line is null) throw new InvalidOperationException("numpy failed: " + p.StandardError.ReadToEnd());
        return double.Parse(line.Trim(), CultureInfo.InvariantCulture);
    }

    private static Process Start()
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-u", "-c", Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        if (CoreType is not null) psi.Environment["OPENBLAS_CORETYPE"] = CoreType;
        psi.Environment["OPENBLAS_NUM_THREADS"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        var p = Process.Start(psi)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                p.StandardInput.Close();
                p.WaitForExit(2000);
            }
            catch (InvalidOperationException)
            {
            }
        };
        return p;
    }

    private const string Script = """
        import numpy as np, sys, time
        cache = {}
        for line in sys.stdin:
            dt, m, k, n, window = line.split()
            m, k, n, window = int(m), int(k), int(n), float(window)
            key = (dt, m, k, n)
            if key not in cache:
                t = np.float32 if dt == "f32" else np.float64
                cache[key] = (np.random.rand(m, k).astype(t), np.random.rand(k, n).astype(t))
            a, b = cache[key]
            a @ b
            best = 1e9
            for _ in range(3):
                t0 = time.perf_counter(); c = 0
                while True:
                    a @ b; c += 1
                    if time.perf_counter() - t0 > window: break
                best = min(best, (time.perf_counter() - t0) / c)
            print(best, flush=True)
        """;

    public static bool Available()
    {
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", "import numpy"]) { RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

internal static class Data
{
    public static float[] Floats(int n, int seed = 1)
    {
        var r = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(r.NextDouble() * 2 - 1);
        return a;
    }

    public static double[] Doubles(int n, int seed = 1)
    {
        var r = new Random(seed);
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.NextDouble() * 2 - 1;
        return a;
    }
}

internal static class Measures
{
    public static List<Measure> All(bool numpy)
    {
        var list = new List<Measure>();
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        // Elementwise: tanh(x*2+1) on 1M f32 against the three TensorPrimitives calls into one buffer.
        {
            const int n = 1 << 20;
            var xs = Data.Floats(n);
            var x = Tensor.From(xs, n);
            var tmp = new float[n];
            var f = Jit.Compile((Tensor t) => (t * 2f + 1f).Tanh(), "tanh_chain");
            list.Add(new Ratio("`tanh(x*2+1)`, 1M f32, vs 3 `TensorPrimitives` calls", "≤ 1.0×", () => f.Invoke(x), () =>
            {
                TensorPrimitives.Multiply(xs, 2f, tmp);
                TensorPrimitives.Add(tmp, 1f, tmp);
                TensorPrimitives.Tanh(tmp, tmp);
            }));
            list.Add(new Absolute("allocated per compiled call of `tanh(x*2+1)`, 1M f32 (output 4 MB)", "outputs only", () => f.Invoke(x), () =>
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 10; i++) f.Invoke(x);
                return (GC.GetTotalAllocatedBytes(precise: true) - before) / 10.0;
            }, v => (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " MB"));
        }

        // Bandwidth: a*b+c against TensorPrimitives.MultiplyAdd.
        foreach (int n in new[] { 1 << 20, 1 << 24 })
        {
            var (a, b, c) = (Data.Floats(n, 2), Data.Floats(n, 3), Data.Floats(n, 4));
            var (ta, tb, tc) = (Tensor.From(a, n), Tensor.From(b, n), Tensor.From(c, n));
            var d = new float[n];
            var f = Jit.Compile((Tensor p, Tensor q, Tensor r) => p * q + r, "fma");
            string size = n == 1 << 20 ? "1M" : "16M";
            list.Add(new Ratio(F($"`a*b+c`, {size} f32, vs `TensorPrimitives.MultiplyAdd`"), n == 1 << 20 ? "≤ 1.5×" : "≤ 1.1×",
                () => f.Invoke(ta, tb, tc), () => TensorPrimitives.MultiplyAdd(a, b, c, d)));
            // The compiled call returns a new tensor each time; this reference pays for a new output array too.
            list.Add(new Ratio(F($"`a*b+c`, {size} f32, vs `MultiplyAdd` into a new array each call"), "(context)",
                () => f.Invoke(ta, tb, tc), () => TensorPrimitives.MultiplyAdd(a, b, c, GC.AllocateUninitializedArray<float>(n))));
            if (n == 1 << 20 && PageFaults.Available)
            {
                // Where the 1M gap goes: the output's fresh pages (the reference into a reused buffer touches none).
                list.Add(new Absolute("`a*b+c`, 1M f32, page faults per compiled call (4 KB each; output 1 024 pages)", "(context)", () => f.Invoke(ta, tb, tc), () =>
                {
                    long before = PageFaults.Now();
                    for (int i = 0; i < 20; i++) f.Invoke(ta, tb, tc);
                    return (PageFaults.Now() - before) / 20.0;
                }, v => v.ToString("0", CultureInfo.InvariantCulture)));
            }
        }

        // Matmul.
        if (numpy && Numpy.Available())
        {
            foreach (var (dtype, m, k, n) in new[]
            {
                ("f32", 64, 64, 64), ("f32", 256, 256, 256), ("f32", 512, 512, 512), ("f32", 1024, 1024, 1024), ("f32", 517, 389, 1031),
                ("f64", 64, 64, 64), ("f64", 512, 512, 512), ("f64", 1024, 1024, 1024), ("f64", 517, 389, 1031),
            })
            {
                list.Add(new MatmulVsNumpy(dtype, m, k, n));
            }
        }

        // Loops: the rolled scalar loop, and a while over a 1k-vector body against the body's own ops.
        {
            const int trips = 1_000_000;
            var loop = Jit.Compile((Tensor acc) => Loop.Fori(0, trips, (i, c) => c + 1, acc), "scalar_loop");
            var zero = Tensor.Scalar(0);
            list.Add(new Absolute("rolled scalar loop `acc += 1`, per iteration", "≤ 25 ns", () => loop.Invoke(zero), () =>
            {
                var clock = Stopwatch.StartNew();
                loop.Invoke(zero);
                return clock.Elapsed.TotalSeconds / trips;
            }, v => (v * 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " ns"));

            const int n = 1000, iters = 1000;
            var xs = Data.Floats(n);
            var x = Tensor.From(xs, n);
            var body = Jit.Compile((Tensor v) => Loop.Fori(0, iters, (i, c) => (c * 0.5f + 1f).Tanh(), v), "vector_loop");
            var buf = (float[])xs.Clone();
            list.Add(new Ratio("`while` of a 1k-vector body (`tanh(c*0.5+1)`), vs the body's 3 `TensorPrimitives` calls × trips", "≤ 1.5×",
                () => body.Invoke(x), () =>
                {
                    for (int k = 0; k < iters; k++)
                    {
                        TensorPrimitives.Multiply(buf, 0.5f, buf);
                        TensorPrimitives.Add(buf, 1f, buf);
                        TensorPrimitives.Tanh(buf, buf);
                    }
                }));
        }

        // Compile: the first call of a 10 000-op body (2 500 × `x*1.0001+0.5` on a 0-d tensor: 4 ops each) is trace +
        // compile + one run of 10 000 scalar ops; ClearCache makes every call a first call.
        {
            var big = Jit.Compile((Tensor t) =>
            {
                for (int k = 0; k < 2500; k++) t = t * 1.0001f + 0.5f;
                return t;
            }, "ten_thousand_ops");
            var s = Tensor.Scalar(1f);
            if (big.Lower(s).OpCount < 10_000) throw new InvalidOperationException("expected a 10 000-op body");
            list.Add(new Absolute("first call (trace + compile + run) of a 10 000-op body", "≤ 50 ms", () =>
            {
                big.ClearCache();
                big.Invoke(s);
            }, () =>
            {
                big.ClearCache();
                var clock = Stopwatch.StartNew();
                big.Invoke(s);
                return clock.Elapsed.TotalSeconds;
            }, v => (v * 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " ms"));
        }

        // Cached call overhead on a tiny input.
        {
            var tiny = Tensor.From(new[] { 1f, 2f, 3f, 4f }, 4);
            var add = Jit.Compile((Tensor t) => t + 1f, "tiny_add");
            list.Add(new Absolute("cached compiled call `x + 1` on f32[4], time", "≤ 0.3 µs", () => add.Invoke(tiny), () =>
            {
                const int calls = 200_000;
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < calls; i++) add.Invoke(tiny);
                return clock.Elapsed.TotalSeconds / calls;
            }, v => (v * 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " µs"));
            if (ThreadClock.IsCpuTime)
            {
                // The same calls in the thread's CPU time: leaves out the waits for a core on a loaded machine.
                list.Add(new Absolute("cached compiled call `x + 1` on f32[4], thread CPU time", "≤ 0.3 µs", () => add.Invoke(tiny), () =>
                {
                    const int calls = 200_000;
                    double start = ThreadClock.NowMs();
                    for (int i = 0; i < calls; i++) add.Invoke(tiny);
                    return (ThreadClock.NowMs() - start) / 1e3 / calls;
                }, v => (v * 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " µs"));
            }
            list.Add(new Absolute("cached compiled call `x + 1` on f32[4], allocated", "", () => add.Invoke(tiny), () =>
            {
                const int calls = 10_000;
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++) add.Invoke(tiny);
                return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
            }, v => v.ToString("0", CultureInfo.InvariantCulture) + " B"));
        }
        return list;
    }
}

internal static class Markdown
{
    /// <summary>Replaces the generated block labelled <paramref name="label"/> in <paramref name="path"/> (or appends one) with the new table.</summary>
    public static void Write(string path, string label, string header, string table)
    {
        string begin = $"<!-- interpreter-bench:begin {label} (written by tests/LoopGen.Benchmarks --markdown) -->";
        string end = $"<!-- interpreter-bench:end {label} -->";
        string text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        string block = $"{begin}\n\nMeasured {header} ({label}).\n\n{table}\n{end}";
        int b = text.IndexOf(begin, StringComparison.Ordinal), e = text.IndexOf(end, StringComparison.Ordinal);
        text = b >= 0 && e > b ? text[..b] + block + text[(e + end.Length)..] : text.TrimEnd() + "\n\n" + block + "\n";
        File.WriteAllText(path, text);
        Console.Error.WriteLine($"wrote {path}");
    }
}
