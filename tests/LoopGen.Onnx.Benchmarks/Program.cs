using System.Diagnostics;
using System.Globalization;
using LoopGen;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Onnx;

// The interpreter and ONNX Runtime side by side on the same compiled functions, ratios from one run. Prints a
// markdown table; asserts nothing. Each row: inputs made on the backend, one call to trace and compile (billed
// apart), then the median of --reps timed cached calls (results stay on the backend).
//   dotnet run -c Release --project tests/LoopGen.Onnx.Benchmarks -- [--reps K] [--threads T]
int reps = 15;
int threads = 0;
for (int a = 0; a < args.Length - 1; a++)
{
    if (args[a] == "--reps") reps = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
    if (args[a] == "--threads") threads = int.Parse(args[a + 1], CultureInfo.InvariantCulture);
}

using var ort = new OnnxRuntimeBackend(threads);
IBackend[] backends = [InterpreterBackend.Instance, ort];
var rng = new Random(1);
float[] Floats(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() - 0.5))];

const int Elements = 1 << 20, Mat = 256, LoopN = 10_000, Steps = 1000, Hidden = 64;
var x1m = Floats(Elements);
var a256 = Floats(Mat * Mat);
var b256 = Floats(Mat * Mat);
var w = Floats(Hidden * Hidden).Select(v => v * 0.2f).ToArray();
var u = Floats(Hidden * Hidden).Select(v => v * 0.2f).ToArray();
var xs = Floats(Steps * Hidden);

var elementwise = Jit.Compile((Tensor x) => ((x * 1.5f + 0.25f).Tanh() * x).Exp(), "bench_elementwise");
var matmul = Jit.Compile((Tensor a, Tensor b) => Tensor.MatMul(a, b), "bench_matmul");
var loop = Jit.Compile((Tensor x) => Loop.Fori(0, LoopN, (i, c) => c + 1f, x), "bench_loop");
var rnn = Jit.Compile((Tensor w, Tensor u, Tensor xs) => Loop.Scan((Tensor h, Tensor x) =>
{
    var next = (Tensor.MatMul(w, x) + Tensor.MatMul(u, h)).Tanh();
    return (next, next);
}, Tensor.Zeros(DType.F32, Hidden), xs), "bench_rnn");

var rows = new (string Name, string Unit, double Scale, Func<Action> Make)[]
{
    ("elementwise: exp(tanh(1.5x + 0.25)·x), f32[2^20]", "ms", 1, () => { var x = Tensor.From(x1m, Elements); return () => _ = elementwise.Invoke(x); }),
    ($"matmul f32[{Mat},{Mat}] × f32[{Mat},{Mat}]", "ms", 1, () => { var a = Tensor.From(a256, Mat, Mat); var b = Tensor.From(b256, Mat, Mat); return () => _ = matmul.Invoke(a, b); }),
    ($"loop overhead: Fori(0, {LoopN}) of c + 1 on f32[4], per iteration", "µs", 1000.0 / LoopN, () => { var x = Tensor.Zeros(DType.F32, 4); return () => _ = loop.Invoke(x); }),
    ($"RNN scan: {Steps} steps, hidden {Hidden}, stacked outputs", "ms", 1, () => { var tw = Tensor.From(w, Hidden, Hidden); var tu = Tensor.From(u, Hidden, Hidden); var txs = Tensor.From(xs, Steps, Hidden); return () => _ = rnn.Invoke(tw, tu, txs); }),
};

Console.WriteLine(F($"LoopGen: interpreter vs ONNX Runtime {OnnxRuntimeBackend.RuntimeVersion} (CPU provider, intra-op threads {(threads == 0 ? "default" : threads.ToString(CultureInfo.InvariantCulture))}), .NET {Environment.Version}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}; median of {reps} cached calls"));
Console.WriteLine();
Console.WriteLine("| benchmark | unit | interpreter | onnxruntime | onnxruntime / interpreter | first call (trace + compile + run) interp / ort ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var (name, unit, scale, make) in rows)
{
    var times = new double[2];
    var first = new double[2];
    for (int k = 0; k < backends.Length; k++)
    {
        using (Backend.Use(backends[k]))
        {
            var call = make();
            var clock = Stopwatch.StartNew();
            call();
            first[k] = clock.Elapsed.TotalMilliseconds;
            for (int i = 0; i < 2; i++) call(); // warm-up
            var samples = new double[reps];
            for (int r = 0; r < reps; r++)
            {
                clock.Restart();
                call();
                samples[r] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(samples);
            times[k] = samples[reps / 2] * scale;
        }
    }
    Console.WriteLine(F($"| {name} | {unit} | {times[0]:0.000} | {times[1]:0.000} | {times[1] / times[0]:0.00}x | {first[0]:0.0} / {first[1]:0.0} |"));
}
return 0;

static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
