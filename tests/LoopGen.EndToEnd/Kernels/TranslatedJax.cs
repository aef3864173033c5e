namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loops translated from JAX's tests/lax_control_flow_test.py (fori_loop, while_loop, scan, map), written as a C# user
/// writes them: plain for / while / foreach over tensors. Each kernel names the test it translates.
/// </summary>
public static partial class TranslatedJax
{
    /// <summary>testForiLoopBasic: the sum of the counter, carried as a C# int.</summary>
    [Compile]
    public static Tensor ForiCount(Tensor x, int n)
    {
        int total = 0;
        for (int i = 0; i < n; i++) total += i;
        return x + total;
    }

    /// <summary>testForiLoopTupleState: a named tuple of two tensors updated together.</summary>
    [Compile]
    public static Tensor ForiTupleState(Tensor x, int n)
    {
        var state = (X: x, Y: x * 2f);
        for (int i = 0; i < n; i++) state = (state.X + 1f, state.Y + state.X);
        return state.Y;
    }

    /// <summary>testForiLoopTupleState, with the counter part of the state as in JAX's (i, x) tuples.</summary>
    [Compile]
    public static Tensor ForiTupleWithInt(Tensor x, int n)
    {
        (int Step, Tensor Value) state = (0, x);
        for (int i = 0; i < n; i++) state = (state.Step + 1, state.Value * 0.9f + state.Step);
        return state.Value;
    }

    /// <summary>testForiLoopDictState: several named carries (a dict in JAX) written in one body.</summary>
    [Compile]
    public static Tensor ForiDictState(Tensor x, int n)
    {
        Tensor a = x, b = x * 0.5f, c = x - 1f;
        for (int i = 0; i < n; i++)
        {
            a = a + b;
            b = b * 0.5f;
            c = c - a * 0.1f;
        }
        return a + b + c;
    }

