namespace LoopGen.EndToEnd.Kernels;

/// <summary>Per-iteration outputs collected in a list, then stacked or concatenated.</summary>
public static partial class Collect
{
    [Compile]
    public static Tensor StackOutputs(Tensor x, int n)
    {
        var ys = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {
            x = x * 2f;
            ys.Add(x);
        }
        return Tensor.Stack(ys);
    }

    [Compile]
    public static Tensor ConcatOutputs(Tensor x, int n)
    {
        var ys = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {
            ys.Add(x + i);
        }
        return Tensor.Concat(ys, 0);
    }

    /// <summary>What the LG0006 code fix writes for a carry grown by concatenation: the pieces collected, joined after the initial value.</summary>
    [Compile]
    public static Tensor GrowByCollecting(Tensor x, int n)
    {
        var acc = x * 0.5f;
        var accParts = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {
            accParts.Add(x + i);
        }
        acc = Tensor.Concat([acc, .. accParts], 0);
        return acc;
    }
}
