namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// A further translation of public loop tests into C# [Compile] methods, written the way a C# user writes them: JAX's
/// tests/lax_control_flow_test.py (jax-ml/jax), PyTorch's test/functorch/test_control_flow.py (pytorch/pytorch),
/// PyTorch/XLA's test/test_while_loop.py and test/test_fori_loop_with_while_loop_simple_add_dispatch_in_torch.py
/// (pytorch/xla), and onnx-diagnostic's simple_loop_for tests (_unittests/ut_export/test_cf_simple_loop_for.py in
/// sdpython/onnx-diagnostic). Each kernel names the test it comes from; none copies its code.
/// </summary>
public static partial class TranslatedLoops
{
    // ---- JAX: tests/lax_control_flow_test.py ---------------------------------------------------------------

    /// <summary>JAX testWhileWithTuple: the (i, acc) state as a named tuple carried whole, updated in place.</summary>
    [Compile]
    public static (Tensor Acc, int Steps) WhileNamedTupleState(Tensor x, int limit)
    {
        (int I, Tensor Acc) state = (0, x);
        while (state.I < limit) state = (state.I + 1, state.Acc + state.I * 0.5f);
        return (state.Acc, state.I);
    }

    /// <summary>JAX testNestedWhile: an outer and an inner while, both stepping their counters in the condition.</summary>
    [Compile]
    public static (Tensor X, int Outer) NestedPreIncrement(Tensor x, int n)
    {
        int i = 0;
        while (++i < n)
        {
            int j = 0;
            while (j++ < i) x = x + 0.25f * j;
            x = x * 0.5f;
        }
        return (x, i);
    }

    /// <summary>JAX testWhileWithClosure: the condition reads a tensor from outside the loop, the state is deconstructed with an int → long widening.</summary>
    [Compile]
    public static (Tensor X, long Count) WhileClosureWidening(Tensor x, Tensor limit)
    {
        (int Count, Tensor V) s = (0, x);
        long total = 0;
        while ((s.V.Sum() < limit.Sum()) & (total < 20))
        {
            (long c, Tensor v) = s;
            total += c + 1;
            s = (s.Count + 1, v + 0.5f);
        }
        return (s.V, total);
    }

    /// <summary>JAX testForiLoopBasic: a literal trip count, the counter added to the carry.</summary>
    [Compile]
    public static Tensor ForiLiteral(Tensor x)
    {
        for (int i = 0; i < 5; i++) x = x + i;
        return x;
    }

    /// <summary>JAX testForiLoopClosure: the body reads a tensor captured from outside the loop.</summary>
    [Compile]
    public static Tensor ForiClosure(Tensor x, Tensor w, int n)
    {
        for (int i = 0; i < n; i++) x = x * 0.5f + w * i;
        return x;
    }

    /// <summary>JAX testForiLoopTupleState: (tensor, tensor) state deconstructed and rebuilt each step.</summary>
    [Compile]
    public static Tensor ForiTupleState(Tensor a, Tensor b, int n)
    {
        var state = (A: a, B: b);
        for (int i = 0; i < n; i++)
        {
            var (p, q) = state;
            state = (q * 0.5f, p + q + i);
        }
        return state.A - state.B;
    }

