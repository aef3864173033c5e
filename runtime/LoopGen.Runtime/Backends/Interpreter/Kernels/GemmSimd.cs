using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// The few vector operations the matmul micro-kernel needs, for one vector width. Implemented by structs so the
/// JIT specialises <see cref="GemmMicroKernel"/> per width and inlines every call: one kernel serves 256- and
/// 512-bit vectors.
/// </summary>
/// <typeparam name="T">The element type (f32 or f64).</typeparam>
/// <typeparam name="TV">The vector type.</typeparam>
internal interface IGemmSimd<T, TV>
    where T : unmanaged
    where TV : struct
{
    /// <summary>Elements per vector.</summary>
    static abstract int Width { get; }

    /// <summary>Rows of the micro-tile, 6 or 12: 2·Rows accumulators plus three must fit the vector registers (16 or 32).</summary>
    static abstract int Rows { get; }

    /// <summary>Loads a vector at <paramref name="at"/> + <paramref name="offset"/> elements.</summary>
    static abstract TV Load(ref T at, nuint offset);

    /// <summary>A vector with every lane <paramref name="value"/>.</summary>
    static abstract TV Splat(T value);

    /// <summary>a·b + c, fused (one rounding).</summary>
    static abstract TV MulAdd(TV a, TV b, TV c);

    /// <summary>Stores <paramref name="v"/> at the offset, or adds it to what is there.</summary>
    static abstract void Put(ref T at, nuint offset, TV v, bool add);
}

