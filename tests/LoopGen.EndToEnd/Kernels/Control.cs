namespace LoopGen.EndToEnd.Kernels;

/// <summary>Control flow inside a loop body: <c>if</c>/<c>else</c> on a traced condition, <c>break</c>, <c>continue</c>.</summary>
public static partial class Control
{
    [Compile]
    public static Tensor IfElse(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (x.Sum() > 0f) x = x - 1f;
            else x = x + 2f;
        }
        return x;
    }

    [Compile]
    public static Tensor BreakEarly(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x * 1.5f;
            if (x.Max() > 10f) break;
        }
        return x;
    }

    [Compile]
    public static Tensor ContinueOdd(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (i % 2 == 0) continue;
            x = x + i;
        }
        return x;
    }
}
