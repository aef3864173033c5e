using System.Numerics;
using System.Numerics.Tensors;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// dot_general for any batching and contracting dims: both operands are relaid out (when needed) as lhs [B, M, K]
/// and rhs [B, K, N]; f32/f64 matrices then go through the packed, register-tiled, multi-core <see cref="Gemm"/>,
/// and the rest (integers, matrix-vector shapes) accumulate each output row with vectorised multiply-adds over rhs rows.
/// </summary>
internal static class DotGeneralKernel
{
    /// <summary>Factory for <see cref="Ops.DotGeneral"/>.</summary>
    public static Kernel Create(Step s, ProgramCompiler compiler)
    {
        Check.Arity(s, 2, 1);
        var lhs = s.InTypes[0];
        var rhs = s.InTypes[1];
        var outT = s.OutTypes[0];
        if (lhs.DType != rhs.DType || lhs.DType != outT.DType) throw Check.Fail(s, $"operands {lhs}, {rhs} and result {outT} must share a dtype");
        var dn = Check.Attr<DotDimensionsAttr>(s, "dot_dimension_numbers");
        long[] lb = [.. dn.LhsBatching], rb = [.. dn.RhsBatching], lc = [.. dn.LhsContracting], rc = [.. dn.RhsContracting];
        if (lb.Length != rb.Length || lc.Length != rc.Length) throw Check.Fail(s, "batching and contracting dimension lists must pair up");
        var lhsFree = Free(s, lhs, lb, lc, "lhs");
        var rhsFree = Free(s, rhs, rb, rc, "rhs");

        long b = 1, k = 1, m = 1, n = 1;
        var resultDims = new List<int>();
        for (int i = 0; i < lb.Length; i++)
        {
            int size = lhs.Shape[(int)lb[i]];
            if (rhs.Shape[(int)rb[i]] != size) throw Check.Fail(s, $"batch dims lhs {lb[i]} and rhs {rb[i]} differ in size");
            b *= size;
            resultDims.Add(size);
        }
        for (int i = 0; i < lc.Length; i++)
        {
            int size = lhs.Shape[(int)lc[i]];
            if (rhs.Shape[(int)rc[i]] != size) throw Check.Fail(s, $"contracting dims lhs {lc[i]} and rhs {rc[i]} differ in size");
            k *= size;
        }
        foreach (var d in lhsFree)
        {
            m *= lhs.Shape[d];
            resultDims.Add(lhs.Shape[d]);
        }
        foreach (var d in rhsFree)
        {
            n *= rhs.Shape[d];
            resultDims.Add(rhs.Shape[d]);
        }
        Check.Same(s, new TensorType(outT.DType, new Shape([.. resultDims])), outT, "the result");

        var lhsLayout = Relayout(compiler, lhs, [.. lb.Select(x => (int)x), .. lhsFree, .. lc.Select(x => (int)x)]);
        var rhsLayout = Relayout(compiler, rhs, [.. rb.Select(x => (int)x), .. rc.Select(x => (int)x), .. rhsFree]);
        var shape = new MatmulShape((int)b, (int)m, (int)k, (int)n);
        return outT.DType switch
        {
            DType.F32 => Make<float>(shape, lhsLayout, rhsLayout),
            DType.F64 => Make<double>(shape, lhsLayout, rhsLayout),
            DType.S32 => Make<int>(shape, lhsLayout, rhsLayout),
            DType.S64 => Make<long>(shape, lhsLayout, rhsLayout),
            _ => throw Check.Unsupported(s, outT.DType),
        };
    }

    private readonly record struct MatmulShape(int B, int M, int K, int N);

    /// <summary>How to bring an operand into [batch, rows, cols] order (null when it already is).</summary>
    private sealed record Layout(int ClassId, DType DType, long Count, long[] SrcStrides, int[] Dims, long[] DstStrides);