/// <summary>512-bit vectors.</summary>
internal readonly struct Simd512<T> : IGemmSimd<T, Vector512<T>>
    where T : unmanaged
{
    public static int Width => Vector512<T>.Count;

    // AVX-512 has 32 vector registers: 24 accumulators, two B vectors and a broadcast.
    public static int Rows => 12;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T at, nuint offset) => Vector512.LoadUnsafe(ref at, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Splat(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MulAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put(ref T at, nuint offset, Vector512<T> v, bool add) =>
        (add ? Vector512.LoadUnsafe(ref at, offset) + v : v).StoreUnsafe(ref at, offset);
}

/// <summary>256-bit vectors.</summary>
internal readonly struct Simd256<T> : IGemmSimd<T, Vector256<T>>
    where T : unmanaged
{
    public static int Width => Vector256<T>.Count;

    // AVX2 has 16 vector registers: 12 accumulators, two B vectors and a broadcast.
    public static int Rows => 6;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T at, nuint offset) => Vector256.LoadUnsafe(ref at, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Splat(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MulAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        return (a * b) + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put(ref T at, nuint offset, Vector256<T> v, bool add) =>
        (add ? Vector256.LoadUnsafe(ref at, offset) + v : v).StoreUnsafe(ref at, offset);
}

/// <summary>The register-tiled micro-kernel of <see cref="Gemm"/>, written once for every vector width.</summary>
internal static class GemmMicroKernel
{
    /// <summary>
    /// C[0..Rows, 0..2W) (row stride ldc) = (or +=, when <paramref name="add"/>) packed A strip × packed B panel over
    /// kc steps: 2·Rows accumulators (Rows × 2 vectors) stay in registers while the panels stream.
    /// </summary>
    public static void Run<T, TV, TS>(int kc, ref T a, ref T b, ref T c, int ldc, bool add)
        where T : unmanaged
        where TV : struct
        where TS : struct, IGemmSimd<T, TV>
    {
        nuint w = (nuint)TS.Width;
        int nr = 2 * TS.Width;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        TV c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        TV c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        TV c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        ref T bp = ref b;
        ref T ar = ref a;
        for (int p = 0; p < kc; p++)
        {
            // Walk both panels by reference: no index arithmetic or bounds checks in the loop.
            var b0 = TS.Load(ref bp, 0);
            var b1 = TS.Load(ref bp, w);
            var x = TS.Splat(ar);
            c00 = TS.MulAdd(x, b0, c00);
            c01 = TS.MulAdd(x, b1, c01);
            x = TS.Splat(Unsafe.Add(ref ar, 1));
            c10 = TS.MulAdd(x, b0, c10);
            c11 = TS.MulAdd(x, b1, c11);
            x = TS.Splat(Unsafe.Add(ref ar, 2));
            c20 = TS.MulAdd(x, b0, c20);
            c21 = TS.MulAdd(x, b1, c21);
            x = TS.Splat(Unsafe.Add(ref ar, 3));
            c30 = TS.MulAdd(x, b0, c30);
            c31 = TS.MulAdd(x, b1, c31);
            x = TS.Splat(Unsafe.Add(ref ar, 4));
            c40 = TS.MulAdd(x, b0, c40);
            c41 = TS.MulAdd(x, b1, c41);
            x = TS.Splat(Unsafe.Add(ref ar, 5));
            c50 = TS.MulAdd(x, b0, c50);
            c51 = TS.MulAdd(x, b1, c51);
            // Folded away for 6-row tiles (TS.Rows is a JIT-time constant), so those rows take no registers.
            if (TS.Rows == 12)
            {
                x = TS.Splat(Unsafe.Add(ref ar, 6));
                c60 = TS.MulAdd(x, b0, c60);
                c61 = TS.MulAdd(x, b1, c61);
                x = TS.Splat(Unsafe.Add(ref ar, 7));
                c70 = TS.MulAdd(x, b0, c70);
                c71 = TS.MulAdd(x, b1, c71);
                x = TS.Splat(Unsafe.Add(ref ar, 8));
                c80 = TS.MulAdd(x, b0, c80);
                c81 = TS.MulAdd(x, b1, c81);
                x = TS.Splat(Unsafe.Add(ref ar, 9));
                c90 = TS.MulAdd(x, b0, c90);
                c91 = TS.MulAdd(x, b1, c91);
                x = TS.Splat(Unsafe.Add(ref ar, 10));
                ca0 = TS.MulAdd(x, b0, ca0);
                ca1 = TS.MulAdd(x, b1, ca1);
                x = TS.Splat(Unsafe.Add(ref ar, 11));
                cb0 = TS.MulAdd(x, b0, cb0);
                cb1 = TS.MulAdd(x, b1, cb1);
            }
            bp = ref Unsafe.Add(ref bp, nr);
            ar = ref Unsafe.Add(ref ar, TS.Rows);
        }
        nuint ld = (nuint)ldc;
        TS.Put(ref c, 0, c00, add);
        TS.Put(ref c, w, c01, add);
        TS.Put(ref c, ld, c10, add);
        TS.Put(ref c, ld + w, c11, add);
        TS.Put(ref c, 2 * ld, c20, add);
        TS.Put(ref c, (2 * ld) + w, c21, add);
        TS.Put(ref c, 3 * ld, c30, add);
        TS.Put(ref c, (3 * ld) + w, c31, add);
        TS.Put(ref c, 4 * ld, c40, add);
        TS.Put(ref c, (4 * ld) + w, c41, add);
        TS.Put(ref c, 5 * ld, c50, add);
        TS.Put(ref c, (5 * ld) + w, c51, add);
        if (TS.Rows < 12) return;
        TS.Put(ref c, 6 * ld, c60, add);
        TS.Put(ref c, (6 * ld) + w, c61, add);
        TS.Put(ref c, 7 * ld, c70, add);
        TS.Put(ref c, (7 * ld) + w, c71, add);
        TS.Put(ref c, 8 * ld, c80, add);
        TS.Put(ref c, (8 * ld) + w, c81, add);
        TS.Put(ref c, 9 * ld, c90, add);
        TS.Put(ref c, (9 * ld) + w, c91, add);
        TS.Put(ref c, 10 * ld, ca0, add);
        TS.Put(ref c, (10 * ld) + w, ca1, add);
        TS.Put(ref c, 11 * ld, cb0, add);
        TS.Put(ref c, (11 * ld) + w, cb1, add);
    }
}
