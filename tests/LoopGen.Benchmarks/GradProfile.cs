using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoopGen;
using LoopGen.Backends.Interpreter;
using LoopGen.Ir;
using LoopGen.Samples.Bench;
using Tensor = LoopGen.Tensor;

/// <summary>
/// Where a gradient call of the scan_layers stack spends its time, op by op: the samples app's LayerStack loss
/// (<c>h = h + tanh(h·w)</c> per row of <c>ws: f32[L,16,16]</c>, then mean(h²)) written with the loop API (rolled:
/// Loop.Fori over the rows, as the generator's twin) and as a plain C# loop (unrolled), differentiated with
/// Jit.ValueAndGrad, its module compiled for the interpreter and every kernel wrapped in a timer. Prints, per block
/// (main, while cond, while body), the calls and time of each op kind, besides the untimed call time of each module.
/// GRADPROFILE_MODULE=1 prints the rolled gradient module first; GRADPROFILE_PARSED=1 times the module alone as Invoke
/// compiles it (printed to MLIR and parsed back). Asserts nothing; the timers add tens of nanoseconds per op, so compare kinds, not the totals with the bench.
/// </summary>
internal static class GradProfile
{
    private const int Width = 16;
    private const int Batch = 8;

    public static int Run(int[] depths, int calls, bool timed)
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        Console.WriteLine($"load average {load}");
        var rolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => Loss(ws, x, rolled: true), name: "profile_rolled");
        var unrolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => Loss(ws, x, rolled: false), name: "profile_unrolled");
        foreach (int l in depths)
        {
            var (ws, x) = Inputs(l);
            var modes = new[] { ("rolled", rolled), ("unrolled", unrolled) };
            // GRADPROFILE_PARSED=1: the module alone as Invoke runs it, printed to MLIR text and parsed back.
            bool parsed = Environment.GetEnvironmentVariable("GRADPROFILE_PARSED") == "1";
            var programs = modes.Select(m => Program(parsed ? LoopGen.Ir.Text.MlirParser.Parse(m.Item2.Lower(ws, x).Text) : m.Item2.Lower(ws, x).Module, [ws, x])).ToArray();
            if (Environment.GetEnvironmentVariable("GRADPROFILE_MODULE") == "1")
            {
                Console.WriteLine(LoopGen.Ir.Text.PrettyPrinter.Print(modes[0].Item2.Lower(ws, x).Module));
            }
            // Interleaved rounds: each mode's Invoke (gradient read back, as the samples bench) and its module alone.
            var invoke = modes.Select(_ => new List<double>()).ToArray();
            var alone = modes.Select(_ => new List<double>()).ToArray();
            for (int m = 0; m < modes.Length; m++)
            {
                for (int c = 0; c < calls; c++) modes[m].Item2.Invoke(ws, x).Grad.ToArray<float>();
            }
            for (int r = 0; r < 15; r++)
            {
                for (int m = 0; m < modes.Length; m++)
                {
                    double t0 = ThreadClock.NowMs() * 1e3;
                    for (int c = 0; c < calls; c++) modes[m].Item2.Invoke(ws, x).Grad.ToArray<float>();
                    double t1 = ThreadClock.NowMs() * 1e3;
                    for (int c = 0; c < calls; c++) programs[m].Call();
                    alone[m].Add((ThreadClock.NowMs() * 1e3 - t1) / calls);
                    invoke[m].Add((t1 - t0) / calls);
                }
            }
            foreach (var t in invoke.Concat(alone)) t.Sort();
            Console.WriteLine(Inv($"L = {l}: thread CPU µs per call, min/median of 15 rounds: Invoke rolled {invoke[0][0]:F1}/{invoke[0][7]:F1}, unrolled {invoke[1][0]:F1}/{invoke[1][7]:F1}; module alone rolled {alone[0][0]:F1}/{alone[0][7]:F1}, unrolled {alone[1][0]:F1}/{alone[1][7]:F1}"));
            if (!timed) continue;
            for (int m = 0; m < modes.Length; m++) Profile($"L = {l} {modes[m].Item1}", programs[m], calls);
        }
        return 0;
    }

    /// <summary>
    /// The step table: every depth and mode warmed up first (4 s of thread CPU time, so no tier-0 code is timed), then <paramref name="rounds"/>
    /// rounds, each timing <paramref name="calls"/> cached gradient calls (gradient read back) of both modes
    /// at every depth; a ratio is taken inside each round (rolled / unrolled back to back), then min and median over
    /// the rounds. Before each depth's pair, one untimed call of each mode, and the order of the modes alternates by round,
    /// so neither mode is always the one timed on caches the previous depth evicted. Thread CPU time leaves out waiting for a
    /// core on the loaded machine; wall-clock is printed beside it.
    /// </summary>
    public static int StepTable(int[] depths, int rounds, int calls)
    {
        string loadBefore = File.ReadAllText("/proc/loadavg").Trim();
        var rolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => Loss(ws, x, rolled: true), name: "step_rolled");
        var unrolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => Loss(ws, x, rolled: false), name: "step_unrolled");
        var fns = new[] { rolled, unrolled };
        var inputs = depths.Select(Inputs).ToArray();
        var ops = depths.Select((_, d) => fns.Select(f => f.Lower(inputs[d].Ws, inputs[d].X).OpCount).ToArray()).ToArray();
        // Tiered JIT settles after some hundreds of ms of steady calls: counted in this thread's CPU time, since on the
        // loaded machine seconds of wall-clock time may give the thread only a fraction of that.
        double warmUntil = ThreadClock.NowMs() * 1e3 + 4e6;
        while (ThreadClock.NowMs() * 1e3 < warmUntil)
        {
            for (int d = 0; d < depths.Length; d++)
            {
                foreach (var f in fns) f.Invoke(inputs[d].Ws, inputs[d].X).Grad.ToArray<float>();
            }
        }
        var cpu = depths.Select(_ => fns.Select(_ => new List<double>()).ToArray()).ToArray();
        var wall = depths.Select(_ => fns.Select(_ => new List<double>()).ToArray()).ToArray();
        for (int r = 0; r < rounds; r++)
        {
            for (int d = 0; d < depths.Length; d++)
            {
                // The first timing after another depth runs on caches the last one (up to L = 256, megabytes) evicted:
                // one untimed call of each mode first, and the order of the two modes alternates between rounds.
                foreach (var f in fns) f.Invoke(inputs[d].Ws, inputs[d].X).Grad.ToArray<float>();
                for (int k = 0; k < fns.Length; k++)
                {
                    int m = (k + r) % fns.Length;
                    var (ws, x) = inputs[d];
                    long w0 = Stopwatch.GetTimestamp();
                    double c0 = ThreadClock.NowMs() * 1e3;
                    for (int c = 0; c < calls; c++) fns[m].Invoke(ws, x).Grad.ToArray<float>();
                    cpu[d][m].Add((ThreadClock.NowMs() * 1e3 - c0) / calls);
                    wall[d][m].Add(Stopwatch.GetElapsedTime(w0).TotalMicroseconds / calls);
                }
            }
        }
        static double Med(IEnumerable<double> v)
        {
            var s = v.OrderBy(t => t).ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
        }
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {rounds} rounds of {calls} calls, load average {loadBefore} at the start and {File.ReadAllText("/proc/loadavg").Trim()} at the end"));
        sb.AppendLine();
        sb.AppendLine("| L | ops rolled / unrolled | CPU µs rolled, min / median | CPU µs unrolled, min / median | CPU rolled / unrolled, min / median | wall µs rolled, median | wall µs unrolled, median | wall rolled / unrolled, median |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int d = 0; d < depths.Length; d++)
        {
            var ratio = cpu[d][0].Zip(cpu[d][1], (a, b) => a / b).ToList();
            var wratio = wall[d][0].Zip(wall[d][1], (a, b) => a / b).ToList();
            sb.AppendLine(Inv($"| {depths[d]} | {ops[d][0]} / {ops[d][1]} | {cpu[d][0].Min():F1} / {Med(cpu[d][0]):F1} | {cpu[d][1].Min():F1} / {Med(cpu[d][1]):F1} | {ratio.Min():F2} / {Med(ratio):F2} | {Med(wall[d][0]):F1} | {Med(wall[d][1]):F1} | {Med(wratio):F2} |"));
        }
        Console.Write(sb);
        return 0;
    }

    private static Tensor Loss(Tensor ws, Tensor x, bool rolled)
    {
        var h = x;
        if (rolled)
        {
            h = Loop.Fori(0, ws.Shape[0], (i, c) => c + Tensor.MatMul(c, ws[i]).Tanh(), h);
        }
        else
        {
            for (int i = 0; i < ws.Shape[0]; i++) h = h + Tensor.MatMul(h, ws[i]).Tanh();
        }
        return (h * h).Mean();
    }

    private static (Tensor Ws, Tensor X) Inputs(int layers)
    {
        var random = new Random(2026);
        float U(double s) => (float)((random.NextDouble() * 2 - 1) * s);
        var ws = Tensor.From(Enumerable.Range(0, layers * Width * Width).Select(_ => U(0.5 / Math.Sqrt(Width * (double)layers))).ToArray(), layers, Width, Width);
        var x = Tensor.From(Enumerable.Range(0, Batch * Width).Select(_ => U(1)).ToArray(), Batch, Width);
        return (ws, x);
    }

    private sealed class Tally
    {
        public long Calls;
        public long Ticks;
        public readonly List<long> PerCall = [];
    }

    private sealed record Prog(BlockPlan Body, Action Call);

    private static Prog Program(Module module, Tensor[] inputs)
    {
        var function = LoopInvariants.Rewrite(Fusion.Rewrite(module.Main)); // as InterpreterProgram.Compile
        var compiler = new ProgramCompiler();
        var body = compiler.CompileFunction(function);
        var args = inputs.Select(t => new HostBuffer(t.Type, t.ToArray<float>())).ToArray();
        var frame = new Frame(compiler.SlotCount, compiler.ClassCount);
        return new Prog(body, () =>
        {
            for (int i = 0; i < args.Length; i++) frame.Slots[body.Args[i]] = args[i].Shared;
            frame.RunBlock(body);
            Array.Clear(frame.Slots);
        });
    }

    private static void Profile(string title, Prog program, int calls)
    {
        var (body, call) = program;
        void Call() => call();
        var tallies = new Dictionary<string, Tally>();
        Wrap(body, "main", tallies);
        for (int c = 0; c < calls; c++) Call();
        long opCalls = 0;
        foreach (var t in tallies.Values) t.Calls = 0;
        for (int c = 0; c < calls; c++)
        {
            foreach (var t in tallies.Values) t.Ticks = 0;
            Call();
            foreach (var t in tallies.Values) t.PerCall.Add(t.Ticks);
        }
        foreach (var t in tallies.Values) opCalls += t.Calls;

        var sb = new StringBuilder();
        sb.AppendLine(Inv($"## {title}: {opCalls / (double)calls:F0} kernel calls; per call, timed (median of {calls} calls):"));
        double sumTop = 0;
        foreach (var (key, t) in tallies.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            t.PerCall.Sort();
            double us = t.PerCall[t.PerCall.Count / 2] * 1e6 / Stopwatch.Frequency;
            if (key.StartsWith("main:", StringComparison.Ordinal)) sumTop += us;
            sb.AppendLine(Inv($"  {key,-60} {t.Calls / (double)calls,8:F0} × {us / Math.Max(1, t.Calls / (double)calls) * 1000,8:F0} ns = {us,8:F2} µs"));
        }
        sb.AppendLine(Inv($"  sum of main's ops {sumTop:F2} µs"));
        Console.Write(sb);
    }

    // Every step's kernel timed under "block/op"; a while's own line includes its regions (they show apart too).
    private static void Wrap(BlockPlan block, string where, Dictionary<string, Tally> tallies)
    {
        for (int s = 0; s < block.Steps.Length; s++)
        {
            var step = block.Steps[s];
            string name = step.Name.Replace("stablehlo.", "", StringComparison.Ordinal);
            for (int r = 0; r < step.Regions.Length; r++) Wrap(step.Regions[r], $"{where}/{name}{s}.{(step.Regions.Length == 2 && name == "while" ? (r == 0 ? "cond" : "body") : r.ToString(CultureInfo.InvariantCulture))}", tallies);
            string key = $"{where}: {name} {string.Join(",", step.OutTypes.Select(t => t.ToString()))}";
            if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
            var inner = step.Kernel;
            step.Kernel = (f, st) =>
            {
                long t0 = Stopwatch.GetTimestamp();
                inner(f, st);
                tally.Ticks += Stopwatch.GetTimestamp() - t0;
                tally.Calls++;
            };
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
