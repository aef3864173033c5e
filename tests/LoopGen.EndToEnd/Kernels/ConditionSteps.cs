namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loops whose condition steps a counter, <c>while (++i &lt; n)</c>, as users write JAX's fori_loop and PyTorch's
/// while_loop tests in C#: the step happens once per test of the condition, the last, false one included, so the
/// counter's value after the loop is part of each result.
/// </summary>
public static partial class ConditionSteps
{
    /// <summary>JAX testWhileWithClosure written with a pre-incremented counter: the loop runs n - 1 times, i ends at max(n, 1).</summary>
    [Compile]
    public static (Tensor X, int I) PreIncrementWhile(Tensor x, int n)
    {
        int i = 0;
        while (++i < n) x = x * 0.5f + i;
        return (x, i);
    }

    /// <summary>torch_xla fori_loop as a do-while whose condition steps the counter.</summary>
    [Compile]
    public static (Tensor X, int I) PreIncrementDo(Tensor x, int n)
    {
        int i = 0;
        do
        {
            x = x * 0.5f + 1f;
        }
        while (++i < n);
        return (x, i);
    }

    /// <summary>A post-increment in the condition and a break on the data: a break skips the step.</summary>
    [Compile]
    public static (Tensor X, int I) PostIncrementBreak(Tensor x, int n)
    {
        int i = 0;
        while (i++ < n)
        {
            if (x.Sum() > 2f) break;
            x = x + 0.75f;
        }
        return (x, i);
    }

    /// <summary>A pre-decrement that counts down, a continue that skips odd steps (it still tests, so it still steps).</summary>
    [Compile]
    public static (Tensor X, long K) CountDownContinue(Tensor x, long k)
    {
        while (--k > 0)
        {
            if (k % 2 == 1) continue;
            x = x + k;
        }
        return (x, k);
    }

    /// <summary>A do-while whose post-decrement is read after the step in the same condition.</summary>
    [Compile]
    public static (Tensor X, int Left) PostDecrementDo(Tensor x, int left)
    {
        do
        {
            x = x * 0.9f + left;
        }
        while (left-- > 0 && left % 5 != 3);
        return (x, left);
    }

    /// <summary>A for loop with no counter of its own, the step in its condition beside an incrementor.</summary>
    [Compile]
    public static (Tensor X, int I, int J) ForStepsInCondition(Tensor x, int n)
    {
        int i = 0, j = 0;
        for (; ++i < n; j += 2) x = x + (i - j);
        return (x, i, j);
    }

    /// <summary>A for loop whose counter lives after it, left by a break: the incrementor must not run after the break.</summary>
    [Compile]
    public static (Tensor X, int I) CounterAfterBreak(Tensor x, int n)
    {
        int i;
        for (i = 0; i < n; i++)
        {
            if (x.Sum() > 3f) break;
            x = x + 1f;
        }
        return (x, i);
    }

    /// <summary>The pre-incremented while with a tensor result only (for gradients: the counter scales the result).</summary>
    [Compile]
    public static Tensor PreIncrementScaled(Tensor x, int n)
    {
        int i = 0;
        while (++i < n) x = x * 0.5f + x * x * 0.25f;
        return x * i;
    }
}
