namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// A third translation of the public loop tests into [Compile] methods written as a C# user writes them: JAX's
/// tests/lax_control_flow_test.py (jax-ml/jax), PyTorch's test/functorch/test_control_flow.py (pytorch/pytorch, the
/// while_loop and scan higher-order ops) and PyTorch/XLA's test/test_while_loop.py and test/test_fori_loop*.py
/// (pytorch/xla). Each names the test it follows; none copies its code. Their references (on plain arrays, written
/// apart from these bodies) are in LoopSuiteTests.
/// </summary>
public static partial class LoopSuite
{
    // ---- JAX: tests/lax_control_flow_test.py ---------------------------------------------------------------

    /// <summary>testWhileWithManyArgs: a counter, two tensors and a float carried together; the float comes back.</summary>
    [Compile]
    public static (Tensor A, Tensor B, float Scale) WhileManyArgs(Tensor a, Tensor b, int n)
    {
        int i = 0;
        float scale = 1f;
        while (i < n)
        {
            a = a + b * scale;
            b = b * 0.5f;
            scale = scale * 2f;
            i++;
        }
        return (a, b, scale);
    }

    /// <summary>testNestedWhileWithDynamicUpdateSlice: two nested whiles writing one element of a matrix per step.</summary>
    [Compile]
    public static Tensor NestedDynamicUpdate(Tensor m, int rows, int cols)
    {
        int i = 0;
        while (i < rows)
        {
            int j = 0;
            while (j < cols)
            {
                m = Tensor.DynamicUpdateSlice(m, m[i..(i + 1), j..(j + 1)] * 2f + (i * 10 + j), [i, j]);
                j++;
            }
            i++;
        }
        return m;
    }

    /// <summary>testWhileCondConstant: a C# bool parameter as the condition, false from the start in some calls.</summary>
    [Compile]
    public static (Tensor X, int Steps) FlagCondition(Tensor x, bool go, int limit)
    {
        int steps = 0;
        while (go)
        {
            x = x * 0.5f + 1f;
            steps++;
            go = steps < limit;
        }
        return (x, steps);
    }

    /// <summary>testForiLoopScalarLimits: long bounds and a long counter stepping by two.</summary>
    [Compile]
    public static Tensor ForiLongBounds(Tensor x, long lower, long upper)
    {
        for (long i = lower; i < upper; i += 2) x = x + i * 0.5f;
        return x;
    }

    /// <summary>testForiLoopIssue8152-like: carries the loop writes but the method never returns (an int and a tensor).</summary>
    [Compile]
    public static Tensor UnusedCarries(Tensor x, int n)
    {
        int unused = 7;
        var junk = x;
        for (int i = 0; i < n; i++)
        {
            x = x * 0.9f + i;
            unused += i;
            junk = junk * 2f + unused;
        }
        return x;
    }

