namespace LoopGen.Samples.Kernels;

/// <summary>
/// The control group: the samples whose trip count is known at trace time, compiled with their loops traced as
/// written (<see cref="LoopMode.Unrolled"/>), so the module repeats the body once per iteration. The bodies are
/// copies of the rolled ones on purpose: the generator works per method, and the two must be the same loop.
/// </summary>
public static partial class Seeds
{
    /// <summary><see cref="CumulativeFor"/>, unrolled: 3 ops per iteration.</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor CumulativeForUnrolled(Tensor init, int n)
    {
        for (int i = 0; i < n; i++)
            init = init + 1;
        return init;
    }

    /// <summary><see cref="CumulativeWhile"/>, unrolled: the C# counter is a trace-time number, the loop disappears.</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor CumulativeWhileUnrolled(Tensor init, int n)
    {
        int i = 0;
        while (i < n)
        {
            init = init + 1;
            i++;
        }
        return init;
    }

    /// <summary><see cref="Fori2To52"/>, unrolled: 50 copies of the body.</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor Fori2To52Unrolled(Tensor init)
    {
        for (int i = 2; i < 52; i++)
            init = init + 1;
        return init;
    }

    /// <summary><see cref="Rnn"/>, unrolled: one cell per time step, the states stacked at the end.</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor RnnUnrolled(Tensor xs, Tensor w, Tensor u)
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

    /// <summary>
    /// <see cref="CropConcat"/>, unrolled: one dynamic slice per window and one concatenation at the end. A plain tracer
    /// cannot read <c>splits[k].Item&lt;int&gt;()</c> (the value exists only when the module runs), so the control group
    /// writes the bounds as traced sizes by hand, as the generator does in the rolled twin.
    /// </summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor CropConcatUnrolled(Tensor w, Tensor splits, int crop)
    {
        var cropped = new List<Tensor>();
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            var extract = Tensor.SliceDynamic(w, 1, splits[k], splits[k + 1]);
            cropped.Add(Tensor.SliceDynamic(extract, 1, 0, Tensor.Minimum(Tensor.SizeOf(extract, 1), crop)));
        }
        return Tensor.Concat(cropped, 1);
    }

    /// <summary><see cref="CropConcatFixed"/>, unrolled: one slice per crop, one concatenate at the end.</summary>
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor CropConcatFixedUnrolled(Tensor w, Tensor starts, int crop)
    {
        var crops = new List<Tensor>();
        for (int k = 0; k < starts.Shape[0]; k++)
        {
            crops.Add(Tensor.DynamicSlice(w, [Tensor.Scalar(0), starts[k]], [w.Shape[0], crop]));
        }
        return Tensor.Concat(crops, 1);
    }
}