    /// <summary>JAX testForiLoopDictState: three named fields (a dict in Python), one of them an int.</summary>
    [Compile]
    public static (Tensor Sum, int Count) ForiDictState(Tensor xs)
    {
        var s = (Sum: Tensor.ZerosLike(xs[0]), Count: 0, Scale: 1f);
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            s.Sum += xs[i] * s.Scale;
            s.Count++;
            s.Scale *= 0.5f;
        }
        return (s.Sum, s.Count);
    }

    /// <summary>JAX testForiLoopEmptyTupleInState: a loop that only counts; the count comes back.</summary>
    [Compile]
    public static (Tensor X, int Count) ForiOnlyCounts(Tensor x, int lo, int hi)
    {
        int count = 0;
        for (int i = lo; i < hi; i++) count += 2;
        return (x + count, count);
    }

    /// <summary>JAX testCumprod: a scan stacking the running product of the rows.</summary>
    [Compile]
    public static Tensor CumProd(Tensor xs)
    {
        var ys = new List<Tensor>();
        var acc = Tensor.OnesLike(xs[0]);
        foreach (var row in xs)
        {
            acc = acc * row;
            ys.Add(acc);
        }
        return Tensor.Stack(ys);
    }

    /// <summary>JAX testWhileCondConstant: a do-while whose post-decrement counts the steps left.</summary>
    [Compile]
    public static (Tensor X, int Left) DoCountDown(Tensor x, int left)
    {
        do
        {
            x = x * 0.75f + 1f;
        }
        while (--left > 0);
        return (x, left);
    }

    /// <summary>JAX testScanGrad's function: a scan over rows with a carried weight, for a loss to differentiate.</summary>
    [Compile]
    public static Tensor ScanLoss(Tensor w, Tensor xs)
    {
        var h = Tensor.ZerosLike(xs[0]);
        foreach (var row in xs) h = (h * w + row).Tanh();
        return (h * h).Sum();
    }

    /// <summary>JAX testForiLoopGrad-like: a counted loop with static bounds over a parameter tensor, for a gradient.</summary>
    [Compile]
    public static Tensor ForiPolynomialLoss(Tensor x, Tensor c)
    {
        var acc = Tensor.ZerosLike(x);
        for (int k = 0; k < 4; k++) acc = acc * x + c[k];
        return acc.Sum();
    }

    // ---- PyTorch: test/functorch/test_control_flow.py ------------------------------------------------------

    /// <summary>torch while_loop test_while_loop_const_and_symint_output: the tensor and the int counter both come back.</summary>
    [Compile]
    public static (Tensor X, int It) WhileIntAndTensorOut(Tensor x, int n)
    {
        int it = 0;
        while (it < n)
        {
            x = x + it;
            it += 1;
        }
        return (x, it);
    }

    /// <summary>torch while_loop test_while_loop_pytree_int_carry: a nested tuple of ints beside the tensor.</summary>
    [Compile]
    public static (Tensor X, int A, int B) WhileNestedIntTuple(Tensor x, int n)
    {
        var carry = (Counts: (A: 0, B: n), X: x);
        while (carry.Counts.A < carry.Counts.B)
        {
            carry.Counts.A += 1;
            carry.Counts.B -= 1;
            carry.X = carry.X * 2f - carry.Counts.A;
        }
        return (carry.X, carry.Counts.A, carry.Counts.B);
    }

    /// <summary>torch scan test_scan_combine_fn_with_outputs: the carry and a separate per-step output, the output not the carry.</summary>
    [Compile]
    public static (Tensor Carry, Tensor Ys) ScanCarryAndOutputs(Tensor init, Tensor xs)
    {
        var ys = new List<Tensor>();
        var c = init;
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            var next = c + xs[i];
            ys.Add(next * c);
            c = next;
        }
        return (c, Tensor.Stack(ys));
    }

    /// <summary>torch scan test_scan_reverse: rows visited from the last, a while loop counting down with i-- in its condition.</summary>
    [Compile]
    public static Tensor ReverseRunningSum(Tensor xs)
    {
        int i = xs.Shape[0];
        var acc = Tensor.ZerosLike(xs[0]);
        while (i-- > 0) acc = acc * 0.5f + xs[i];
        return acc;
    }

    /// <summary>torch while_loop test_while_loop_with_parameters: a linear layer applied until the counter runs out, the config a tuple parameter.</summary>
    [Compile]
    public static Tensor WhileLinearConfig(Tensor x, Tensor w, (int Steps, float Scale) config)
    {
        int k = 0;
        while (k < config.Steps)
        {
            x = Tensor.MatMul(x, w) * config.Scale + 0.1f;
            k++;
        }
        return x;
    }

    // ---- PyTorch/XLA: test/test_while_loop.py, test/test_fori_loop_*.py ------------------------------------

    /// <summary>torch_xla test_while_loop_subtraction: the iteration count goes down to zero.</summary>
    [Compile]
    public static Tensor WhileSubtraction(Tensor x, int iteri)
    {
        while (iteri > 0)
        {
            x = x - 1f;
            iteri--;
        }
        return x;
    }

    /// <summary>torch_xla test_while_loop_multiplication: a product carried beside a tensor bound.</summary>
    [Compile]
    public static Tensor WhileMultiplication(Tensor x, Tensor limit)
    {
        var i = Tensor.Scalar(0);
        while ((i < limit).All())
        {
            x = x * 1.5f;
            i = i + 1;
        }
        return x;
    }

    /// <summary>torch_xla test_while_loop_multiple_tensor_outputs: two tensors carried and returned together.</summary>
    [Compile]
    public static (Tensor A, Tensor B) WhileTwoTensors(Tensor a, Tensor b, int n)
    {
        for (int i = 0; i < n; i++) (a, b) = (a + b, a - b * 0.5f);
        return (a, b);
    }

    /// <summary>torch_xla fori_loop test_fori_loop_addition_tensor_with_int: lower and upper bounds as ints, the counter a float offset.</summary>
    [Compile]
    public static Tensor ForiAddCounter(Tensor x, int lower, int upper)
    {
        for (int i = lower; i < upper; i++) x = x + (float)i / 2;
        return x;
    }

    // ---- onnx-diagnostic: simple_loop_for ------------------------------------------------------------------

    /// <summary>onnx-diagnostic test_simple_loop_for_int: the prefixes x[..(i + 1)] as columns, concatenated over the iterations.</summary>
    [Compile]
    public static Tensor PrefixColumns(Tensor x, int n)
    {
        var pieces = new List<Tensor>();
        for (int i = 0; i < n; i++) pieces.Add(x[..(i + 1)].ExpandDims(1));
        return Tensor.Concat(pieces, 0);
    }

    /// <summary>onnx-diagnostic test_simple_loop_for_2_outputs: prefixes and scaled suffixes collected by one loop.</summary>
    [Compile]
    public static (Tensor Prefixes, Tensor Suffixes) PrefixesAndSuffixes(Tensor x, int n)
    {
        var heads = new List<Tensor>();
        var tails = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {
            heads.Add(x[..(i + 1)]);
            tails.Add(x[(i + 1)..] * 2f);
        }
        return (Tensor.Concat(heads, 0), Tensor.Concat(tails, 0));
    }

    // ---- Tuple parameters traced per element -----------------------------------------------------------------

    /// <summary>
    /// torch scan test_scan_closure with a (steps, scale) configuration: the loop halves config.Scale, config.Steps is
    /// never written, so it stays a C# value: the trip count of a loop that collects, and a slice length.
    /// </summary>
    [Compile]
    public static Tensor DecayingScan(Tensor x, (int Steps, float Scale) config)
    {
        var ys = new List<Tensor>();
        for (int i = 0; i < config.Steps; i++)
        {
            ys.Add(x[..config.Steps] * config.Scale + i);
            config.Scale *= 0.5f;
        }
        return Tensor.Stack(ys);
    }
}
