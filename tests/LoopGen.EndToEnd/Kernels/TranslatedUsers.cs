namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// More loops of JAX's tests/lax_control_flow_test.py, PyTorch's test/functorch/test_control_flow.py and PyTorch/XLA's
/// test/test_while_loop.py, written the way a C# user writes them rather than the way the tests spell them:
/// deconstructed state, swaps, tuple configurations, switches, counters in conditions, <c>while (true)</c> with breaks.
/// Each kernel names the test it comes from.
/// </summary>
public static partial class TranslatedUsers
{
    /// <summary>JAX testWhileWithTuple, the state deconstructed at the top of each step.</summary>
    [Compile]
    public static Tensor WhileDeconstructedState(Tensor x, int n)
    {
        var state = (I: 0, Acc: x);
        while (state.I < n)
        {
            var (i, acc) = state;
            state = (i + 1, acc * 0.5f + i);
        }
        return state.Acc;
    }

    /// <summary>JAX testWhileLoopScalarCarry: a float carry against a static float limit.</summary>
    [Compile]
    public static Tensor FloatClock(Tensor x, float limit)
    {
        float t = 0f;
        while (t < limit)
        {
            t += 0.25f;
            x = x * 0.9f + t;
        }
        return x;
    }

    /// <summary>torch while_loop test_while_loop_with_int_output: the step count comes back beside the tensor.</summary>
    [Compile]
    public static (Tensor X, int Steps) GrowUntilLarge(Tensor x)
    {
        x = x * x + 0.1f;
        int steps = 0;
        while (x.Sum() < 10f && steps < 50)
        {
            x = x * 2f;
            steps++;
        }
        return (x, steps);
    }

    /// <summary>JAX testWhileLoopWithScalarState (Euclid): a do-while swapping two int carries, an int result.</summary>
    [Compile]
    public static int Gcd(int a, int b)
    {
        do
        {
            (a, b) = (b, a % b);
        }
        while (b != 0);
        return a;
    }

    /// <summary>JAX while_loop with a data-dependent trip count (Collatz): a ternary on the carried int.</summary>
    [Compile]
    public static int CollatzSteps(int v)
    {
        int steps = 0;
        while (v != 1)
        {
            v = v % 2 == 0 ? v / 2 : 3 * v + 1;
            steps++;
        }
        return steps;
    }

    /// <summary>JAX testFixedPoint (Newton's square root): stop once the step is small, or after 20 steps.</summary>
    [Compile]
    public static Tensor NewtonSqrt(Tensor a)
    {
        var y = a;
        for (int k = 0; k < 20; k++)
        {
            var next = 0.5f * (y + a / y);
            if ((next - y).Abs().Max() < 1e-6f) break;
            y = next;
        }
        return y;
    }

    /// <summary>torch_xla test_while_loop_simple_linear_inside_loop with a decaying learning rate in a tuple configuration.</summary>
    [Compile]
    public static Tensor DecayingSgd(Tensor w, Tensor x, Tensor y, (int Steps, float Lr) opt)
    {
        for (int s = 0; s < opt.Steps; s++)
        {
            var err = Tensor.MatMul(x, w) - y;
            w = w - opt.Lr * Tensor.MatMul(x.T, err);
            opt.Lr *= 0.9f;
        }
        return w;
    }

    /// <summary>JAX testForiLoopWithDynamicBounds over Enumerable.Range, a switch expression on the counter.</summary>
    [Compile]
    public static Tensor RangeWithPhases(Tensor x, int start, int count)
    {
        foreach (var i in Enumerable.Range(start, count))
        {
            x = (i % 3) switch
            {
                0 => x + 1f,
                1 or -1 => x * 0.5f,
                _ => x - 0.25f,
            };
        }
        return x;
    }

    /// <summary>torch_xla test_while_loop_tensor_counter: the step capped with Math.Min.</summary>
    [Compile]
    public static Tensor CappedStep(Tensor x, int n, int cap)
    {
        for (int i = 0; i < n; i++) x = x + Math.Min(i, cap) * 0.5f;
        return x;
    }

    /// <summary>JAX testForiLoopBasic with a long carry kept small by a modulus.</summary>
    [Compile]
    public static Tensor ModularPower(Tensor x, int n)
    {
        long acc = 1;
        for (int i = 0; i < n; i++) acc = acc * 3 % 1000003;
        return x + acc;
    }

