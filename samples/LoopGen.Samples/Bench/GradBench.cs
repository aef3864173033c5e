using System.Diagnostics;
using System.Globalization;
using System.Text;
using LoopGen.Samples.Training;

namespace LoopGen.Samples.Bench;

/// <summary>One mode of the layer-stack gradient at one depth.</summary>
/// <param name="Layers">L.</param>
/// <param name="Mode"><c>rolled</c> or <c>unrolled</c>.</param>
/// <param name="Ops">Ops of the gradient module.</param>
/// <param name="Whiles"><c>stablehlo.while</c> ops in it.</param>
/// <param name="TraceMs">Tracing the loss and differentiating it (median).</param>
/// <param name="CompileMs">Compiling the gradient module on the backend (median).</param>
/// <param name="StepMs">One cached gradient call with the gradient read back: the fastest round (see <see cref="GradBench.StepRounds"/>).</param>
/// <param name="StepMedianMs">The same, the median round.</param>
/// <param name="CpuMs">The same step in thread CPU time (<see cref="ThreadClock"/>), fastest round.</param>
/// <param name="CpuMedianMs">The same, the median round.</param>
/// <param name="LossBefore">The loss before a few SGD steps.</param>
/// <param name="LossAfter">The loss after them.</param>
internal sealed record GradBenchPoint(int Layers, string Mode, int Ops, int Whiles, double TraceMs, double CompileMs, double StepMs, double StepMedianMs, double CpuMs, double CpuMedianMs, double LossBefore, double LossAfter)
{
    public double TraceCompileMs => TraceMs + CompileMs;
}

/// <summary>The scan_layers-style benchmark: rolled vs unrolled gradient of <see cref="LayerStack"/> for L = 4 … max.</summary>
internal static class GradBench
{
    public const int Width = 16;
    public const int Batch = 8;

    /// <summary>Timed rounds per depth; rolled and unrolled alternate round by round so both see the same machine load.</summary>
    public const int StepRounds = 15;

    /// <summary>Cached calls per round (the round's time is their mean).</summary>
    public const int CallsPerRound = 10;

    public static IReadOnlyList<int> Depths(int max) => [.. new[] { 4, 8, 16, 32, 64, 128, 256, 512, 1024 }.Where(l => l <= max)];