    private static int[] Free(Step s, TensorType t, long[] batch, long[] contract, string which)
    {
        var used = new HashSet<long>();
        foreach (var d in batch.Concat(contract))
        {
            if (d < 0 || d >= t.Shape.Rank || !used.Add(d)) throw Check.Fail(s, $"{which} dimension {d} is out of range or repeated for {t}");
        }
        return [.. Enumerable.Range(0, t.Shape.Rank).Where(d => !used.Contains(d))];
    }

    private static Layout? Relayout(ProgramCompiler compiler, TensorType t, int[] order)
    {
        bool identity = true;
        for (int i = 0; i < order.Length; i++) identity &= order[i] == i;
        if (identity) return null;
        var strides = t.Shape.Strides();
        var dims = order.Select(d => t.Shape[d]).ToArray();
        long count = t.Shape.ElementCount;
        return new Layout(compiler.ClassOf(t.DType, count), t.DType, count, [.. order.Select(d => strides[d])], dims, Strided.RowMajor(dims));
    }

    private static Kernel Make<T>(MatmulShape sh, Layout? lhsLayout, Layout? rhsLayout)
        where T : unmanaged, INumber<T> => (frame, s) =>
    {
        var lhsTemp = Arrange(frame, frame.In(s, 0), lhsLayout);
        var rhsTemp = Arrange(frame, frame.In(s, 1), rhsLayout);
        var a = (T[])(lhsTemp?.Data ?? frame.In(s, 0));
        var b = (T[])(rhsTemp?.Data ?? frame.In(s, 1));
        var c = frame.Out<T>(s, 0);
        Multiply(a, b, c, sh);
        if (lhsTemp is not null) frame.Pool.Return(lhsTemp);
        if (rhsTemp is not null) frame.Pool.Return(rhsTemp);
    };

    private static Buf? Arrange(Frame frame, Array src, Layout? layout)
    {
        if (layout is null) return null;
        // Scratch comes from the call's pool and goes straight back, so a matmul in a loop body allocates it once.
        var tmp = frame.Pool.Rent(layout.ClassId, layout.DType, layout.Count);
        Strided.Copy(src, 0, layout.SrcStrides, tmp.Data, 0, layout.DstStrides, layout.Dims);
        return tmp;
    }

    private static void Multiply<T>(T[] a, T[] b, T[] c, MatmulShape sh)
        where T : unmanaged, INumber<T>
    {
        int m = sh.M, k = sh.K, n = sh.N;
        // f32/f64 products with room for micro-tiles go to the blocked kernel; vector-shaped ones (m or n tiny) and
        // integers stay on the row kernel below, where packing would cost more than it saves.
        if ((typeof(T) == typeof(float) || typeof(T) == typeof(double)) && Gemm.IsAccelerated && m >= 4 && n >= 8 && k >= 4)
        {
            long perMatrix = (long)m * n * k;
            if (sh.B > 1 && perMatrix < Gemm.ParallelThreshold && Environment.ProcessorCount > 1)
            {
                // Many small matrices: one per task, each on one thread.
                Parallel.For(0, sh.B, bi => Gemm.Multiply(a, bi * m * k, b, bi * k * n, c, bi * m * n, m, k, n, parallel: false));
            }
            else
            {
                for (int bi = 0; bi < sh.B; bi++) Gemm.Multiply(a, bi * m * k, b, bi * k * n, c, bi * m * n, m, k, n, parallel: true);
            }
            return;
        }
        c.AsSpan().Clear();
        for (int bi = 0; bi < sh.B; bi++)
        {
            int aBase = bi * m * k, bBase = bi * k * n, cBase = bi * m * n;
            for (int i = 0; i < m; i++)
            {
                var row = c.AsSpan(cBase + (i * n), n);
                for (int p = 0; p < k; p++)
                {
                    T av = a[aBase + (i * k) + p];
                    // row += av * b[p, :], vectorised; the i-k-j order keeps both rows contiguous.
                    TensorPrimitives.MultiplyAdd(b.AsSpan(bBase + (p * n), n), av, row, row);
                }
            }
        }
    }
}
