using System.Reflection;

namespace LoopGen.Samples.Catalog;

/// <summary>
/// onnx-diagnostic's crop-and-concatenate ("Export with loops") written the quadratic way, <c>acc = Tensor.Concat([acc, crop], 1)</c>: a carry
/// that grows each iteration. It is not compiled — it is the analyzers' error case, so it lives in
/// <c>Quadratic.cs.txt</c>, outside the build — and the app explains it instead of running it.
/// </summary>
internal static class QuadraticSample
{
    /// <summary>One line for <c>list</c>.</summary>
    public const string Description = "onnx-diagnostic's crop-concat the quadratic way (acc = Tensor.Concat([acc, crop], 1)): not compiled, explained";

    /// <summary>Why the loop cannot be one rolled while, and what to write instead.</summary>
    public const string Explanation =
        "A while loop keeps each carry's dtype and shape across iterations; 'acc' grows by one crop per iteration\n" +
        "(f32[2,4] → f32[2,8] → …), so no single body fits every iteration — and concatenating onto a growing tensor\n" +
        "copies it each time, quadratic work in the number of crops. The analyzers report this as build error LG0006\n" +
        "on the line of the Concat (docs/diagnostics/LG0006.md, with a code fix), and the generator leaves such a\n" +
        "method uncompiled. The linear way is the\n" +
        "crop-concat sample: collect the crops in a List<Tensor> and concatenate once after the loop (a preallocated\n" +
        "scan output filled with dynamic_update_slice).";

    /// <summary>The method's source, as kept in <c>Quadratic.cs.txt</c>.</summary>
    public static string Source()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("LoopGen.Samples.Quadratic.cs.txt")
            ?? throw new InvalidOperationException("the Quadratic.cs.txt resource is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The run-time error the same growing carry gets when written with the loop API by hand (no generator
    /// involved): the trace stops at the first iteration whose carry changes shape, naming it and both shapes.
    /// </summary>
    public static string RuntimeError()
    {
        var (image, starts) = SampleCatalog.CropInputs(4);
        var quadratic = Jit.Compile((Tensor w, Tensor s, int crop) =>
        {
            var first = Tensor.DynamicSlice(w, [Tensor.Scalar(0), s[0]], [w.Shape[0], crop]);
            return Loop.Fori(1, s.Shape[0], (k, acc) => Tensor.Concat([acc, Tensor.DynamicSlice(w, [Tensor.Scalar(0), s[k]], [w.Shape[0], crop])], 1), first, names: ["acc"]);
        }, "crop_concat_quadratic");
        try
        {
            quadratic.Lower(image, starts, 4);
            return "(no error: the runtime accepted a growing carry — this is a bug, please report it)";
        }
        catch (LoopCarryException e)
        {
            return e.Message;
        }
    }
}