    /// <summary>testForiLoopClosure with a carry reset to a constant every step: the first step sees the argument.</summary>
    [Compile]
    public static Tensor ConstantAfterFirst(Tensor x, Tensor c, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x + c;
            c = Tensor.OnesLike(x) * 2f;
        }
        return x;
    }

    /// <summary>testScanPytreeXs: a scan over two sequences at once, the per-step output a 0-d sum.</summary>
    [Compile]
    public static (Tensor Carry, Tensor Sums) ScanTwoSequences(Tensor a, Tensor b, Tensor c)
    {
        var sums = new List<Tensor>();
        for (int t = 0; t < a.Shape[0]; t++)
        {
            c = c * a[t] + b[t];
            sums.Add(c.Sum());
        }
        return (c, Tensor.Stack(sums));
    }

    /// <summary>testScan with reverse=True: visited from the last row, the outputs put back in row order.</summary>
    [Compile]
    public static Tensor ScanReverseCollect(Tensor xs)
    {
        var ys = new List<Tensor>();
        var c = Tensor.ZerosLike(xs[0]);
        for (int t = xs.Shape[0] - 1; t >= 0; t--)
        {
            c = c * 0.5f + xs[t];
            ys.Add(c);
        }
        return Tensor.Stack(ys).Reverse(0);
    }

    /// <summary>testCondInScan (lax.cond on the row inside lax.scan): an if on the data, the carry collected.</summary>
    [Compile]
    public static Tensor CondOnRowInScan(Tensor xs)
    {
        var ys = new List<Tensor>();
        var acc = Tensor.ZerosLike(xs[0]);
        foreach (var row in xs)
        {
            if (row.Sum() > 0f) acc = acc + row;
            else acc = acc - row * 0.5f;
            ys.Add(acc);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>testWhileLoopEarlyExit: the cond of a while tests the counter and the data (C# &amp;&amp;).</summary>
    [Compile]
    public static (Tensor X, int Steps) WhileCounterAndData(Tensor x, int n)
    {
        int i = 0;
        while (i < n && x.Sum() < 10f)
        {
            x = x * 1.5f + 0.5f;
            i++;
        }
        return (x, i);
    }

    /// <summary>testNestedForiLoop with a continue in the outer loop and a break in the inner one.</summary>
    [Compile]
    public static Tensor NestedContinueBreak(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (i % 3 == 2) continue;
            for (int j = 0; j < i; j++)
            {
                if (j > 2) break;
                x = x + 0.1f * (i + j);
            }
            x = x * 0.9f;
        }
        return x;
    }

    // The counter passed to a plain helper is a Tensor parameter there: in the compiled loop it is a 0-d tensor (an int
    // parameter is LG0009); the plain call converts the int.
    private static Tensor Body(Tensor i, Tensor v) => v * 0.5f + i;

    /// <summary>testForiLoopBasic as written in the test: the body a separate (plain C#) function of the counter and the carry.</summary>
    [Compile]
    public static Tensor ForiHelperBody(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Body(i, x);
        return x;
    }

    private static (Tensor A, Tensor B) Step((Tensor A, Tensor B) s, Tensor i) => (s.B * 0.5f, s.A + s.B * i);

    /// <summary>testForiLoopTupleState with the body a helper taking and returning the tuple.</summary>
    [Compile]
    public static Tensor ForiHelperTupleBody(Tensor a, Tensor b, int n)
    {
        var s = (A: a, B: b);
        for (int i = 0; i < n; i++) s = Step(s, i);
        return s.A + s.B;
    }

    /// <summary>testCumulativeReducer (cumsum, cummax, cummin): three running reductions in one scan.</summary>
    [Compile]
    public static (Tensor Sums, Tensor Maxes, Tensor Mins) CumulativeReducers(Tensor xs)
    {
        var sums = new List<Tensor>();
        var maxes = new List<Tensor>();
        var mins = new List<Tensor>();
        Tensor s = Tensor.ZerosLike(xs[0]), hi = xs[0], lo = xs[0];
        for (int t = 0; t < xs.Shape[0]; t++)
        {
            s = s + xs[t];
            hi = Tensor.Maximum(hi, xs[t]);
            lo = Tensor.Minimum(lo, xs[t]);
            sums.Add(s);
            maxes.Add(hi);
            mins.Add(lo);
        }
        return (Tensor.Stack(sums), Tensor.Stack(maxes), Tensor.Stack(mins));
    }

    /// <summary>testForiLoopGrad-like: a static trip count, differentiated for the carry and a closed-over weight.</summary>
    [Compile]
    public static Tensor ForiSinLoss(Tensor x, Tensor w)
    {
        for (int i = 0; i < 3; i++) x = (x * w).Sin() + 0.25f * i;
        return x.Sum();
    }

    /// <summary>testScanGrad with a tuple carry: two carried tensors, one scaled by a parameter.</summary>
    [Compile]
    public static Tensor ScanTupleLoss(Tensor xs, Tensor a)
    {
        var c = (H: Tensor.ZerosLike(xs[0]), G: Tensor.OnesLike(xs[0]));
        foreach (var row in xs) c = ((c.H * a + row * c.G).Tanh(), c.G * 0.9f + row * 0.1f);
        return (c.H * c.G).Sum();
    }

    /// <summary>testWhileGrad (JAX forbids reverse mode; LoopGen bounds the trips): a while with a dynamic trip count.</summary>
    [Compile]
    public static Tensor WhileDecayLoss(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            x = x * x * 0.5f + x;
            i++;
        }
        return x.Sum();
    }

    /// <summary>testCondGrad inside a scan: a traced if in the body, differentiated.</summary>
    [Compile]
    public static Tensor CondInScanLoss(Tensor xs, Tensor w)
    {
        var h = Tensor.ZerosLike(w);
        foreach (var row in xs)
        {
            if ((row * w).Sum() > 0f) h = h + row * w;
            else h = h * w;
        }
        return (h * h).Sum();
    }

    // ---- PyTorch: test/functorch/test_control_flow.py ------------------------------------------------------

    /// <summary>torch scan test_scan_binary_operator: one carry, two per-step outputs of different shapes.</summary>
    [Compile]
    public static (Tensor Carry, Tensor Ys, Tensor Norms) ScanTwoOutputs(Tensor init, Tensor xs)
    {
        var ys = new List<Tensor>();
        var norms = new List<Tensor>();
        var c = init;
        foreach (var x in xs)
        {
            c = c * x + 1f;
            ys.Add(c * 2f);
            norms.Add((c * c).Sum());
        }
        return (c, Tensor.Stack(ys), Tensor.Stack(norms));
    }

    /// <summary>torch scan test_scan_complex_pytree: a nested tuple carry ((a, b), c), all three updated.</summary>
    [Compile]
    public static Tensor ScanNestedCarry(Tensor xs)
    {
        var carry = (P: (A: Tensor.ZerosLike(xs[0]), B: Tensor.OnesLike(xs[0])), C: Tensor.ZerosLike(xs[0]));
        for (int t = 0; t < xs.Shape[0]; t++)
        {
            carry.P.A = carry.P.A + xs[t];
            carry.P.B = carry.P.B * 0.5f + xs[t];
            carry.C = carry.C + carry.P.A * carry.P.B;
        }
        return carry.C - carry.P.A;
    }

    /// <summary>torch while_loop test_while_loop_const_and_symint_output: counting positive rows into an int under a traced if.</summary>
    [Compile]
    public static (Tensor Total, int Count) CountPositiveRows(Tensor xs)
    {
        int count = 0;
        var total = Tensor.ZerosLike(xs[0]);
        foreach (var row in xs)
        {
            if (row.Sum() > 0f)
            {
                count++;
                total = total + row;
            }
        }
        return (total, count);
    }

    /// <summary>torch while_loop with an argmax kept in the carry: the index of the row with the largest sum.</summary>
    [Compile]
    public static (int Best, Tensor BestSum) ArgMaxRow(Tensor xs)
    {
        int best = 0;
        var bestSum = xs[0].Sum();
        for (int i = 1; i < xs.Shape[0]; i++)
        {
            var s = xs[i].Sum();
            if (s > bestSum)
            {
                bestSum = s;
                best = i;
            }
        }
        return (best, bestSum);
    }

    /// <summary>torch while_loop test_while_loop_nested with an exit of both loops through a flag set under a traced if.</summary>
    [Compile]
    public static (Tensor X, bool Done) BreakBothLoops(Tensor x, int n)
    {
        bool done = false;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (x.Sum() > 5f)
                {
                    done = true;
                    break;
                }
                x = x + 0.5f * (j + 1);
            }
            if (done) break;
            x = x * 1.1f;
        }
        return (x, done);
    }

    /// <summary>torch while_loop test_while_loop_simple with a float carry beside the counter in the condition.</summary>
    [Compile]
    public static (Tensor X, float Scale) WhileFloatCondition(Tensor x, int n)
    {
        int i = 0;
        float scale = 1f;
        while (i < n && scale > 0.1f)
        {
            x = x + scale;
            scale *= 0.5f;
            i++;
        }
        return (x, scale);
    }

    /// <summary>torch scan with a ternary on the carried tensor choosing the update.</summary>
    [Compile]
    public static Tensor TernaryOnCarry(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x.Sum() > 0f ? x * 0.5f - 1f : x + 1.5f;
        return x;
    }

    // ---- PyTorch/XLA: test/test_while_loop.py, test/test_fori_loop*.py -------------------------------------

    /// <summary>torch_xla fori_loop with the lower and upper bounds as 0-d tensors, the counter a tensor.</summary>
    [Compile]
    public static Tensor ForiTensorBounds(Tensor lower, Tensor upper, Tensor x)
    {
        for (Tensor i = lower; i < upper; i += 1) x = x + 1f;
        return x;
    }

    /// <summary>torch_xla test_while_loop_tpu_subtraction_nested: a subtraction loop inside another, both counting down.</summary>
    [Compile]
    public static Tensor SubtractionNested(Tensor x, int outer, int inner)
    {
        while (outer > 0)
        {
            int k = inner;
            while (k > 0)
            {
                x = x - 1f;
                k -= 1;
            }
            x = x * 0.5f;
            outer -= 1;
        }
        return x;
    }

    /// <summary>torch_xla test_while_loop_simple_linear_inside_loop: two linear layers applied alternately by the parity.</summary>
    [Compile]
    public static Tensor AlternatingLinear(Tensor x, Tensor w1, Tensor w2, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var w = i % 2 == 0 ? w1 : w2;
            x = Tensor.MatMul(x, w).Tanh();
        }
        return x;
    }

    // ---- Loops as C# users write them -----------------------------------------------------------------------

    /// <summary>A foreach over a range nested in a foreach over rows.</summary>
    [Compile]
    public static Tensor RangeInRows(Tensor xs, int k)
    {
        var acc = Tensor.ZerosLike(xs[0]);
        foreach (var row in xs)
        {
            foreach (var j in Enumerable.Range(0, k)) acc = acc + row * j;
            acc = acc * 0.5f;
        }
        return acc;
    }

    /// <summary>A do-while with a continue on the counter's parity and a break on the data.</summary>
    [Compile]
    public static (Tensor X, int I) DoContinueBreak(Tensor x, int n)
    {
        int i = 0;
        do
        {
            i++;
            if (i % 2 == 0) continue;
            x = x * 1.25f + 0.5f;
            if (x.Max() > 8f) break;
        }
        while (i < n);
        return (x, i);
    }

    /// <summary>A switch expression on the counter picking the update in a while loop.</summary>
    [Compile]
    public static Tensor SwitchExpressionInWhile(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            x = (i % 4) switch
            {
                0 => x + 1f,
                1 => x * 0.5f,
                2 => x - 0.25f,
                _ => x.Abs(),
            };
            i++;
        }
        return x;
    }
}

/// <summary>
/// A loss and its step count (torch while_loop test_while_loop_autograd's shape: the loop's int comes back beside the
/// tensor), and the same returning the count as a Tensor: the form to differentiate.
/// </summary>
public static partial class LoopSuiteGrad
{
    /// <summary>Halves until the sum is small, counting the steps; returns the loss and the count as an int.</summary>
    [Compile]
    public static (Tensor Loss, int Steps) LossAndSteps(Tensor x, int n)
    {
        int steps = 0;
        while (steps < n && (x * x).Sum() > 0.5f)
        {
            x = x * 0.5f;
            steps++;
        }
        return ((x * x).Sum(), steps);
    }

    /// <summary>The same, the count returned as a Tensor, so a trace (Jit.Grad) can take its result.</summary>
    [Compile]
    public static (Tensor Loss, Tensor Steps) LossAndStepsAsTensor(Tensor x, int n)
    {
        Tensor steps = 0;
        while ((steps < n) & ((x * x).Sum() > 0.5f))
        {
            x = x * 0.5f;
            steps = steps + 1;
        }
        return ((x * x).Sum(), steps);
    }
}
