namespace LoopGen.EndToEnd.Kernels;

/// <summary><c>while</c> and <c>do … while</c>, on tensor and counter conditions.</summary>
public static partial class WhileLoops
{
    [Compile]
    public static Tensor HalveUntil(Tensor x, Tensor limit)
    {
        while (x.Sum() > limit) x = x * 0.5f;
        return x;
    }

    [Compile]
    public static Tensor DoWhile(Tensor x, int n)
    {
        int i = 0;
        do
        {
            x = x + 1f;
            i++;
        }
        while (i < n);
        return x;
    }

    [Compile]
    public static Tensor WhileCounter(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            x = x * 1.1f;
            i += 1;
        }
        return x;
    }
}
