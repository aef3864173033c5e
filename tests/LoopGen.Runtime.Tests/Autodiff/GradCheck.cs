using Xunit.Abstractions;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// Checks gradients against central finite differences of the compiled forward function, in f64 on fresh random
/// inputs. The seed is printed (test output) so a failure can be replayed: set LOOPGEN_GRAD_SEED to it.
/// </summary>
internal sealed class GradCheck
{
    private readonly ITestOutputHelper _output;
    private readonly Random _random;

    public GradCheck(ITestOutputHelper output)
    {
        _output = output;
        Seed = int.TryParse(Environment.GetEnvironmentVariable("LOOPGEN_GRAD_SEED"), out var s) ? s : Random.Shared.Next();
        _random = new Random(Seed);
        output.WriteLine($"gradient check seed: {Seed}");
    }

    public int Seed { get; }

    public double[] Doubles(int n, double lo = -2, double hi = 2)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++) a[i] = lo + _random.NextDouble() * (hi - lo);
        return a;
    }

    public Tensor Uniform(double lo, double hi, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return LoopGen.Tensor.From(Doubles(n, lo, hi), shape);
    }

    public Tensor Tensor(params int[] shape) => Uniform(-2, 2, shape);

    /// <summary>Central differences of <paramref name="loss"/> with respect to every element of every input.</summary>
    public static double[][] FiniteDifferences(Func<Tensor[], Tensor> loss, Tensor[] inputs, double h = 1e-5)
    {
        var f = Jit.Compile((Tensor[] p) => loss(p), "fd_forward");
        var values = inputs.Select(t => t.ToArray<double>()).ToArray();
        var result = new double[inputs.Length][];
        for (int i = 0; i < inputs.Length; i++)
        {
            result[i] = new double[values[i].Length];
            for (int j = 0; j < values[i].Length; j++)
            {
                double x = values[i][j];
                double step = h * Math.Max(1, Math.Abs(x));
                double Eval(double v)
                {
                    var copy = (double[])values[i].Clone();
                    copy[j] = v;
                    var args = inputs.Select((t, k) => k == i ? LoopGen.Tensor.From(copy, t.Shape.ToArray()) : t).ToArray();
                    return f.Invoke(args).Item<double>();
                }
                result[i][j] = (Eval(x + step) - Eval(x - step)) / (2 * step);
            }
        }
        return result;
    }

    /// <summary>Asserts that Jit.Grad of <paramref name="loss"/> matches finite differences; returns the gradient.</summary>
    public Tensor[] Check(string what, Func<Tensor[], Tensor> loss, Tensor[] inputs, double tolerance = 1e-6, GradOptions? options = null, double h = 1e-5)
    {
        var grad = Jit.Grad((Tensor[] p) => loss(p), options, what.Replace(' ', '_'));
        var g = grad.Invoke(inputs);
        Assert.Equal(inputs.Length, g.Length);
        var fd = FiniteDifferences(loss, inputs, h);
        double worst = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i].Shape, g[i].Shape);
            Assert.Equal(inputs[i].DType, g[i].DType);
            var got = g[i].ToArray<double>();
            for (int j = 0; j < got.Length; j++)
            {
                double err = Math.Abs(got[j] - fd[i][j]) / (1 + Math.Abs(fd[i][j]));
                worst = Math.Max(worst, err);
                Assert.True(err <= tolerance,
                    $"{what}: d/d input{i}[{j}] = {got[j]:R} but finite differences give {fd[i][j]:R} (seed {Seed})");
            }
        }
        _output.WriteLine($"{what}: max relative error vs finite differences {worst:E2}");
        return g;
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance = 1e-9, string what = "")
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * (1 + Math.Abs(e[i])), $"{what}[{i}]: expected {e[i]:R}, got {a[i]:R}");
        }
    }
}
