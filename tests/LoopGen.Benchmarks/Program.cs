using System.Diagnostics;
using System.Globalization;
using LoopGen;
using LoopGen.Backends;

// The per-call overhead of a cached compiled call against eager dispatch. Prints a table; asserts nothing.
//   dotnet run -c Release --project tests/LoopGen.Benchmarks -- [--calls K]
// Rolled against unrolled (op count, text size, trace/compile time, memory, the SVG plot) is the samples app's
// bench verb: dotnet run -c Release --project samples/LoopGen.Samples -- bench.
int calls = 20_000;
for (int a = 0; a < args.Length - 1; a++)
{
    if (args[a] == "--calls") calls = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
}

Console.WriteLine($"LoopGen per-call overhead — backend {Backend.Current.Name}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine($"{calls} calls on f32[4] (mean, after 2 s of warm-up calls so the JIT has tiered up):");
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

double PerCall(Action call)
{
    // Warm up by time, not by count: tiered JIT recompiles the interpreter's hot loops only after a while, and a
    // count-based warm-up measured tier-0 code (23 µs instead of ~5 µs for the ten-iteration loop).
    var warm = Stopwatch.StartNew();
    while (warm.ElapsedMilliseconds < 2000) call();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < calls; i++) call();
    return clock.Elapsed.TotalMilliseconds * 1000 / calls;
}

static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
