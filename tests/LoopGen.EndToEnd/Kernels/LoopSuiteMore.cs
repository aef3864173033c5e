namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// More of the same translations (see <see cref="LoopSuite"/>): JAX's tests/lax_control_flow_test.py (jax-ml/jax),
/// PyTorch's test/functorch/test_control_flow.py (pytorch/pytorch) and PyTorch/XLA's test/test_fori_loop*.py
/// (pytorch/xla), in the forms a C# user reaches for first.
/// </summary>
public static partial class LoopSuiteMore
{
    /// <summary>JAX x.at[i].set(...) in a fori_loop (testForiLoopDictState's update): SetAt at the counter.</summary>
    [Compile]
    public static Tensor SetAtCounter(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x.SetAt(i, x[i] * 2f + i);
        return x;
    }

    /// <summary>JAX testWhileLoop returning the first index passing a test: an early return of an int.</summary>
    [Compile]
    public static int FirstIndexAbove(Tensor xs, float threshold)
    {
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            if (xs[i].Sum() > threshold) return i;
        }
        return -1;
    }

    /// <summary>torch scan test_scan_reverse written with a pre-decrement and the counter compared with >= 0.</summary>
    [Compile]
    public static Tensor PreDecrementReverse(Tensor xs)
    {
        var acc = Tensor.ZerosLike(xs[0]);
        for (int i = xs.Shape[0] - 1; i >= 0; --i) acc = acc * 0.5f + xs[i] * i;
        return acc;
    }

    /// <summary>torch_xla fori_loop with a step that is a parameter: a for whose increment is not a constant.</summary>
    [Compile]
    public static Tensor ParameterStep(Tensor x, int n, int step)
    {
        for (int i = 0; i < n; i += step) x = x + i;
        return x;
    }

    /// <summary>for (;;) with the exit a break on the counter and another on the data.</summary>
    [Compile]
    public static (Tensor X, int I) ForeverWithBreaks(Tensor x, int n)
    {
        int i = 0;
        for (;;)
        {
            if (i >= n) break;
            x = x * 1.2f + 0.3f;
            if (x.Max() > 5f) break;
            i += 1;
        }
        return (x, i);
    }

    /// <summary>Nested foreach: over the rows of a matrix and over the elements of each row.</summary>
    [Compile]
    public static Tensor ForeachElements(Tensor xs)
    {
        var acc = Tensor.Scalar(0f);
        foreach (var row in xs)
        {
            foreach (var e in row) acc = acc * 0.5f + e;
        }
        return acc;
    }

    /// <summary>JAX testWhileWithClosure: the condition a helper returning a Tensor.</summary>
    [Compile]
    public static Tensor HelperCondition(Tensor x, Tensor limit)
    {
        int i = 0;
        while (Below(x, limit) & (i < 10))
        {
            x = x * 1.5f + 0.25f;
            i++;
        }
        return x;
    }

    private static Tensor Below(Tensor x, Tensor limit) => x.Sum() < limit;

    /// <summary>Two loops in a row, the second starting from the first's result and count.</summary>
    [Compile]
    public static (Tensor X, int Count) TwoLoopsInARow(Tensor x, int n)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            x = x + 1f;
            count += 2;
        }
        while (count > 0)
        {
            x = x * 0.75f;
            count -= 3;
        }
        return (x, count);
    }

    /// <summary>torch while_loop with a mask: Tensor.Where in the body picks per element.</summary>
    [Compile]
    public static Tensor WhereInLoop(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Tensor.Where(x > 0f, x - 0.5f, x * -2f);
        return x;
    }

    /// <summary>A switch statement with or-patterns on the counter, and a continue in one section.</summary>
    [Compile]
    public static Tensor SwitchOrPatterns(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            switch (i % 5)
            {
                case 0 or 1:
                    x = x + 1f;
                    break;
                case 2:
                    continue;
                default:
                    x = x * 0.5f;
                    break;
            }
            x = x - 0.1f;
        }
        return x;
    }

    /// <summary>Returns after the loop from two branches on a C# parameter.</summary>
    [Compile]
    public static Tensor BranchesAfterLoop(Tensor x, int n, bool square)
    {
        for (int i = 0; i < n; i++) x = x * 0.9f + 0.1f;
        if (square) return x * x;
        return x - 1f;
    }

    /// <summary>A bool result: whether the loop found a row above the threshold (the flag carried).</summary>
    [Compile]
    public static bool AnyRowAbove(Tensor xs, float threshold)
    {
        bool found = false;
        foreach (var row in xs)
        {
            if (row.Max() > threshold) found = true;
        }
        return found;
    }

    /// <summary>Integer carries only: integer division and remainder with negative values, Math.Max on them.</summary>
    [Compile]
    public static (int A, int B) IntArithmetic(int a, int n)
    {
        int b = 0;
        for (int i = 0; i < n; i++)
        {
            a = a / 2 - 3;
            b = Math.Max(b, a % 4) + i;
        }
        return (a, b);
    }

    /// <summary>A reverse scan over Enumerable.Range(...).Reverse() (a C# sequence).</summary>
    [Compile]
    public static Tensor RangeReversed(Tensor xs)
    {
        var acc = Tensor.ZerosLike(xs[0]);
        foreach (var i in Enumerable.Range(0, xs.Shape[0]).Reverse()) acc = acc * 0.5f + xs[i];
        return acc;
    }

    /// <summary>A while whose condition is a ternary of C# and traced tests.</summary>
    [Compile]
    public static Tensor TernaryCondition(Tensor x, int n, bool byData)
    {
        int i = 0;
        while (byData ? x.Sum() < 6f & i < 20 : i < n)
        {
            x = x + 0.5f;
            i++;
        }
        return x;
    }

    /// <summary>JAX testScan reverse with an early exit: the last row with a positive sum, searched from the end (a while over the reversed range).</summary>
    [Compile]
    public static int LastPositiveRow(Tensor xs)
    {
        foreach (var i in Enumerable.Range(0, xs.Shape[0]).Reverse())
        {
            if (xs[i].Sum() > 0f) return i;
        }
        return -1;
    }
}
