namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Lets <c>foreach (var row in xs)</c> run over a tensor's first axis (the runtime's <c>Tensor</c> has no enumerator
/// yet): eagerly it yields <c>xs[0]</c>, <c>xs[1]</c>, …; the lifter turns such a loop into a scan over the axis.
/// </summary>
internal static class TensorEnumeration
{
    public static IEnumerator<Tensor> GetEnumerator(this Tensor xs)
    {
        for (int i = 0; i < xs.Shape[0]; i++) yield return xs[i];
    }
}
