namespace LoopGen.Samples.Training;

/// <summary>
/// A small recurrent model that learns to predict the next value of a sine wave: h = tanh(h·W + x·u + b), prediction
/// h·v. Its loss is a plain <c>[Compile]</c> method with a <c>foreach</c> over time steps, which the generator lifts
/// into one rolled loop and <c>Jit.ValueAndGrad</c> differentiates into one forward and one backward rolled loop.
/// </summary>
internal static partial class SineModel
{
    /// <summary>Mean squared error of the one-step-ahead prediction over a batch of sequences.</summary>
    /// <param name="w">Recurrent weights, [H, H].</param>
    /// <param name="u">Input weights, [H].</param>
    /// <param name="b">Bias, [H].</param>
    /// <param name="v">Readout, [H].</param>
    /// <param name="data">[T, 2, B]: per time step the inputs (row 0) and the targets (row 1) of B sequences.</param>
    [Compile]
    public static Tensor Loss(Tensor w, Tensor u, Tensor b, Tensor v, Tensor data)
    {
        var h = Tensor.Zeros(w.DType, data.Shape[2], w.Shape[0]);
        var total = Tensor.ZerosLike(data[0, 0, 0]);
        foreach (var step in data)
        {
            h = (Tensor.MatMul(h, w) + Tensor.Outer(step[0], u) + b).Tanh();
            var error = Tensor.MatMul(h, v) - step[1];
            total = total + (error * error).Sum();
        }
        return total / (data.Shape[0] * data.Shape[2]);
    }

    /// <summary>
    /// B sine waves of different phases and frequencies, T steps each, as <see cref="Loss"/>'s data: inputs x_t and
    /// targets x_{t+1}. Made in the program from a fixed seed.
    /// </summary>
    public static Tensor Data(int steps, int batch, DType dtype, int seed = 12)
    {
        var random = new Random(seed);
        var values = new double[steps * 2 * batch];
        for (int s = 0; s < batch; s++)
        {
            double phase = random.NextDouble() * 2 * Math.PI;
            double frequency = 0.25 + 0.15 * random.NextDouble();
            for (int t = 0; t < steps; t++)
            {
                values[(t * 2 * batch) + s] = Math.Sin((frequency * t) + phase);
                values[(t * 2 * batch) + batch + s] = Math.Sin((frequency * (t + 1)) + phase);
            }
        }
        var data = Tensor.From(values, steps, 2, batch);
        return dtype == DType.F64 ? data : data.Cast(dtype);
    }
}
