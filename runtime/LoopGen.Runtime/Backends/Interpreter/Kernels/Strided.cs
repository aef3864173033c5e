namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// The one data-movement primitive behind broadcast, transpose, reverse, slice, dynamic slices, concatenate, pad and
/// the dot_general relayout: for every index i over <c>dims</c>,
/// <c>dst[dstOffset + Σ i_k·dstStrides_k] = src[srcOffset + Σ i_k·srcStrides_k]</c>. Strides may be 0 (broadcast)
/// or negative (reverse). The innermost dimension runs as a span copy or fill when its strides allow.
/// </summary>
internal static class Strided
{
    /// <summary>Row-major strides of <paramref name="dims"/>, in elements.</summary>
    public static long[] RowMajor(ReadOnlySpan<int> dims)
    {
        var strides = new long[dims.Length];
        long s = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= dims[i];
        }
        return strides;
    }

    /// <summary>The strided copy on arrays of any interpreter element type (both arrays of the same type).</summary>
    public static void Copy(Array src, long srcOffset, long[] srcStrides, Array dst, long dstOffset, long[] dstStrides, int[] dims)
    {
        switch (src)
        {
            case float[] a: Copy(a, srcOffset, srcStrides, (float[])dst, dstOffset, dstStrides, dims); break;
            case double[] a: Copy(a, srcOffset, srcStrides, (double[])dst, dstOffset, dstStrides, dims); break;
            case int[] a: Copy(a, srcOffset, srcStrides, (int[])dst, dstOffset, dstStrides, dims); break;
            case long[] a: Copy(a, srcOffset, srcStrides, (long[])dst, dstOffset, dstStrides, dims); break;
            case bool[] a: Copy(a, srcOffset, srcStrides, (bool[])dst, dstOffset, dstStrides, dims); break;
            default: throw new NotSupportedException($"the interpreter has no kernels for {src.GetType().Name}");
        }
    }

    /// <summary>The strided copy, typed.</summary>
    public static void Copy<T>(T[] src, long srcOffset, long[] srcStrides, T[] dst, long dstOffset, long[] dstStrides, int[] dims)
    {
        int rank = dims.Length;
        foreach (var d in dims)
        {
            if (d == 0) return;
        }
        if (rank == 0)
        {
            dst[dstOffset] = src[srcOffset];
            return;
        }
        int inner = dims[rank - 1];
        long ss = srcStrides[rank - 1], ds = dstStrides[rank - 1];
        Span<int> index = rank <= 16 ? stackalloc int[rank] : new int[rank];
        index.Clear();
        long so = srcOffset, dof = dstOffset;
        while (true)
        {
            if (ss == 1 && ds == 1)
            {
                src.AsSpan(checked((int)so), inner).CopyTo(dst.AsSpan(checked((int)dof), inner));
            }
            else if (ss == 0 && ds == 1)
            {
                dst.AsSpan(checked((int)dof), inner).Fill(src[so]);
            }
            else
            {
                long s = so, d = dof;
                for (int i = 0; i < inner; i++, s += ss, d += ds) dst[d] = src[s];
            }

            // Odometer over the outer dimensions.
            int k = rank - 2;
            for (; k >= 0; k--)
            {
                so += srcStrides[k];
                dof += dstStrides[k];
                if (++index[k] < dims[k]) break;
                so -= srcStrides[k] * dims[k];
                dof -= dstStrides[k] * dims[k];
                index[k] = 0;
            }
            if (k < 0) return;
        }
    }

    /// <summary>Fills <paramref name="dst"/> with element 0 of <paramref name="value"/> (same element type).</summary>
    public static void Fill(Array dst, Array value)
    {
        switch (dst)
        {
            case float[] a: a.AsSpan().Fill(((float[])value)[0]); break;
            case double[] a: a.AsSpan().Fill(((double[])value)[0]); break;
            case int[] a: a.AsSpan().Fill(((int[])value)[0]); break;
            case long[] a: a.AsSpan().Fill(((long[])value)[0]); break;
            case bool[] a: a.AsSpan().Fill(((bool[])value)[0]); break;
            default: throw new NotSupportedException($"the interpreter has no kernels for {dst.GetType().Name}");
        }
    }

    /// <summary>True when element 0 of <paramref name="value"/> is all zero bits (so not -0.0): what a new array holds.</summary>
    public static bool IsZero(Array value) => value switch
    {
        float[] a => BitConverter.SingleToInt32Bits(a[0]) == 0,
        double[] a => BitConverter.DoubleToInt64Bits(a[0]) == 0,
        int[] a => a[0] == 0,
        long[] a => a[0] == 0,
        bool[] a => !a[0],
        _ => false,
    };

    /// <summary>Reads a 0-d integer (s32 or s64) index operand.</summary>
    public static long ReadIndex(Array a) => a switch
    {
        int[] i => i[0],
        long[] l => l[0],
        _ => throw new InvalidOperationException($"an index operand must be s32 or s64, got {a.GetType().Name}"),
    };
}
