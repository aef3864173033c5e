using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// C = A·B for row-major f32/f64 matrices, the way BLAS libraries do it: all of B is packed once into panels
/// <see cref="NR"/> columns wide and <see cref="KC"/> deep (in parallel), then each task takes a block of about
/// <see cref="MC"/> rows of A (whole strips, dealt out evenly over the blocks), packs it per depth block into strips
/// <see cref="MR"/> rows high, and runs the register-tiled micro-kernel (<see cref="GemmMicroKernel"/>: an MR × NR tile of C in 2·MR vector registers, fused
/// multiply-adds, 512-bit vectors where .NET accelerates them). The first depth block stores into C and later ones
/// add, so C is never cleared first. Row blocks are sized so their count is a multiple of the core count, and a
/// product with fewer row blocks than cores is split over columns too. Accumulation order differs from a naive loop
/// only by rounding.
/// </summary>
internal static class Gemm
{
    /// <summary>Rows of the micro-tile: 12 with 512-bit vectors (32 registers), else 6 (16 registers).</summary>
    public static int MR => s_wide ? Simd512<float>.Rows : Simd256<float>.Rows;

    /// <summary>Depth of a packed block: a KC × NR panel of B stays in L1 while A strips stream from L2.</summary>
    public const int KC = 256;

    /// <summary>About the most rows of A per task (a multiple of both tile heights; the packed MC × KC block stays in L2).</summary>
    public const int MC = 96;

    /// <summary>Bytes of packed B one column chunk may take (KC deep), so it stays in a core's L2 while row blocks pass over it.</summary>
    public const int L2Budget = 512 * 1024;

    /// <summary>Products with fewer multiply-adds than this stay on the calling thread.</summary>
    public const long ParallelThreshold = 1L << 21;

    /// <summary>True when the vector kernel runs here (256-bit vectors in hardware).</summary>
    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    // 512-bit vectors where the hardware runs them well (.NET reports it), else 256-bit.
    private static readonly bool s_wide = Vector512.IsHardwareAccelerated;

    /// <summary>Columns of the micro-tile for <typeparamref name="T"/>: two vectors (512-bit where accelerated, else 256-bit).</summary>
    public static int NR<T>() => s_wide ? 2 * Vector512<T>.Count : 2 * Vector256<T>.Count;

    /// <summary>C[m×n] = A[m×k] · B[k×n] for one matrix of a batch, at the given offsets; C is overwritten.</summary>
    /// <exception cref="ArgumentException">An array is shorter than its offset and shape need (the kernel reads by reference).</exception>
    public static void Multiply<T>(T[] a, int aOff, T[] b, int bOff, T[] c, int cOff, int m, int k, int n, bool parallel)
        where T : unmanaged
    {
        // The packing and the micro-kernel read and write through refs without bounds checks: check the extents once.
        if (m < 0 || k < 0 || n < 0 || aOff < 0 || bOff < 0 || cOff < 0
            || (long)aOff + ((long)m * k) > a.Length || (long)bOff + ((long)k * n) > b.Length || (long)cOff + ((long)m * n) > c.Length)
        {
            throw new ArgumentException($"matmul of [{m}×{k}]·[{k}×{n}] does not fit its arrays ({a.Length}, {b.Length}, {c.Length} elements at {aOff}, {bOff}, {cOff})");
        }
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c.AsSpan(cOff, m * n).Clear();
            return;
        }
        int nr = NR<T>();
        int panels = (n + nr - 1) / nr;
        int kBlocks = (k + KC - 1) / KC;
        int threads = parallel && (long)m * n * k >= ParallelThreshold ? Environment.ProcessorCount : 1;

        // Row blocks of about MC rows, as many as a multiple of the cores; the strips are dealt out evenly (block ib
        // takes strips ib·strips/rowBlocks..), so no block is a short remainder that leaves a core idle at the end.
        int strips = (m + MR - 1) / MR;
        int rowBlocks = (m + MC - 1) / MC;
        if (threads > 1) rowBlocks = Math.Min(strips, (rowBlocks + threads - 1) / threads * threads);
        // Column chunks: a KC-deep chunk of packed B stays in L2 while the row blocks pass over it, and products with
        // fewer row blocks than cores are split over columns too.
        int panelsPerChunk = Math.Max(1, L2Budget / (KC * nr * Unsafe.SizeOf<T>()));
        if (threads > rowBlocks) panelsPerChunk = Math.Min(panelsPerChunk, (panels + ((threads + rowBlocks - 1) / rowBlocks) - 1) / ((threads + rowBlocks - 1) / rowBlocks));
        int colChunks = (panels + panelsPerChunk - 1) / panelsPerChunk;
        int tasks = rowBlocks * colChunks;

