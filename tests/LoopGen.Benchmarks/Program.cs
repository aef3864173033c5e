using System.Diagnostics;
using System.Globalization;
using LoopGen;
using LoopGen.Backends;

// The bench command: rolled (Loop.Fori) against unrolled (a plain C# loop traced) for the cumulative-add loop of
// seeds/000, and the per-call overhead of a cached compiled call. Prints tables; asserts nothing.
//   dotnet run -c Release --project tests/LoopGen.Benchmarks -- [--max N] [--calls K]
int max = 100_000, calls = 20_000;
for (int a = 0; a < args.Length - 1; a++)
{
    if (args[a] == "--max") max = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
    if (args[a] == "--calls") calls = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
}

Console.WriteLine($"LoopGen bench — backend {Backend.Current.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("Cumulative add, x = x + 1 repeated N times (seeds/000). Times are medians of 3 runs.");
Console.WriteLine();
Console.WriteLine("| N | mode | ops | whiles | text bytes | trace ms | compile ms | run ms | result ok |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");

var rolled = Jit.Compile((Tensor x, int n) => Loop.Fori(0, n, (i, c) => c + 1, x), "cumulative_add_rolled");
var unrolled = Jit.Compile((Tensor x, int n) =>
{
    for (int i = 0; i < n; i++) x = x + 1;
    return x;
}, "cumulative_add_unrolled");

var rows = new List<(int N, Row Rolled, Row Unrolled)>();
var init = Tensor.From(new[] { 0 }, 1);
for (int n = 10; n <= max; n *= 10)
{
    var r = Measure("rolled", n, x => rolled.Lower(x, n), x => rolled.Invoke(x, n));
    var u = Measure("unrolled", n, x => unrolled.Lower(x, n), x => unrolled.Invoke(x, n));
    rows.Add((n, r, u));
}

Console.WriteLine();
Console.WriteLine("Ratios, unrolled / rolled, from the rows above:");
Console.WriteLine();
Console.WriteLine("| N | ops | text bytes | trace | compile |");
Console.WriteLine("|---:|---:|---:|---:|---:|");
foreach (var (n, r, u) in rows)
{
    Console.WriteLine(F($"| {n} | {(double)u.Ops / r.Ops:0.0}x | {(double)u.Bytes / r.Bytes:0.0}x | {u.TraceMs / r.TraceMs:0.0}x | {u.CompileMs / r.CompileMs:0.0}x |"));
}

// Per-call overhead: a cached compiled call on a 4-element tensor, against the eager op it wraps.
Console.WriteLine();
Console.WriteLine($"Per-call overhead, {calls} calls on f32[4] (mean):");
Console.WriteLine();
var tiny = Tensor.From(new[] { 1f, 2f, 3f, 4f }, 4);
var add = Jit.Compile((Tensor x) => x + 1f, "tiny_add");
var loop = Jit.Compile((Tensor x) => Loop.Fori(0, 10, (i, c) => c + 1f, x), "tiny_loop");
Console.WriteLine("| call | µs/call |");
Console.WriteLine("|---|---:|");
Console.WriteLine(F($"| eager x + 1 | {PerCall(() => _ = tiny + 1f):0.00} |"));
Console.WriteLine(F($"| compiled x + 1 (cached) | {PerCall(() => _ = add.Invoke(tiny)):0.00} |"));
Console.WriteLine(F($"| compiled Fori(0, 10) (cached) | {PerCall(() => _ = loop.Invoke(tiny)):0.00} |"));
return 0;

Row Measure(string mode, int n, Func<Tensor, Lowered> lower, Func<Tensor, Tensor> invoke)
{
    var trace = new List<double>();
    var compile = new List<double>();
    var run = new List<double>();
    Lowered? lowered = null;
    bool ok = true;
    for (int rep = 0; rep < 3; rep++)
    {
        lowered = lower(init);
        trace.Add(lowered.TraceTime.TotalMilliseconds);
        compile.Add(lowered.Compile().TotalMilliseconds);
        var clock = Stopwatch.StartNew();
        ok &= invoke(init).ToArray<int>()[0] == n;
        run.Add(clock.Elapsed.TotalMilliseconds);
    }
    var row = new Row(lowered!.OpCount, lowered.WhileCount, lowered.TextBytes, Median(trace), Median(compile), Median(run));
    Console.WriteLine(F($"| {n} | {mode} | {row.Ops} | {row.Whiles} | {row.Bytes} | {row.TraceMs:0.00} | {row.CompileMs:0.00} | {row.RunMs:0.00} | {(ok ? "yes" : "NO")} |"));
    return row;
}

double PerCall(Action call)
{
    for (int i = 0; i < 1000; i++) call();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++) call();
    return clock.Elapsed.TotalMilliseconds * 1000 / calls;
}

static double Median(List<double> xs)
{
    var s = xs.Order().ToArray();
    return s[s.Length / 2];
}

static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

internal readonly record struct Row(int Ops, int Whiles, int Bytes, double TraceMs, double CompileMs, double RunMs);
