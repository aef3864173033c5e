namespace LoopGen.Samples.Kernels;

/// <summary>
/// The examples of PyTorch/XLA's loop guide (<c>docs/fori_loop.md</c> in pytorch/xla), JAX's <c>fori_loop</c> and
/// onnx-diagnostic's "Export with loops" (the documents LoopGen started from, hence the class name) written as plain C# loops. The generator lifts each loop into one rolled
/// <c>stablehlo.while</c>; <c>{Name}Compiled</c> runs that, <c>{Name}Eager</c> the plain method.
/// </summary>
public static partial class Seeds
{
    /// <summary>PyTorch/XLA's loop guide (docs/fori_loop.md in pytorch/xla), its control group: [0] plus one, ten times, as a <c>for</c> loop → [10].</summary>
    [Compile]
    public static Tensor CumulativeFor(Tensor init, int n)
    {
        for (int i = 0; i < n; i++)
            init = init + 1;
        return init;
    }

    /// <summary>The same loop again, the counter written out: <c>while (i &lt; n)</c> with <c>i++</c> in the body → [10].</summary>
    [Compile]
    public static Tensor CumulativeWhile(Tensor init, int n)
    {
        int i = 0;
        while (i < n)
        {
            init = init + 1;
            i++;
        }
        return init;
    }

    /// <summary>The same loop as JAX writes it, with the loop API by hand (<c>Loop.Fori</c>): nothing for the generator to lift → [10].</summary>
    [Compile]
    public static Tensor CumulativeFori(Tensor init, int n) => Loop.Fori(0, n, (i, x) => x + 1, init);

    /// <summary>The guide's <c>while_loop</c> example: while iteri &gt; 0, init plus one per step; iteri 10, init 3 → 13.</summary>
    [Compile]
    public static Tensor Countdown(Tensor iteri, Tensor init)
    {
        while (iteri > 0)
        {
            init = init + 1;
            iteri = iteri - 1;
        }
        return init;
    }

    /// <summary>The guide's <c>fori_loop</c> example: from 2 to 52 with init 1 → 51.</summary>
    [Compile]
    public static Tensor Fori2To52(Tensor init)
    {
        for (int i = 2; i < 52; i++)
            init = init + 1;
        return init;
    }

    /// <summary>An RNN cell over a sequence: <c>foreach</c> over the time axis, hidden states collected (a scan).</summary>
    [Compile]
    public static Tensor Rnn(Tensor xs, Tensor w, Tensor u)
    {
        var h = Tensor.Zeros(DType.F32, u.Shape[0]);
        var states = new List<Tensor>();
        foreach (var x in xs)
        {
            h = (Tensor.MatMul(x, w) + Tensor.MatMul(h, u)).Tanh();
            states.Add(h);
        }
        return Tensor.Stack(states);
    }

    /// <summary>Newton's iteration for sqrt until every step is tiny: a trip count known only at run time.</summary>
    [Compile]
    public static Tensor NewtonSqrt(Tensor a)
    {
        var x = Tensor.OnesLike(a) * 10.0;
        var step = Tensor.Scalar(1.0);
        while (step > 1e-12)
        {
            var next = (x + a / x) * 0.5;
            step = (next - x).Abs().Max();
            x = next;
        }
        return x;
    }

    /// <summary>
    /// onnx-diagnostic's crop-and-concatenate ("Export with loops", <c>_doc/technical/plot_simple_for_loop.py</c>) as
    /// written: each <c>[start, end)</c> column window of <paramref name="w"/> between consecutive split points is cropped
    /// to at most <paramref name="crop"/> columns and the crops are joined. The widths depend on the values of
    /// <paramref name="splits"/>, so the loop compiles into one <c>Loop.ForConcat</c>: one rolled while writing each crop
    /// at a running offset of a preallocated output (linear), never onto a growing carry (quadratic).
    /// </summary>
    [Compile]
    public static Tensor CropConcat(Tensor w, Tensor splits, int crop)
    {
        var cropped = new List<Tensor>();
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            int start = splits[k].Item<int>();
            int end = splits[k + 1].Item<int>();
            var extract = w[.., start..end];
            cropped.Add(extract[.., ..Math.Min(extract.Shape[1], crop)]);
        }
        return Tensor.Concat(cropped, 1);
    }

    /// <summary>
    /// The same loop with crops of one width: each window starts at a run-time offset and is <paramref name="crop"/> wide,
    /// collected into one preallocated output (a scan), so every piece has a static shape.
    /// </summary>
    [Compile]
    public static Tensor CropConcatFixed(Tensor w, Tensor starts, int crop)
    {
        var crops = new List<Tensor>();
        for (int k = 0; k < starts.Shape[0]; k++)
        {
            crops.Add(Tensor.DynamicSlice(w, [Tensor.Scalar(0), starts[k]], [w.Shape[0], crop]));
        }
        return Tensor.Concat(crops, 1);
    }
}
