namespace LoopGen.Samples.Training;

/// <summary>
/// PyTorch/XLA's <c>scan_layers</c> case: L identical layers whose weights are stacked along a leading axis, applied
/// with a <c>foreach</c> over that axis. Rolled, the gradient module has one forward and one backward loop whatever
/// L is; the unrolled control group repeats the layer (and its gradient) L times.
/// </summary>
internal static partial class LayerStack
{
    /// <summary>A residual tanh layer per row of <paramref name="ws"/> ([L, D, D]), then the mean square of the result.</summary>
    [Compile]
    public static Tensor Loss(Tensor ws, Tensor x)
    {
        var h = x;
        foreach (var w in ws) h = h + Tensor.MatMul(h, w).Tanh();
        return (h * h).Mean();
    }

    /// <summary><see cref="Loss"/> traced as written: the control group (one copy of the layer per row).</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor LossUnrolled(Tensor ws, Tensor x)
    {
        var h = x;
        foreach (var w in ws) h = h + Tensor.MatMul(h, w).Tanh();
        return (h * h).Mean();
    }
}
