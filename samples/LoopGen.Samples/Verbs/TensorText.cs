namespace LoopGen.Samples.Verbs;

/// <summary>Tensors shown on one line: the runtime's text, cut after about a line's worth of values.</summary>
internal static class TensorText
{
    /// <summary><see cref="Tensor.ToString"/>, shortened to about <paramref name="width"/> characters at a value boundary.</summary>
    public static string Short(Tensor t, int width = 96)
    {
        var text = t.ToString();
        if (text.Length <= width) return text;
        int cut = text.LastIndexOf(", ", width, StringComparison.Ordinal);
        return cut < 0 ? text : text[..cut] + ", …])";
    }
}
