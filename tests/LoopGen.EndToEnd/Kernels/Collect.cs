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
}
