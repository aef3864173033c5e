namespace LoopGen.EndToEnd.Kernels;

/// <summary><c>for</c> loops: each counter form and condition, bounds from literals, consts, parameters and tensors.</summary>
public static partial class ForLoops
{
    private const int Steps = 5;

    [Compile]
    public static Tensor CumulativeAdd(Tensor init, int n)
    {
        var acc = init;
        for (int i = 0; i < n; i++) acc = acc + i;
        return acc;
    }

    [Compile]
    public static Tensor LessEqual(Tensor x, int n)
    {
        for (int i = 1; i <= n; i++) x = x * 0.9f + i;
        return x;
    }

    [Compile]
    public static Tensor CountDown(Tensor x, int n)
    {
        for (int i = n; i > 0; i--) x = x + i * 0.5f;
        return x;
    }

    [Compile]
    public static Tensor CountDownByTwo(Tensor x, int n)
    {
        for (int i = n; i >= 0; i -= 2) x = x - i;
        return x;
    }

    [Compile]
    public static Tensor StepByThree(Tensor x, int n)
    {
        for (int i = 0; i != n * 3; i += 3) x = x * 1.01f + 1f;
        return x;
    }

    [Compile]
    public static Tensor TwoCounters(Tensor x, int n)
    {
        for (int i = 0, j = n; i < j; i++, j--) x = x + (j - i);
        return x;
    }

    [Compile]
    public static Tensor ConstBound(Tensor x)
    {
        for (int i = 0; i < Steps; i++) x = x * 0.5f + 1f;
        return x;
    }

    [Compile]
    public static Tensor LiteralBound(Tensor x)
    {
        for (int i = 0; i < 4; i++) x = Tensor.Tanh(x) + i;
        return x;
    }

    [Compile]
    public static Tensor TensorBound(Tensor x, Tensor count)
    {
        for (int i = 0; i < count; i++) x = x + 2f;
        return x;
    }

    [Compile]
    public static Tensor DynamicBound(Tensor x, [Dynamic] int n)
    {
        for (int i = 0; i < n; i++) x = x * 1.5f;
        return x;
    }
}
