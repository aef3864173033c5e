using System.Diagnostics;

namespace LoopGen.Samples.Training;

/// <summary>
/// Trains <see cref="SineModel"/> with Adam written in plain C# over host arrays: each step calls the compiled
/// gradient (traced, differentiated and compiled once), then updates the parameters on the host.
/// </summary>
internal static class Trainer
{
    /// <summary>The loss the run must fall below to count as converged.</summary>
    public const double Threshold = 0.01;

    /// <summary>The parameters, in <see cref="SineModel.Loss"/>'s order.</summary>
    public readonly record struct Parameters(Tensor W, Tensor U, Tensor B, Tensor V)
    {
        public Tensor[] ToArray() => [W, U, B, V];
    }

    /// <summary>One run's outcome.</summary>
    /// <param name="Losses">The loss before each step.</param>
    /// <param name="Final">The parameters after the last step.</param>
    /// <param name="Elapsed">Wall time of the whole run, first trace and compile included.</param>
    public sealed record Run(IReadOnlyList<double> Losses, Parameters Final, TimeSpan Elapsed);

    /// <summary>The gradient of the loss with respect to the parameters (the loss's value too).</summary>
    public static readonly ValueAndGradFunction<(Tensor W, Tensor U, Tensor B, Tensor V), Tensor> Step =
        Jit.ValueAndGrad(((Tensor W, Tensor U, Tensor B, Tensor V) p, Tensor data) => SineModel.Loss(p.W, p.U, p.B, p.V, data), name: "sine_rnn_loss");

    /// <summary>Small random initial parameters (fixed seed).</summary>
    public static Parameters Init(int hidden, int seed = 7)
    {
        var random = new Random(seed);
        Tensor Uniform(double scale, params int[] shape) =>
            Tensor.From(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray(), shape);
        return new Parameters(Uniform(0.3, hidden, hidden), Uniform(0.8, hidden), Uniform(0.1, hidden), Uniform(0.5, hidden));
    }

    /// <summary>Runs <paramref name="epochs"/> full-batch Adam steps; <paramref name="progress"/> sees (epoch, loss).</summary>
    public static Run Train(Tensor data, Parameters init, int epochs, double learningRate, Action<int, double>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var p = init.ToArray().Select(t => t.ToArray<float>()).ToArray();
        var shapes = init.ToArray().Select(t => t.Shape.ToArray()).ToArray();
        var m = p.Select(a => new float[a.Length]).ToArray();
        var v = p.Select(a => new float[a.Length]).ToArray();
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var losses = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var tensors = p.Select((a, i) => Tensor.From(a, shapes[i])).ToArray();
            var (loss, (gw, gu, gb, gv)) = Step.Invoke((tensors[0], tensors[1], tensors[2], tensors[3]), data);
            double value = loss.Item<float>();
            losses.Add(value);
            progress?.Invoke(epoch, value);
            var grads = new[] { gw, gu, gb, gv }.Select(g => g.ToArray<float>()).ToArray();
            double c1 = 1 - Math.Pow(beta1, epoch), c2 = 1 - Math.Pow(beta2, epoch);
            for (int i = 0; i < p.Length; i++)
            {
                for (int k = 0; k < p[i].Length; k++)
                {
                    double g = grads[i][k];
                    m[i][k] = (float)((beta1 * m[i][k]) + ((1 - beta1) * g));
                    v[i][k] = (float)((beta2 * v[i][k]) + ((1 - beta2) * g * g));
                    p[i][k] -= (float)(learningRate * (m[i][k] / c1) / (Math.Sqrt(v[i][k] / c2) + eps));
                }
            }
        }
        var final = p.Select((a, i) => Tensor.From(a, shapes[i])).ToArray();
        return new Run(losses, new Parameters(final[0], final[1], final[2], final[3]), clock.Elapsed);
    }

    /// <summary>
    /// The eager path at <paramref name="p"/>: the plain method's loss, and central differences of it (in f64) for a few
    /// parameters, against the compiled gradient evaluated in f64 too. Returns the worst relative differences.
    /// </summary>
    public static (double LossDifference, double GradientDifference) CheckAgainstEager(Parameters p, Tensor data, int probes = 6)
    {
        var compiled = Step.Invoke((p.W, p.U, p.B, p.V), data).Value.Item<float>();
        var eager = SineModel.LossEager(p.W, p.U, p.B, p.V, data).Item<float>();
        double lossDiff = Math.Abs(compiled - eager) / Math.Max(1e-12, Math.Abs(eager));

        var p64 = p.ToArray().Select(t => t.Cast(DType.F64)).ToArray();
        var data64 = data.Cast(DType.F64);
        var (_, grads) = Step.Invoke((p64[0], p64[1], p64[2], p64[3]), data64);
        var g = new[] { grads.Item1, grads.Item2, grads.Item3, grads.Item4 };
        var random = new Random(3);
        double worst = 0;
        for (int probe = 0; probe < probes; probe++)
        {
            int i = random.Next(4);
            var values = p64[i].ToArray<double>();
            int k = random.Next(values.Length);
            double Eval(double x)
            {
                var copy = (double[])values.Clone();
                copy[k] = x;
                var args = p64.Select((t, j) => j == i ? Tensor.From(copy, t.Shape.ToArray()) : t).ToArray();
                return SineModel.LossEager(args[0], args[1], args[2], args[3], data64).Item<double>();
            }
            const double h = 1e-6;
            double fd = (Eval(values[k] + h) - Eval(values[k] - h)) / (2 * h);
            double got = g[i].ToArray<double>()[k];
            worst = Math.Max(worst, Math.Abs(got - fd) / (1e-3 + Math.Abs(fd)));
        }
        return (lossDiff, worst);
    }
}