    public static List<GradBenchPoint> Run(int maxLayers, int reps, Action<GradBenchPoint>? progress = null, string? mlirDir = null)
    {
        var rolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => LayerStack.Loss(ws, x), name: "layers_rolled");
        var unrolled = Jit.ValueAndGrad((Tensor ws, Tensor x) => LayerStack.LossUnrolled(ws, x), name: "layers_unrolled");
        Measure(rolled, "rolled", 2, 1); // warm-up: JIT of LoopGen's own code
        Measure(unrolled, "unrolled", 2, 1);
        var points = new List<GradBenchPoint>();
        foreach (int l in Depths(maxLayers))
        {
            var r = Measure(rolled, "rolled", l, reps, mlirDir);
            var u = Measure(unrolled, "unrolled", l, reps, mlirDir);
            var (rs, us, rc, uc) = StepTimes([(rolled, r.Weights), (unrolled, u.Weights)], r.X);
            foreach (var p in new[]
            {
                r.Point with { StepMs = rs[0], StepMedianMs = Median(rs), CpuMs = rc[0], CpuMedianMs = Median(rc) },
                u.Point with { StepMs = us[0], StepMedianMs = Median(us), CpuMs = uc[0], CpuMedianMs = Median(uc) },
            })
            {
                points.Add(p);
                progress?.Invoke(p);
            }
        }
        return points;
    }

    /// <summary>
    /// Per-call step time of two gradient functions, interleaved: each round times <see cref="CallsPerRound"/> cached
    /// calls (gradient read back) of the first, then of the second; returns each one's round means, sorted, in wall-clock
    /// and in thread CPU time.
    /// </summary>
    private static (List<double> First, List<double> Second, List<double> FirstCpu, List<double> SecondCpu) StepTimes((ValueAndGradFunction<Tensor, Tensor> Fn, Tensor W)[] fns, Tensor x)
    {
        var times = fns.Select(_ => new List<double>()).ToArray();
        var cpu = fns.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < StepRounds; round++)
        {
            for (int f = 0; f < fns.Length; f++)
            {
                var clock = Stopwatch.StartNew();
                double cpu0 = ThreadClock.NowMs();
                for (int c = 0; c < CallsPerRound; c++) fns[f].Fn.Invoke(fns[f].W, x).Grad.ToArray<float>();
                cpu[f].Add((ThreadClock.NowMs() - cpu0) / CallsPerRound);
                times[f].Add(clock.Elapsed.TotalMilliseconds / CallsPerRound);
            }
        }
        foreach (var t in times.Concat(cpu)) t.Sort();
        return (times[0], times[1], cpu[0], cpu[1]);
    }

    private static (Tensor Ws, Tensor X) Inputs(int layers)
    {
        var random = new Random(2026);
        float U(double s) => (float)((random.NextDouble() * 2 - 1) * s);
        var ws = Tensor.From(Enumerable.Range(0, layers * Width * Width).Select(_ => U(0.5 / Math.Sqrt(Width * (double)layers))).ToArray(), layers, Width, Width);
        var x = Tensor.From(Enumerable.Range(0, Batch * Width).Select(_ => U(1)).ToArray(), Batch, Width);
        return (ws, x);
    }

    private static (GradBenchPoint Point, Tensor Weights, Tensor X) Measure(ValueAndGradFunction<Tensor, Tensor> fn, string mode, int layers, int reps, string? mlirDir = null)
    {
        var (ws, x) = Inputs(layers);
        var traces = new List<double>();
        var compiles = new List<double>();
        Lowered? lowered = null;
        for (int r = 0; r < reps; r++)
        {
            var clock = Stopwatch.StartNew();
            lowered = fn.Lower(ws, x);
            traces.Add(clock.Elapsed.TotalMilliseconds);
            compiles.Add(lowered.Compile().TotalMilliseconds);
        }
        if (mlirDir is not null) File.WriteAllText(Path.Combine(mlirDir, $"{mode}_{layers}.mlir"), lowered!.Text);
        // A few plain SGD steps: the stack trains (and the first call pays the cached compilation once).
        var (before, _) = fn.Invoke(ws, x);
        var w = ws;
        for (int s = 0; s < 5; s++)
        {
            var (_, g) = fn.Invoke(w, x);
            var gh = g.ToArray<float>();
            var wh = w.ToArray<float>();
            for (int k = 0; k < wh.Length; k++) wh[k] -= 0.5f * gh[k];
            w = Tensor.From(wh, w.Shape.ToArray());
        }
        var (after, _) = fn.Invoke(w, x);
        var point = new GradBenchPoint(layers, mode, lowered!.OpCount, lowered.WhileCount, Median(traces), Median(compiles), 0, 0, 0, 0,
            before.Item<float>(), after.Item<float>());
        return (point, w, x);
    }

    private static double Median(List<double> xs)
    {
        var s = xs.OrderBy(v => v).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    public static string Markdown(IReadOnlyList<GradBenchPoint> points)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| L | mode | ops | whiles | trace+AD ms | compile ms | trace+compile ms | step ms, min / median | loss before → after 5 SGD steps |");
        sb.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in points)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p.Layers} | {p.Mode} | {p.Ops} | {p.Whiles} | {p.TraceMs:F2} | {p.CompileMs:F2} | {p.TraceCompileMs:F2} | {p.StepMs:F3} / {p.StepMedianMs:F3} | {p.LossBefore:F4} → {p.LossAfter:F4} |"));
        }
        return sb.ToString();
    }

    /// <summary>Step time rolled against unrolled per depth: min and median rounds and their ratios (rolled / unrolled), wall-clock and thread CPU.</summary>
    public static string StepMarkdown(IReadOnlyList<GradBenchPoint> points)
    {
        var sb = new StringBuilder();
        string cpu = ThreadClock.IsCpuTime ? "thread CPU" : "wall (no thread clock here)";
        sb.AppendLine($"| L | rolled ms, min / median | unrolled ms, min / median | rolled / unrolled, min / median | {cpu} ms rolled, min / median | {cpu} ms unrolled, min / median | {cpu} rolled / unrolled, min / median |");
        sb.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in points.Where(p => p.Mode == "rolled"))
        {
            var u = points.First(p => p.Mode == "unrolled" && p.Layers == r.Layers);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Layers} | {r.StepMs:F3} / {r.StepMedianMs:F3} | {u.StepMs:F3} / {u.StepMedianMs:F3} | {r.StepMs / u.StepMs:F2} / {r.StepMedianMs / u.StepMedianMs:F2} | "
                + $"{r.CpuMs:F3} / {r.CpuMedianMs:F3} | {u.CpuMs:F3} / {u.CpuMedianMs:F3} | {r.CpuMs / u.CpuMs:F2} / {r.CpuMedianMs / u.CpuMedianMs:F2} |"));
        }
        return sb.ToString();
    }

    public static string Svg(IReadOnlyList<GradBenchPoint> points)
    {
        PlotSeries Series(string mode, Func<GradBenchPoint, double> y, string color, bool dashed) =>
            new(mode, color, dashed, [.. points.Where(p => p.Mode == mode).Select(p => ((double)p.Layers, Math.Max(y(p), 1e-3)))]);
        return SvgPlot.Render(
            "Gradient of L stacked layers: rolled vs unrolled",
            "interpreter backend; trace+AD+compile of the gradient module (left) and its op count (right) against the number of layers L",
            [
                new PlotPanel("trace + compile", "layers L", "ms", [Series("rolled", p => p.TraceCompileMs, "#1f77b4", false), Series("unrolled", p => p.TraceCompileMs, "#d62728", true)]),
                new PlotPanel("ops in the gradient module", "layers L", "ops", [Series("rolled", p => p.Ops, "#1f77b4", false), Series("unrolled", p => p.Ops, "#d62728", true)]),
            ]);
    }
}