    /// <summary>JAX testSwitch inside fori_loop: a switch statement counting into three int carries, a tuple result.</summary>
    [Compile]
    public static (Tensor X, int Total) CountPhases(Tensor x, int n)
    {
        int a = 0, b = 0, c = 0;
        for (int i = 0; i < n; i++)
        {
            switch (i % 3)
            {
                case 0:
                    a++;
                    break;
                case 1:
                    b += 2;
                    break;
                default:
                    c--;
                    x = x * 0.5f;
                    break;
            }
        }
        return (x + a, a + b + c);
    }

    /// <summary>torch while_loop with a skipped step: continue after a deconstructed window.</summary>
    [Compile]
    public static Tensor SkipLowerHalf(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            i++;
            var (lo, hi) = (i, n - i);
            if (lo > hi) continue;
            x = x + lo;
        }
        return x;
    }

    /// <summary>JAX testScanRnn's decay (an exponential moving average over rows), the weight clamped by the step.</summary>
    [Compile]
    public static Tensor MovingAverage(Tensor xs, float decay)
    {
        var avg = Tensor.ZerosLike(xs[0]);
        int step = 0;
        foreach (var row in xs)
        {
            step++;
            float w = Math.Clamp(decay * step, 0f, 0.9f);
            avg = avg * w + row * (1f - w);
        }
        return avg;
    }

    /// <summary>torch test_while_loop_nested: an inner while with a break on the data inside a counted loop.</summary>
    [Compile]
    public static Tensor NestedBreakOnData(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int k = 0;
            while (k < 4)
            {
                if (x.Sum() > 3f) break;
                x = x + 0.5f;
                k++;
            }
            x = x * 0.75f;
        }
        return x;
    }

    /// <summary>
    /// JAX testWhileLoop as a do-while whose counter moves at the end of the body (the same loop written with the
    /// step in its condition, <c>while (++i &lt; n)</c>, is in <see cref="ConditionSteps"/>).
    /// </summary>
    [Compile]
    public static Tensor CounterAfterBody(Tensor x, int n)
    {
        int i = 0;
        do
        {
            x = x * 0.5f + 1f;
            i++;
        }
        while (i < n);
        return x;
    }

    /// <summary>JAX testForiLoopTupleState with two counters converging from both ends.</summary>
    [Compile]
    public static Tensor Converging(Tensor x, int n)
    {
        for (int i = 0, j = n; i < j; i++, j--) x = x + (j - i);
        return x;
    }

    /// <summary>torch while_loop test_while_loop_simple with while (true) and the exit written as a break.</summary>
    [Compile]
    public static Tensor WhileTrueBreak(Tensor x, int n)
    {
        int i = 0;
        while (true)
        {
            if (i >= n) break;
            x = x * 0.5f;
            i++;
        }
        return x;
    }

    /// <summary>JAX testScanStackedOutputs: the carry and a stacked output per step, the carry swapped with a tensor pair.</summary>
    [Compile]
    public static Tensor ScanWithSwap(Tensor xs)
    {
        var ys = new List<Tensor>();
        Tensor a = Tensor.ZerosLike(xs[0]), b = Tensor.OnesLike(xs[0]);
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            (a, b) = (b, a + xs[i]);
            ys.Add(a * b);
        }
        return Tensor.Stack(ys) + a;
    }

    /// <summary>torch_xla test_fori_loop with the body's constants in a local array indexed by the counter.</summary>
    [Compile]
    public static Tensor CyclicWeights(Tensor x, int n)
    {
        float[] weights = [0.5f, 2f, 1.5f];
        for (int i = 0; i < n; i++) x = x * weights[i % 3] - 0.25f;
        return x;
    }

    /// <summary>JAX testWhileLoopBatched: a guard on a switch arm reads the carried tensor.</summary>
    [Compile]
    public static Tensor GuardOnData(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            switch (i % 2)
            {
                case 0 when x.Sum() > 0f:
                    x = x - 1f;
                    break;
                case 0:
                    x = x + 2f;
                    break;
                default:
                    x = x * 0.5f;
                    break;
            }
        }
        return x;
    }
}
