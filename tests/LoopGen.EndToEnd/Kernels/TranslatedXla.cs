namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loops translated from PyTorch/XLA's test/test_fori_loop_with_while_loop_simple_add_dispatch_in_torch.py and
/// test/test_while_loop.py (torch_xla's fori_loop and while_loop), written as plain C# loops. Each kernel names its test.
/// </summary>
public static partial class TranslatedXla
{
    /// <summary>test_while_loop_addition: iteri counts down to zero, x grows by one each step.</summary>
    [Compile]
    public static Tensor WhileAddition(Tensor iteri, Tensor x)
    {
        while (iteri > 0)
        {
            iteri = iteri - 1;
            x = x + 1f;
        }
        return x;
    }

    /// <summary>test_while_loop_addition_nested: the same body twice in one step.</summary>
    [Compile]
    public static Tensor WhileAdditionNested(int iteri, Tensor x)
    {
        while (iteri > 0)
        {
            iteri -= 1;
            x = x + 1f;
            x = x + 1f;
        }
        return x;
    }

    /// <summary>test_fori_loop_addition: fori_loop(lower, upper, body) adding a constant tensor each step.</summary>
    [Compile]
    public static Tensor ForiAddition(Tensor one, Tensor init, int lower, int upper)
    {
        for (int i = lower; i < upper; i++) init = one + init;
        return init;
    }

    /// <summary>test_while_loop_simple_linear_inside_loop: a linear layer (weight, bias) applied per step.</summary>
    [Compile]
    public static Tensor LinearInLoop(Tensor x, Tensor weight, Tensor bias, int n)
    {
        for (int i = 0; i < n; i++) x = Tensor.MatMul(x, weight.T) + bias;
        return x;
    }

    /// <summary>test_fori_loop_accumulate_with_weight: acc += w * x[i] over the rows.</summary>
    [Compile]
    public static Tensor AccumulateWithWeight(Tensor xs, Tensor weight)
    {
        var acc = Tensor.ZerosLike(xs[0]);
        for (int i = 0; i < xs.Shape[0]; i++) acc += weight * xs[i];
        return acc;
    }

    /// <summary>test_while_loop_with_counter_tensor: the counter and the limit are both 0-d tensors.</summary>
    [Compile]
    public static Tensor TensorCounter(Tensor x, Tensor limit)
    {
        var i = Tensor.Scalar(0);
        while (i < limit)
        {
            x = x * 0.5f + i;
            i = i + 1;
        }
        return x;
    }

    /// <summary>test_fori_loop_linear_grad step: a few gradient-descent steps on a linear model.</summary>
    [Compile]
    public static Tensor LinearSgd(Tensor w, Tensor x, Tensor y, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            var err = Tensor.MatMul(x, w) - y;
            var grad = Tensor.MatMul(x.T, err) * (1f / x.Shape[0]);
            w = w - 0.1f * grad;
        }
        return w;
    }

    /// <summary>test_while_loop_do_once: a do-while body runs before the test.</summary>
    [Compile]
    public static Tensor DoAtLeastOnce(Tensor x, int n)
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
}

/// <summary>test_while_loop_simple_linear_class_inside_loop: a module holding its weight and bias, applied in a loop.</summary>
public sealed partial class LinearModule(Tensor weight, Tensor bias)
{
    private readonly Tensor _weight = weight;
    private readonly Tensor _bias = bias;

    /// <summary>The layer applied n times.</summary>
    [Compile]
    public Tensor Repeat(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Tensor.Tanh(Tensor.MatMul(x, _weight) + _bias);
        return x;
    }
}
