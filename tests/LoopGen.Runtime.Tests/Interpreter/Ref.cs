namespace LoopGen.Tests.Interpreter;

/// <summary>
/// Plain reference implementations for tests, written element by element with multi-indices (a different route
/// from the interpreter's strided copies), on arrays of any element type.
/// </summary>
internal static class Ref
{
    public static long Count(int[] dims) => dims.Aggregate(1L, (a, d) => a * d);

    public static int[] Unravel(long flat, int[] dims)
    {
        var idx = new int[dims.Length];
        for (int k = dims.Length - 1; k >= 0; k--)
        {
            idx[k] = (int)(flat % dims[k]);
            flat /= dims[k];
        }
        return idx;
    }

    public static long Ravel(int[] idx, int[] dims)
    {
        long flat = 0;
        for (int k = 0; k < dims.Length; k++) flat = flat * dims[k] + idx[k];
        return flat;
    }

    /// <summary>A new array of the same element type as <paramref name="like"/>, shaped <paramref name="dims"/>, with result[i] = src[map(i)].</summary>
    public static Array Build(Array like, int[] dims, Func<int[], object> element)
    {
        var result = Array.CreateInstance(like.GetType().GetElementType()!, Count(dims));
        for (long i = 0; i < result.Length; i++) result.SetValue(element(Unravel(i, dims)), i);
        return result;
    }

    public static object At(Array src, int[] srcDims, int[] idx) => src.GetValue(Ravel(idx, srcDims))!;
}