        var pool = ArrayPool<T>.Shared;
        var packedB = pool.Rent(panels * nr * k);
        try
        {
            // Depth block q starts at q·KC·panels·NR; in it, panel jp starts at jp·kc·NR.
            if (threads > 1) Parallel.For(0, kBlocks * panels, t => PackB(b, bOff, n, k, t / panels, t % panels, packedB, nr, panels));
            else for (int t = 0; t < kBlocks * panels; t++) PackB(b, bOff, n, k, t / panels, t % panels, packedB, nr, panels);
            for (int pc = 0; pc < k; pc += KC)
            {
                // Depth outermost: the first block stores into C, later ones add. Consecutive tasks share a column chunk.
                int depth = pc;
                if (threads > 1 && tasks > 1)
                {
                    Parallel.For(0, tasks, t => Block(a, aOff, c, cOff, m, k, n, strips, rowBlocks, depth, t % rowBlocks, t / rowBlocks, panelsPerChunk, packedB, nr, panels));
                }
                else
                {
                    for (int t = 0; t < tasks; t++) Block(a, aOff, c, cOff, m, k, n, strips, rowBlocks, depth, t % rowBlocks, t / rowBlocks, panelsPerChunk, packedB, nr, panels);
                }
            }
        }
        finally
        {
            pool.Return(packedB);
        }
    }

    // Row block ib of rowBlocks (its share of the allStrips strips of C), panels chunk·per.. of B, depth pc..pc+KC.
    private static void Block<T>(T[] a, int aOff, T[] c, int cOff, int m, int k, int n, int allStrips, int rowBlocks, int pc, int ib, int chunk, int per, T[] packedB, int nr, int panels)
        where T : unmanaged
    {
        int s0 = (int)((long)ib * allStrips / rowBlocks), s1 = (int)((long)(ib + 1) * allStrips / rowBlocks);
        int ic = s0 * MR;
        int rowsHere = Math.Min(s1 * MR, m) - ic;
        int strips = s1 - s0;
        int jp0 = chunk * per, jp1 = Math.Min(panels, jp0 + per);
        int kc = Math.Min(KC, k - pc);
        bool add = pc > 0;
        var pool = ArrayPool<T>.Shared;
        var packedA = pool.Rent(strips * MR * kc);
        var tile = pool.Rent(MR * nr);
        try
        {
            PackA(a, aOff + (ic * k) + pc, k, rowsHere, kc, packedA);
            ref T depthBlock = ref packedB[pc * panels * nr];
            for (int jp = jp0; jp < jp1; jp++)
            {
                int j = jp * nr;
                int cols = Math.Min(nr, n - j);
                ref T bp = ref Unsafe.Add(ref depthBlock, jp * kc * nr);
                for (int s = 0; s < strips; s++)
                {
                    int i = ic + (s * MR);
                    int rows = Math.Min(MR, m - i);
                    ref T ap = ref packedA[s * MR * kc];
                    if (rows == MR && cols == nr)
                    {
                        Tile(kc, ref ap, ref bp, ref c[cOff + (i * n) + j], n, add);
                        continue;
                    }
                    // Edge tile: compute into a scratch tile, then store or add the valid part.
                    Tile(kc, ref ap, ref bp, ref tile[0], nr, add: false);
                    for (int r = 0; r < rows; r++)
                    {
                        var dst = c.AsSpan(cOff + ((i + r) * n) + j, cols);
                        var src = tile.AsSpan(r * nr, cols);
                        if (add) Add(dst, src);
                        else src.CopyTo(dst);
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

    // Depth block q (rows q·KC.. of B, row stride n), panel jp: for each p, NR consecutive columns (zero padded).
    private static void PackB<T>(T[] b, int off, int n, int k, int q, int jp, T[] dst, int nr, int panels)
        where T : unmanaged
    {
        int pc = q * KC;
        int kc = Math.Min(KC, k - pc);
        int j = jp * nr;
        int cols = Math.Min(nr, n - j);
        int baseDst = (pc * panels * nr) + (jp * kc * nr);
        for (int p = 0; p < kc; p++)
        {
            var row = b.AsSpan(off + ((pc + p) * n) + j, cols);
            var to = dst.AsSpan(baseDst + (p * nr), nr);
            row.CopyTo(to);
            if (cols < nr) to[cols..].Clear();
        }
    }

    // A rows (row stride lda) into strips of MR rows: strip s holds, for each p, MR values of one column (zero padded).
    // Row by row: each row of A is read contiguously and written at stride MR into the strip (a few KB, in L1), four
    // columns per step; reading a column at stride lda instead cost about as much as the micro-kernel itself on a 64³
    // product.
    private static void PackA<T>(T[] a, int off, int lda, int mc, int kc, T[] dst)
        where T : unmanaged
    {
        int mr = MR;
        int strips = (mc + mr - 1) / mr;
        if (strips * mr * kc > dst.Length) throw new ArgumentException("packed A block too small", nameof(dst));
        ref T a0 = ref a[off];
        for (int s = 0; s < strips; s++)
        {
            int rows = Math.Min(mr, mc - (s * mr));
            ref T to = ref dst[s * mr * kc];
            for (int r = 0; r < mr; r++)
            {
                ref T d = ref Unsafe.Add(ref to, r);
                if (r >= rows)
                {
                    // Padding rows of the last strip are zero, so the full-height tile adds nothing for them.
                    for (int p = 0; p < kc; p++) Unsafe.Add(ref d, p * mr) = default;
                    continue;
                }
                // The extents were checked in Multiply: row s·MR + r of this block lies inside a.
                ref T row = ref Unsafe.Add(ref a0, ((nint)(s * mr) + r) * lda);
                int q = 0;
                for (; q + 4 <= kc; q += 4)
                {
                    ref T dq = ref Unsafe.Add(ref d, q * mr);
                    ref T rq = ref Unsafe.Add(ref row, q);
                    dq = rq;
                    Unsafe.Add(ref dq, mr) = Unsafe.Add(ref rq, 1);
                    Unsafe.Add(ref dq, 2 * mr) = Unsafe.Add(ref rq, 2);
                    Unsafe.Add(ref dq, 3 * mr) = Unsafe.Add(ref rq, 3);
                }
                for (; q < kc; q++) Unsafe.Add(ref d, q * mr) = Unsafe.Add(ref row, q);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile<T>(int kc, ref T a, ref T b, ref T c, int ldc, bool add)
        where T : unmanaged
    {
        if (s_wide) GemmMicroKernel.Run<T, Vector512<T>, Simd512<T>>(kc, ref a, ref b, ref c, ldc, add);
        else GemmMicroKernel.Run<T, Vector256<T>, Simd256<T>>(kc, ref a, ref b, ref c, ldc, add);
    }
}
