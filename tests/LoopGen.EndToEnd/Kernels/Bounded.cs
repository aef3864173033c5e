namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Per-iteration pieces whose sizes depend on the data (issue 11): onnx-diagnostic's crop-and-concatenate loop
/// ("Export with loops", <c>_doc/technical/plot_simple_for_loop.py</c> in sdpython/onnx-diagnostic) written as a C# user
/// writes it, and its variants. Each compiles into one rolled <c>stablehlo.while</c> (a <c>Loop.ForConcat</c>).
/// </summary>
public static partial class Bounded
{
    /// <summary>The seed's loop as written: each <c>[start, end)</c> column window cropped to at most <paramref name="crop"/> columns, the crops joined.</summary>
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

    /// <summary>The same with the width computed from the bounds (<c>Math.Min(crop, end - start)</c>) and the crop in a local of its own.</summary>
    [Compile]
    public static Tensor CropConcatByWidth(Tensor w, Tensor splits, int crop)
    {
        var cropped = new List<Tensor>();
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            int start = splits[k].Item<int>();
            int end = splits[k + 1].Item<int>();
            var extract = w[.., start..end];
            var c = extract[.., ..Math.Min(crop, end - start)];
            cropped.Add(c);
        }
        return Tensor.Concat(cropped, 1);
    }

    /// <summary>The window on axis 0, its end clamped in the loop, the rows scaled (an elementwise op on a piece).</summary>
    [Compile]
    public static Tensor CropRows(Tensor w, Tensor splits, int crop)
    {
        var rows = new List<Tensor>();
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            int start = splits[k].Item<int>();
            int end = Math.Min(splits[k + 1].Item<int>(), start + crop);
            rows.Add(w[start..end] * 2f);
        }
        return Tensor.Concat(rows, 0);
    }

    /// <summary>
    /// Two collected lists joined on different axes (<c>simple_loop_for</c>'s <c>concatenation_dims</c>), a tensor carry
    /// that scales each piece, and an int carry summing the widths, returned beside them.
    /// </summary>
    [Compile]
    public static (Tensor Columns, Tensor Rows, int Total) TwoOutputs(Tensor w, Tensor v, Tensor splits, int crop)
    {
        var columns = new List<Tensor>();
        var rows = new List<Tensor>();
        int total = 0;
        var scale = Tensor.Scalar(1f);
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            int start = splits[k].Item<int>();
            int end = splits[k + 1].Item<int>();
            int width = Math.Min(end - start, crop);
            columns.Add(w[.., start..(start + width)] * scale);
            rows.Add(v[start..end]);
            total += width;
            scale = scale * 0.5f;
        }
        return (Tensor.Concat(columns, 1), Tensor.Concat(rows, 0), total);
    }

    /// <summary>What the LG0006 code fix writes for the seed's quadratic form (a carry grown by crops): the crops collected, joined after the initial value.</summary>
    [Compile]
    public static Tensor CropConcatCollected(Tensor w, Tensor splits, int crop)
    {
        var acc = Tensor.Zeros(DType.F32, w.Shape[0], 0);
        var accParts = new List<Tensor>();
        for (int k = 0; k < splits.Shape[0] - 1; k++)
        {
            int start = splits[k].Item<int>();
            int end = splits[k + 1].Item<int>();
            var extract = w[.., start..end];
            accParts.Add(extract[.., ..Math.Min(extract.Shape[1], crop)]);
        }
        acc = Tensor.Concat([acc, .. accParts], 1);
        return acc;
    }

    /// <summary>The fixed form over <c>Enumerable.Range</c>, rows of a window joined after a first row.</summary>
    [Compile]
    public static Tensor RowsAfterFirst(Tensor w, Tensor splits)
    {
        var acc = w[..1];
        var accParts = new List<Tensor>();
        foreach (var k in Enumerable.Range(0, splits.Shape[0] - 1))
            accParts.Add(w[splits[k].Item<int>()..splits[k + 1].Item<int>()] * 2f);
        acc = Tensor.Concat([acc, .. accParts]);
        return acc;
    }

    /// <summary>A <c>foreach</c> over a tensor of lengths: the first <c>n</c> rows of <paramref name="xs"/> for each length, joined.</summary>
    [Compile]
    public static Tensor Prefixes(Tensor xs, Tensor lengths)
    {
        var parts = new List<Tensor>();
        foreach (var n in lengths)
            parts.Add(xs[..n.Item<int>()] + 1f);
        return Tensor.Concat(parts);
    }
}
