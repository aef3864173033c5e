namespace LoopGen.Samples.Catalog;

/// <summary>Whether a compiled result matches the eager reference: same dtype and shape, values equal up to float rounding.</summary>
internal static class Agreement
{
    /// <summary>True when <paramref name="expected"/> and <paramref name="actual"/> agree.</summary>
    public static bool Agree(Tensor expected, Tensor actual)
    {
        if (expected.DType != actual.DType || expected.Shape != actual.Shape) return false;
        return expected.DType switch
        {
            // The compiled module may fuse or reorder float ops differently from eager dispatch: compare relatively.
            DType.F32 => expected.ToArray<float>().Zip(actual.ToArray<float>()).All(p => Math.Abs(p.First - p.Second) <= 1e-5 * (1 + Math.Abs(p.First))),
            DType.F64 => expected.ToArray<double>().Zip(actual.ToArray<double>()).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * (1 + Math.Abs(p.First))),
            DType.S32 => expected.ToArray<int>().SequenceEqual(actual.ToArray<int>()),
            DType.S64 => expected.ToArray<long>().SequenceEqual(actual.ToArray<long>()),
            _ => expected.ToArray<bool>().SequenceEqual(actual.ToArray<bool>()),
        };
    }
}
