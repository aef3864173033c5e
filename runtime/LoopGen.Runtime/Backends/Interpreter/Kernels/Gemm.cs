using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// C = A·B for row-major f32/f64 matrices, the way BLAS libraries do it: B is packed once per block of
/// <see cref="KC"/> rows into panels <see cref="NR"/> columns wide, A per block of <see cref="MC"/> rows into panels
/// <see cref="MR"/> rows high, and a register-tiled micro-kernel keeps an MR × NR tile of C in 12 vector registers
/// while it streams the two panels (fused multiply-adds; 512-bit vectors where .NET accelerates them). Blocks of A rows run on all cores (<see cref="Parallel.For(int, int, Action{int})"/>)
/// when the product is large enough to pay for it. Accumulation order differs from a naive loop only by rounding.
/// </summary>
internal static class Gemm
{
    /// <summary>Rows of the micro-tile.</summary>
    public const int MR = 6;

    /// <summary>Depth of a packed block: KC rows of B (KC × NR panels stay in the L1/L2 cache).</summary>
    public const int KC = 256;

    /// <summary>Rows of A per parallel task (a multiple of <see cref="MR"/>; the packed block stays in L2).</summary>
    public const int MC = 72;

    /// <summary>Products with fewer multiply-adds than this stay on the calling thread.</summary>
    public const long ParallelThreshold = 1L << 21;

    /// <summary>True when the vector kernel runs here (256-bit vectors in hardware).</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    // 512-bit vectors where the hardware runs them well (.NET reports it), else 256-bit.
    private static readonly bool s_wide = Vector512.IsHardwareAccelerated;

    /// <summary>Columns of the micro-tile for <typeparamref name="T"/>: two vectors (512-bit where accelerated, else 256-bit).</summary>
    public static int NR<T>() => s_wide ? 2 * Vector512<T>.Count : 2 * Vector256<T>.Count;

    /// <summary>C[m×n] = A[m×k] · B[k×n] for one matrix of a batch, at the given offsets; C is overwritten.</summary>
    public static void Multiply<T>(T[] a, int aOff, T[] b, int bOff, T[] c, int cOff, int m, int k, int n, bool parallel)
        where T : unmanaged
    {
        c.AsSpan(cOff, m * n).Clear();
        if (m == 0 || n == 0 || k == 0) return;
        int nr = NR<T>();
        int panels = (n + nr - 1) / nr;
        var pool = ArrayPool<T>.Shared;
        var packedB = pool.Rent(panels * nr * Math.Min(k, KC));
        try
        {
            for (int pc = 0; pc < k; pc += KC)
            {
                int kc = Math.Min(KC, k - pc);
                PackB(b, bOff + (pc * n), n, kc, packedB, nr);
                int blocks = (m + MC - 1) / MC;
                bool split = parallel && blocks > 1 && (long)m * n * kc >= ParallelThreshold && Environment.ProcessorCount > 1;
                if (split)
                {
                    Parallel.For(0, blocks, ib => Block(a, aOff, c, cOff, m, k, n, pc, kc, ib * MC, packedB, nr));
                }
                else
                {
                    for (int ib = 0; ib < blocks; ib++) Block(a, aOff, c, cOff, m, k, n, pc, kc, ib * MC, packedB, nr);
                }
            }
        }
        finally
        {
            pool.Return(packedB);
        }
    }

    // One block of MC rows of A against every panel of B, for depth pc..pc+kc.
    private static void Block<T>(T[] a, int aOff, T[] c, int cOff, int m, int k, int n, int pc, int kc, int ic, T[] packedB, int nr)
        where T : unmanaged
    {
        int mc = Math.Min(MC, m - ic);
        int strips = (mc + MR - 1) / MR;
        var pool = ArrayPool<T>.Shared;
        var packedA = pool.Rent(strips * MR * kc);
        var tile = pool.Rent(MR * nr);
        try
        {
            PackA(a, aOff + (ic * k) + pc, k, mc, kc, packedA);
            int panels = (n + nr - 1) / nr;
            for (int jp = 0; jp < panels; jp++)
            {
                int j = jp * nr;
                int cols = Math.Min(nr, n - j);
                ref T bp = ref packedB[jp * nr * kc];
                for (int s = 0; s < strips; s++)
                {
                    int i = ic + (s * MR);
                    int rows = Math.Min(MR, m - i);
                    ref T ap = ref packedA[s * MR * kc];
                    if (rows == MR && cols == nr)
                    {
                        Tile(kc, ref ap, ref bp, ref c[cOff + (i * n) + j], n);
                    }
                    else
                    {
                        // Edge tile: compute into a scratch tile, add the valid part.
                        tile.AsSpan(0, MR * nr).Clear();
                        Tile(kc, ref ap, ref bp, ref tile[0], nr);
                        for (int r = 0; r < rows; r++)
                        {
                            var dst = c.AsSpan(cOff + ((i + r) * n) + j, cols);
                            var src = tile.AsSpan(r * nr, cols);
                            Add(dst, src);
                        }
                    }
                }
            }
        }
        finally
        {
            pool.Return(packedA);
            pool.Return(tile);
        }
    }

