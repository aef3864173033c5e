namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loops translated from PyTorch's test/functorch/test_control_flow.py (torch.while_loop, scan, cond inside loops),
/// written as plain C# loops. Each kernel names the test it translates.
/// </summary>
public static partial class TranslatedTorch
{
    /// <summary>test_while_loop_simple: while x.sum() &lt; 10, x + 1.</summary>
    [Compile]
    public static Tensor WhileSimple(Tensor x)
    {
        while (x.Sum() < 10f) x = x + 1f;
        return x;
    }

    /// <summary>test_while_loop_nested: an inner while over its own counter inside an outer one.</summary>
    [Compile]
    public static Tensor WhileNested(Tensor x, int outer, int inner)
    {
        int i = 0;
        while (i < outer)
        {
            int j = 0;
            while (j < inner)
            {
                x = x * 0.9f + 1f;
                j++;
            }
            x = x - 0.5f;
            i++;
        }
        return x;
    }

    /// <summary>test_while_loop_int_carry: an int carried next to the tensor and returned with it.</summary>
    [Compile]
    public static (Tensor X, int Count) WhileIntCarry(Tensor x)
    {
        int count = 0;
        x = x.Abs();
        while (x.Sum() < 10f)
        {
            x = x + 1f;
            count++;
        }
        return (x, count);
    }

    /// <summary>test_while_loop_pytree_carry: a nested tuple carry.</summary>
    [Compile]
    public static Tensor WhilePytree(Tensor a, Tensor b, Tensor c, int n)
    {
        var state = (a, (b, c));
        int k = 0;
        while (k < n)
        {
            state = (state.Item1 + state.Item2.Item1, (state.Item2.Item1 * 0.5f, state.Item2.Item2 - state.Item1));
            k++;
        }
        return state.Item1 + state.Item2.Item1 + state.Item2.Item2;
    }

    /// <summary>test_while_loop_simple_with_linear: a linear layer applied while a counter runs.</summary>
    [Compile]
    public static Tensor WhileLinear(Tensor x, Tensor w, Tensor b, int n)
    {
        int i = 0;
        while (i < n)
        {
            x = Tensor.MatMul(x, w) + b;
            i += 1;
        }
        return x;
    }

    /// <summary>test_while_loop_with_outer_code: code before and after the loop uses the carry.</summary>
    [Compile]
    public static Tensor WhileOuterCode(Tensor x, int n)
    {
        var y = x * 2f;
        int i = 0;
        while (i < n)
        {
            y = y + x;
            i++;
        }
        var z = y.Sum() + x.Mean();
        return y - z;
    }

    /// <summary>test_scan_simple (cumsum over dim 0): a for over the leading axis.</summary>
    [Compile]
    public static Tensor ScanSimple(Tensor xs)
    {
        var c = Tensor.ZerosLike(xs[0]);
        var ys = new List<Tensor>();
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            c = c + xs[i];
            ys.Add(c);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>test_scan_tuple: two outputs per step.</summary>
    [Compile]
    public static (Tensor Sums, Tensor Products) ScanTuple(Tensor xs)
    {
        var s = Tensor.ZerosLike(xs[0]);
        var p = Tensor.OnesLike(xs[0]);
        var sums = new List<Tensor>();
        var products = new List<Tensor>();
        foreach (var x in xs)
        {
            s = s + x;
            p = p * x;
            sums.Add(s);
            products.Add(p);
        }
        return (Tensor.Stack(sums), Tensor.Stack(products));
    }

    /// <summary>test_scan_dim: scanning over the second axis.</summary>
    [Compile]
    public static Tensor ScanDim(Tensor xs)
    {
        var c = Tensor.ZerosLike(xs[.., 0]);
        var ys = new List<Tensor>();
        for (int j = 0; j < xs.Shape[1]; j++)
        {
            c = c * 0.5f + xs[.., j];
            ys.Add(c);
        }
        return Tensor.Stack(ys, 1);
    }

    /// <summary>test_scan_reverse: reverse=True, outputs in the input's order.</summary>
    [Compile]
    public static Tensor ScanReverseStacked(Tensor xs)
    {
        var c = Tensor.ZerosLike(xs[0]);
        var ys = new List<Tensor>();
        foreach (var x in xs.Reverse(0))
        {
            c = c + x;
            ys.Add(c);
        }
        return Tensor.Stack(ys).Reverse(0);
    }

    /// <summary>test_scan_complex_pytree: a tuple carry and a tuple of outputs.</summary>
    [Compile]
    public static Tensor ScanPytree(Tensor xs, Tensor h0)
    {
        var carry = (H: h0, Count: Tensor.Scalar(0f));
        var ys = new List<Tensor>();
        foreach (var x in xs)
        {
            carry = (Tensor.Tanh(carry.H + x), carry.Count + 1f);
            ys.Add(carry.H * carry.Count);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>test_scan_RNN: an RNN cell over a sequence, weights as arguments.</summary>
    [Compile]
    public static Tensor ScanRnnCell(Tensor xs, Tensor wih, Tensor whh, Tensor h)
    {
        foreach (var x in xs) h = Tensor.Tanh(Tensor.MatMul(x, wih) + Tensor.MatMul(h, whh));
        return h;
    }

    /// <summary>test_scan_init_scanned_0: the initial carry is the first row, the scan runs over the rest.</summary>
    [Compile]
    public static Tensor ScanInitFromFirst(Tensor xs, int n)
    {
        var c = xs[0];
        for (int i = 1; i < n; i++) c = c * xs[i] + 0.1f;
        return c;
    }

    /// <summary>test_cond_in_while_loop (torch.cond in a while body): an if on the carry.</summary>
    [Compile]
    public static Tensor CondInWhile(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            if (x.Sum() > 0f) x = x - 1f;
            else x = x + 1.5f;
            i++;
        }
        return x;
    }

    /// <summary>test_while_loop_early_exit (a break under a data-dependent test).</summary>
    [Compile]
    public static Tensor WhileBreak(Tensor x, int n)
    {
        int i = 0;
        while (i < n)
        {
            x = x * 1.3f;
            if (x.Abs().Max() > 4f) break;
            i++;
        }
        return x;
    }

    /// <summary>test_while_loop_return: a search that returns as soon as it finds the step (an early return).</summary>
    [Compile]
    public static Tensor FirstStepAbove(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x * 1.5f + 0.1f;
            if (x.Sum() > 5f) return x * 10f;
        }
        return x;
    }

    /// <summary>test_scan_closure_RNN: the weights are captured, the bias is a per-step input.</summary>
    [Compile]
    public static Tensor ScanClosureBias(Tensor xs, Tensor biases, Tensor w, Tensor h)
    {
        for (int t = 0; t < xs.Shape[0]; t++) h = Tensor.Tanh(Tensor.MatMul(w, h) + xs[t] + biases[t]);
        return h;
    }
}
