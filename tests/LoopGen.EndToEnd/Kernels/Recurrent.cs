namespace LoopGen.EndToEnd.Kernels;

/// <summary>A recurrent model's loss with a plain <c>foreach</c> over time steps: what a user differentiates with Jit.ValueAndGrad.</summary>
public static partial class Recurrent
{
    /// <summary>Mean squared error of a one-layer tanh RNN reading (x, y) pairs: h = tanh(W h + u x), prediction v·h.</summary>
    [Compile]
    public static Tensor Loss(Tensor w, Tensor u, Tensor v, Tensor data)
    {
        var h = Tensor.ZerosLike(u);
        var loss = Tensor.ZerosLike(data[0, 0]);
        foreach (var step in data)
        {
            h = (Tensor.MatMul(w, h) + u * step[0]).Tanh();
            var error = Tensor.Dot(v, h) - step[1];
            loss = loss + error * error;
        }
        return loss / data.Shape[0];
    }
}
