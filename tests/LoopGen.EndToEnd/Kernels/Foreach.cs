namespace LoopGen.EndToEnd.Kernels;

/// <summary><c>foreach</c> over a tensor's first axis.</summary>
public static partial class Foreach
{
    [Compile]
    public static Tensor SumRows(Tensor xs)
    {
        var total = Tensor.ZerosLike(xs[0]);
        foreach (var row in xs) total = total + row;
        return total;
    }

    [Compile]
    public static Tensor RunningMax(Tensor xs)
    {
        var best = xs[0];
        foreach (var row in xs) best = Tensor.Maximum(best, row);
        return best;
    }
}
