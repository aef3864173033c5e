using System.Diagnostics;
using System.Globalization;
using LoopGen;
using LoopGen.Backends;
using LoopGen.Samples;

// Runs every sample compiled (its loops lifted by the generator) and eagerly, prints both results and whether they agree.
// Exit code 1 if any sample disagrees, so this doubles as a smoke test.
Console.WriteLine($"LoopGen samples on backend '{Backend.Current.Name}'");
Console.WriteLine();
int failures = 0;
foreach (var sample in SeedSamples.All())
{
    var clock = Stopwatch.StartNew();
    var compiled = sample.Compiled();
    var firstCall = clock.Elapsed;
    clock.Restart();
    compiled = sample.Compiled();
    var cachedCall = clock.Elapsed;
    var eager = sample.Eager();
    bool agree = Agree(eager, compiled);
    if (!agree) failures++;
    var lowered = sample.Lower();
    Console.WriteLine($"{sample.Name}: {sample.Description}");
    Console.WriteLine($"  module: {lowered.OpCount} ops, {lowered.WhileCount} stablehlo.while");
    Console.WriteLine($"  compiled {compiled}");
    Console.WriteLine($"  eager    {eager}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  agree: {(agree ? "yes" : "NO")}   first call (trace+compile+run) {firstCall.TotalMilliseconds:0.0} ms, cached call {cachedCall.TotalMilliseconds:0.000} ms"));
    Console.WriteLine();
}
return failures == 0 ? 0 : 1;

static bool Agree(Tensor a, Tensor b)
{
    if (a.DType != b.DType || a.Shape != b.Shape) return false;
    return a.DType switch
    {
        DType.F32 => a.ToArray<float>().Zip(b.ToArray<float>()).All(p => Math.Abs(p.First - p.Second) <= 1e-5 * (1 + Math.Abs(p.First))),
        DType.F64 => a.ToArray<double>().Zip(b.ToArray<double>()).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * (1 + Math.Abs(p.First))),
        DType.S32 => a.ToArray<int>().SequenceEqual(b.ToArray<int>()),
        DType.S64 => a.ToArray<long>().SequenceEqual(b.ToArray<long>()),
        _ => a.ToArray<bool>().SequenceEqual(b.ToArray<bool>()),
    };
}