    /// <summary>testNestedForiLoop: a fori inside a fori, the inner bound the outer counter.</summary>
    [Compile]
    public static Tensor NestedFori(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++) x = x + (i * j) * 0.1f;
        }
        return x;
    }

    /// <summary>testForiLoopClosure: the body reads arrays from the enclosing scope.</summary>
    [Compile]
    public static Tensor ForiClosure(Tensor x, Tensor w, Tensor b, int n)
    {
        for (int i = 0; i < n; i++) x = Tensor.Tanh(x * w + b);
        return x;
    }

    /// <summary>testForiLoopEmpty / negative trip count: lower above upper runs no iteration.</summary>
    [Compile]
    public static Tensor ForiNegativeTrip(Tensor x, int upper)
    {
        for (int i = 5; i < upper; i++) x = x * 2f + i;
        return x;
    }

    /// <summary>testForiLoopDynamicBounds (batched bounds in JAX): both bounds are arguments.</summary>
    [Compile]
    public static Tensor ForiDynamicBounds(Tensor x, int lower, int upper)
    {
        for (int i = lower; i < upper; i++) x = x + i;
        return x;
    }

    /// <summary>testForiLoopScalarLimits: a float carry computed from the counter.</summary>
    [Compile]
    public static float ForiFloatCarry(float start, int n)
    {
        float acc = start;
        for (int i = 1; i <= n; i++) acc = acc * 0.5f + 1f / i;
        return acc;
    }

    /// <summary>testWhileLoop (count to a bound): the counter is the state.</summary>
    [Compile]
    public static Tensor WhileCount(Tensor x, int limit)
    {
        int i = 0;
        while (i < limit)
        {
            i++;
            x = x + 1f;
        }
        return x;
    }

    /// <summary>testWhileWithTuple: a tuple state (i, x) tested and updated through its elements.</summary>
    [Compile]
    public static Tensor WhileTuple(Tensor x, int n)
    {
        var state = (0, x);
        while (state.Item1 < n) state = (state.Item1 + 1, state.Item2 * 1.5f);
        return state.Item2;
    }

    /// <summary>testWhileLoopCondOnCarry: the condition reads the carried tensor.</summary>
    [Compile]
    public static Tensor WhileCondOnCarry(Tensor x)
    {
        x = x.Abs() + 0.1f;
        while ((x * x).Sum() < 100f) x = x * 1.5f + 0.1f;
        return x;
    }

    /// <summary>testNestedWhile: an inner while counting up to the outer counter.</summary>
    [Compile]
    public static Tensor NestedWhileInFori(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int j = 0;
            while (j < i)
            {
                x = x + 1f;
                j++;
            }
        }
        return x;
    }

    /// <summary>testWhileWithClosure: the condition and the body read arrays from the enclosing scope.</summary>
    [Compile]
    public static Tensor WhileClosure(Tensor x, Tensor step, Tensor limit)
    {
        x = x.Abs();
        step = step.Abs() + 0.5f;
        while (x.Sum() < limit) x = x + step;
        return x;
    }

    /// <summary>testFixedPointIteration (a fixed point of cos): a tolerance and an iteration cap.</summary>
    [Compile]
    public static Tensor FixedPointCos(Tensor x)
    {
        Tensor previous = x;
        Tensor current = Tensor.Cos(x);
        int iterations = 0;
        while ((current - previous).Abs().Max() > 1e-4f && iterations < 100)
        {
            previous = current;
            current = Tensor.Cos(current);
            iterations++;
        }
        return current;
    }

    /// <summary>testCumsum (via scan): a running sum over the rows, each stacked.</summary>
    [Compile]
    public static Tensor ScanCumsum(Tensor xs)
    {
        var carry = Tensor.ZerosLike(xs[0]);
        var ys = new List<Tensor>();
        foreach (var row in xs)
        {
            carry = carry + row;
            ys.Add(carry);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testScanImpl: scan with a carry and per-step outputs (c, a) -> (c', b).</summary>
    [Compile]
    public static (Tensor Carry, Tensor Ys) ScanImpl(Tensor c, Tensor xs, Tensor d)
    {
        var ys = new List<Tensor>();
        foreach (var a in xs)
        {
            var b = Tensor.Sin(c * Tensor.Cos(d * a).Sum());
            c = 0.9f * Tensor.Cos(d * Tensor.Sin(c * a).Sum());
            ys.Add(b);
        }
        return (c, Tensor.Stack(ys));
    }

    /// <summary>testScanReverse: the rows visited last to first, outputs in visiting order.</summary>
    [Compile]
    public static Tensor ScanReverse(Tensor xs, int n)
    {
        var carry = Tensor.ZerosLike(xs[0]);
        var ys = new List<Tensor>();
        for (int i = n - 1; i >= 0; i--)
        {
            carry = carry + xs[i];
            ys.Add(carry);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testScanReverse with reverse as a static argument: one list declared before the if.</summary>
    [Compile]
    public static Tensor ScanEitherWay(Tensor xs, bool reverse)
    {
        var carry = Tensor.ZerosLike(xs[0]);
        var ys = new List<Tensor>();
        if (reverse)
        {
            for (int i = 3; i >= 0; i--)
            {
                carry = carry + xs[i];
                ys.Add(carry);
            }
        }
        else
        {
            for (int i = 0; i < 4; i++)
            {
                carry = carry + xs[i];
                ys.Add(carry);
            }
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testScanPytree (tuple carry): the carry is a pair of tensors.</summary>
    [Compile]
    public static Tensor ScanTupleCarry(Tensor xs)
    {
        var carry = (Sum: Tensor.ZerosLike(xs[0]), Max: xs[0]);
        var ys = new List<Tensor>();
        foreach (var x in xs)
        {
            carry = (carry.Sum + x, Tensor.Maximum(carry.Max, x));
            ys.Add(carry.Sum - carry.Max);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testScanLengthArg (no xs, only a length): outputs from the carry alone.</summary>
    [Compile]
    public static Tensor ScanLengthOnly(Tensor c)
    {
        var ys = new List<Tensor>();
        for (int i = 0; i < 5; i++)
        {
            c = c * 0.5f + 1f;
            ys.Add(c);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testScanUnroll (unroll=2): the user unrolls by two by hand, one Add per visited row.</summary>
    [Compile]
    public static Tensor ScanUnrolledByTwo(Tensor xs, int half)
    {
        var carry = Tensor.ZerosLike(xs[0]);
        for (int i = 0; i < 2 * half; i += 2)
        {
            carry = carry + xs[i];
            carry = carry * 0.5f + xs[i + 1];
        }
        return carry;
    }

    /// <summary>testScanRnn: h = tanh(W x + U h + b) over a sequence, all hidden states stacked.</summary>
    [Compile]
    public static Tensor ScanRnn(Tensor xs, Tensor w, Tensor u, Tensor b, Tensor h)
    {
        var hs = new List<Tensor>();
        foreach (var x in xs)
        {
            h = Tensor.Tanh(Tensor.MatMul(w, x) + Tensor.MatMul(u, h) + b);
            hs.Add(h);
        }
        return Tensor.Stack(hs);
    }

    /// <summary>testCummax: a running maximum, the carry a tensor.</summary>
    [Compile]
    public static Tensor CumMax(Tensor xs)
    {
        var best = xs[0];
        var ys = new List<Tensor>();
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            best = Tensor.Maximum(best, xs[i]);
            ys.Add(best);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testMap (lax.map): a function applied to every row.</summary>
    [Compile]
    public static Tensor MapRows(Tensor xs)
    {
        var ys = new List<Tensor>();
        foreach (var row in xs) ys.Add(row * row + 1f);
        return Tensor.Stack(ys);
    }

    /// <summary>testCondInsideFori (lax.cond in a fori body): a ternary on the counter.</summary>
    [Compile]
    public static Tensor CondInFori(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = i % 2 == 0 ? x + 1f : x * 0.5f;
        return x;
    }

    /// <summary>testSwitchInLoop (lax.switch in a fori body): a switch statement on the counter.</summary>
    [Compile]
    public static Tensor SwitchInFori(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            switch (i % 3)
            {
                case 0:
                    x = x + 1f;
                    break;
                case 1:
                    x = x * 2f;
                    break;
                default:
                    x = x - 0.5f;
                    break;
            }
        }
        return x;
    }

    /// <summary>testWhileLoopBatchedCond: the loop stops when any element passes a threshold; returns the count too.</summary>
    [Compile]
    public static (Tensor Value, int Steps) WhileAnyAbove(Tensor x, float threshold)
    {
        int steps = 0;
        x = x.Abs();
        while (~(x > threshold).Any() && steps < 20)
        {
            x = x * 1.5f + 0.05f;
            steps++;
        }
        return (x, steps);
    }
}
