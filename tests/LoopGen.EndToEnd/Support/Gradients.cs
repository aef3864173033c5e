namespace LoopGen.EndToEnd.Support;

/// <summary>Gradients through the lifted loops checked against central finite differences of the eager method, in f64.</summary>
internal static class Gradients
{
    /// <summary>The central finite differences of <paramref name="f"/> at <paramref name="input"/>, one per element.</summary>
    public static double[] FiniteDifferences(Func<Tensor, double> f, Tensor input, double h = 1e-6)
    {
        var values = input.ToArray<double>();
        var result = new double[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            double At(double d)
            {
                var copy = (double[])values.Clone();
                copy[j] += d;
                return f(Tensor.From(copy, input.Shape.ToArray()));
            }
            result[j] = (At(h) - At(-h)) / (2 * h);
        }
        return result;
    }

    /// <summary>A float64 tensor of the given shape with values in [-1, 1).</summary>
    public static Tensor RandomF64(Random r, params int[] shape) =>
        Tensor.From([.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => r.NextDouble() * 2 - 1)], shape);

    /// <summary>Asserts the gradient equals the finite differences to 1e-6 relative, naming the element and the seed.</summary>
    public static void Matches(double[] expected, Tensor gradient, int seed)
    {
        var got = gradient.ToArray<double>();
        Assert.Equal(expected.Length, got.Length);
        for (int j = 0; j < got.Length; j++)
        {
            Assert.True(Math.Abs(got[j] - expected[j]) <= 1e-6 * (1 + Math.Abs(expected[j])), $"[{j}]: gradient {got[j]:R}, finite differences {expected[j]:R} (seed {seed})");
        }
    }
}