    private static void Add<T>(Span<T> dst, ReadOnlySpan<T> src)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            System.Numerics.Tensors.TensorPrimitives.Add(
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(dst), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(src),
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(dst));
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Add(
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(dst), System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(src),
                System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(dst));
        }
    }

    // B rows pc..pc+kc (row stride n) into panels: panel jp holds, for each p, NR consecutive columns (zero padded).
    private static void PackB<T>(T[] b, int off, int n, int kc, T[] dst, int nr)
        where T : unmanaged
    {
        int panels = (n + nr - 1) / nr;
        for (int jp = 0; jp < panels; jp++)
        {
            int j = jp * nr;
            int cols = Math.Min(nr, n - j);
            int baseDst = jp * nr * kc;
            for (int p = 0; p < kc; p++)
            {
                var row = b.AsSpan(off + (p * n) + j, cols);
                var to = dst.AsSpan(baseDst + (p * nr), nr);
                row.CopyTo(to);
                if (cols < nr) to[cols..].Clear();
            }
        }
    }

    // A rows (row stride lda) into strips of MR rows: strip s holds, for each p, MR values of one column (zero padded).
    private static void PackA<T>(T[] a, int off, int lda, int mc, int kc, T[] dst)
        where T : unmanaged
    {
        int strips = (mc + MR - 1) / MR;
        for (int s = 0; s < strips; s++)
        {
            int rows = Math.Min(MR, mc - (s * MR));
            int baseDst = s * MR * kc;
            for (int r = 0; r < MR; r++)
            {
                if (r < rows)
                {
                    int src = off + (((s * MR) + r) * lda);
                    for (int p = 0; p < kc; p++) dst[baseDst + (p * MR) + r] = a[src + p];
                }
                else
                {
                    for (int p = 0; p < kc; p++) dst[baseDst + (p * MR) + r] = default;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<T>(int kc, ref T a, ref T b, ref T c, int ldc)
        where T : unmanaged
    {
        if (s_wide) MicroKernel512(kc, ref a, ref b, ref c, ldc);
        else MicroKernel(kc, ref a, ref b, ref c, ldc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return (a * b) + c;
    }

    // The 512-bit twin of MicroKernel.
    private static void MicroKernel512<T>(int kc, ref T a, ref T b, ref T c, int ldc)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        int nr = 2 * w;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        ref T bp = ref b;
        ref T ar = ref a;
        for (int p = 0; p < kc; p++)
        {
            // Walk both panels by reference: no index arithmetic in the loop.
            var b0 = Vector512.LoadUnsafe(ref bp);
            var b1 = Vector512.LoadUnsafe(ref bp, (nuint)w);
            var x = Vector512.Create(ar);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref ar, 1));
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref ar, 2));
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref ar, 3));
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref ar, 4));
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref ar, 5));
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
            bp = ref Unsafe.Add(ref bp, nr);
            ar = ref Unsafe.Add(ref ar, MR);
        }
        Store(ref c, 0, w, ldc, c00, c01);
        Store(ref c, 1, w, ldc, c10, c11);
        Store(ref c, 2, w, ldc, c20, c21);
        Store(ref c, 3, w, ldc, c30, c31);
        Store(ref c, 4, w, ldc, c40, c41);
        Store(ref c, 5, w, ldc, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T c, int row, int w, int ldc, Vector512<T> v0, Vector512<T> v1)
        where T : unmanaged
    {
        nuint at = (nuint)(row * ldc);
        (Vector512.LoadUnsafe(ref c, at) + v0).StoreUnsafe(ref c, at);
        (Vector512.LoadUnsafe(ref c, at + (nuint)w) + v1).StoreUnsafe(ref c, at + (nuint)w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return (a * b) + c;
    }

    // C[0..MR, 0..NR) (row stride ldc) += packed A strip × packed B panel, over kc steps; 12 accumulators.
    private static void MicroKernel<T>(int kc, ref T a, ref T b, ref T c, int ldc)
        where T : unmanaged
    {
        int w = Vector256<T>.Count;
        int nr = 2 * w;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.LoadUnsafe(ref b, (nuint)(p * nr));
            var b1 = Vector256.LoadUnsafe(ref b, (nuint)((p * nr) + w));
            ref T ar = ref Unsafe.Add(ref a, p * MR);
            var x = Vector256.Create(ar);
            c00 = Fma(x, b0, c00);
            c01 = Fma(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref ar, 1));
            c10 = Fma(x, b0, c10);
            c11 = Fma(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref ar, 2));
            c20 = Fma(x, b0, c20);
            c21 = Fma(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref ar, 3));
            c30 = Fma(x, b0, c30);
            c31 = Fma(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref ar, 4));
            c40 = Fma(x, b0, c40);
            c41 = Fma(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref ar, 5));
            c50 = Fma(x, b0, c50);
            c51 = Fma(x, b1, c51);
        }
        Store(ref c, 0, w, ldc, c00, c01);
        Store(ref c, 1, w, ldc, c10, c11);
        Store(ref c, 2, w, ldc, c20, c21);
        Store(ref c, 3, w, ldc, c30, c31);
        Store(ref c, 4, w, ldc, c40, c41);
        Store(ref c, 5, w, ldc, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T c, int row, int w, int ldc, Vector256<T> v0, Vector256<T> v1)
        where T : unmanaged
    {
        nuint at = (nuint)(row * ldc);
        (Vector256.LoadUnsafe(ref c, at) + v0).StoreUnsafe(ref c, at);
        (Vector256.LoadUnsafe(ref c, at + (nuint)w) + v1).StoreUnsafe(ref c, at + (nuint)w);
    }
}
