using System.Numerics;
using System.Numerics.Tensors;
using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter.Kernels;

/// <summary>
/// Runs a <see cref="FusedPlan"/>: the output is cut into chunks of <see cref="Chunk"/> elements; for each chunk every
/// node runs its <see cref="System.Numerics.Tensors.TensorPrimitives"/> function on chunk-sized spans (leaves read in
/// place, scalars from a chunk filled once per call, inner values in temporaries that stay in the L1 cache), the root
/// writing straight into the output. The same functions as the unfused kernels, so the results are the same. Large
/// outputs are split over the cores (<see cref="ParallelThreshold"/>).
/// </summary>
internal static class FusedKernel
{
    private delegate void SpanTernary<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> destination);

    /// <summary>Elements per chunk: a few chunk-sized temporaries fit the L1 cache.</summary>
    public const int Chunk = 2048;

    // A last piece shorter than this joins the chunk before it: TensorPrimitives runs spans this long on its widest
    // vectors (a short span would take its scalar path, whose tanh or exp may differ in the last bit from the
    // vector one), so every element is computed exactly as the unfused kernel computes it.
    private const int MinTail = 64;

    /// <summary>Outputs of at least this many elements are split over the cores.</summary>
    public const int ParallelThreshold = 1 << 17;

    /// <summary>True when <paramref name="name"/> has a float binary function.</summary>
    public static bool HasBinary(string name) => ElementwiseKernels.FloatBinary<float>(name) is not null;

    /// <summary>True when <paramref name="name"/> has a float unary function.</summary>
    public static bool HasUnary(string name) => ElementwiseKernels.FloatUnary<float>(name) is not null;

    /// <summary>Factory for <see cref="Fusion.FusedOp"/>.</summary>
    public static Kernel Create(Step s, ProgramCompiler compiler)
    {
        var plan = Check.Attr<FusedAttr>(s, "plan").Plan;
        Check.Same(s, plan.Type, s.OutTypes[0], "the result");
        return plan.Type.DType switch
        {
            DType.F32 => Make<float>(s, plan),
            DType.F64 => Make<double>(s, plan),
            _ => throw Check.Unsupported(s, plan.Type.DType),
        };
    }

    private sealed class Compiled<T>(FusedPlan plan, SpanUnary<T>?[] unary, SpanBinary<T>?[] binary, SpanTernary<T>?[] ternary)
    {
        public SpanTernary<T>?[] Ternary { get; } = ternary;

        public FusedPlan Plan { get; } = plan;

        public SpanUnary<T>?[] Unary { get; } = unary;

        public SpanBinary<T>?[] Binary { get; } = binary;
    }

    private static Kernel Make<T>(Step s, FusedPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var unary = new SpanUnary<T>?[plan.Nodes.Length];
        var binary = new SpanBinary<T>?[plan.Nodes.Length];
        var ternary = new SpanTernary<T>?[plan.Nodes.Length];
        for (int i = 0; i < plan.Nodes.Length; i++)
        {
            var node = plan.Nodes[i];
            // x * y + z, rounded twice as the two ops are (TensorPrimitives.MultiplyAdd is not a fused multiply-add).
            if (node.C is not null) ternary[i] = node.Op == Fusion.MultiplyAdd ? TensorPrimitives.MultiplyAdd : throw Check.Fail(s, $"no fused form of {node.Op}");
            else if (node.Binary) binary[i] = ElementwiseKernels.FloatBinary<T>(node.Op) ?? throw Check.Fail(s, $"no fused form of {node.Op}");
            else unary[i] = ElementwiseKernels.FloatUnary<T>(node.Op) ?? throw Check.Fail(s, $"no fused form of {node.Op}");
        }
        for (int k = 0; k < plan.ScalarLeaves.Length; k++)
        {
            var t = s.InTypes[k];
            if (t.DType != plan.Type.DType || (plan.ScalarLeaves[k] ? t.Shape.Rank != 0 : t != plan.Type)) throw Check.Fail(s, $"operand {k} is {t}");
        }
        var compiled = new Compiled<T>(plan, unary, binary, ternary);
        int count = (int)plan.Type.Shape.ElementCount;
        return (frame, st) =>
        {
            int n = st.In.Length;
            var scratch = Scratch<T>.Get();
            var leaves = scratch.Leaves(n);
            var scalars = scratch.Scalars(n);
            for (int k = 0; k < n; k++)
            {
                var data = frame.In<T>(st, k);
                if (compiled.Plan.ScalarLeaves[k]) scalars[k] = data[0];
                else leaves[k] = data;
            }
            var dst = frame.Out<T>(st, 0);
            int workers = count >= ParallelThreshold ? Math.Min(Environment.ProcessorCount, count / (ParallelThreshold / 2)) : 1;
            if (workers <= 1)
            {
                RunRange(compiled, leaves, scalars, dst, 0, count, scratch);
                Array.Clear(leaves, 0, n); // hold no input past the call
                return;
            }
            RunParallel(compiled, leaves, scalars, dst, count, workers);
            Array.Clear(leaves, 0, n);
        };
    }

    // Apart from the kernel so that its closure is allocated only by calls that split (a lambda's captures are
    // allocated where the captured variables come into scope, which inside the kernel would be every call).
    private static void RunParallel<T>(Compiled<T> compiled, T[]?[] leaves, T[] scalars, T[] dst, int count, int workers)
        where T : unmanaged
    {
        // Ranges of whole chunks, one per worker.
        int chunks = (count + Chunk - 1) / Chunk;
        Parallel.For(0, workers, w =>
        {
            int first = (int)((long)chunks * w / workers) * Chunk;
            int last = Math.Min(count, (int)((long)chunks * (w + 1) / workers) * Chunk);
            RunRange(compiled, leaves, scalars, dst, first, last);
        });
    }

    // A worker's own scratch, or the calling thread's when it is passed (a generic thread-static costs a lookup).
    private static void RunRange<T>(Compiled<T> c, T[]?[] leaves, T[] scalars, T[] dst, int start, int end, Scratch<T>? scratch = null)
        where T : unmanaged
    {
        if (start >= end) return;
        var plan = c.Plan;
        scratch ??= Scratch<T>.Get();
        var temps = scratch.Temps(plan.TempCount);
        // Scalars as chunks filled once: every node then runs span by span.
        var filled = scratch.Filled(plan.ScalarLeaves.Length);
        for (int k = 0; k < plan.ScalarLeaves.Length; k++)
        {
            if (plan.ScalarLeaves[k]) scratch.Fill(k, scalars[k], Math.Min(Chunk + MinTail, end - start));
        }
        var nodes = plan.Nodes;
        for (int off = start, len; off < end; off += len)
        {
            len = end - off < Chunk + MinTail ? end - off : Chunk;
            for (int i = 0; i < nodes.Length; i++)
            {
                var node = nodes[i];
                Span<T> d = node.Dst < 0 ? dst.AsSpan(off, len) : temps[node.Dst].AsSpan(0, len);
                var a = Read(node.A, leaves, filled, temps, off, len);
                if (node.C is { } third) c.Ternary[i]!(a, Read(node.B, leaves, filled, temps, off, len), Read(third, leaves, filled, temps, off, len), d);
                else if (node.Binary) c.Binary[i]!(a, Read(node.B, leaves, filled, temps, off, len), d);
                else c.Unary[i]!(a, d);
            }
        }
    }

    /// <summary>
    /// Per-thread arrays of the fused kernel, kept between calls so a call allocates nothing but its output. A call
    /// uses its own thread's leaves and scalars; each worker its own temporaries.
    /// </summary>
    private sealed class Scratch<T>
        where T : unmanaged
    {
        [ThreadStatic]
        private static Scratch<T>? t_current;

        private T[]?[] _leaves = [];
        private T[] _scalars = [];
        private T[][] _temps = [];
        private T[][] _filled = [];
        private T[] _filledValue = [];
        private int[] _filledLength = [];

        public static Scratch<T> Get() => t_current ??= new Scratch<T>();

        public T[]?[] Leaves(int n)
        {
            if (_leaves.Length < n) _leaves = new T[]?[n];
            return _leaves;
        }

        public T[] Scalars(int n)
        {
            if (_scalars.Length < n) _scalars = new T[n];
            return _scalars;
        }

        public T[][] Temps(int n) => Grow(ref _temps, n);

        public T[][] Filled(int n)
        {
            if (_filledLength.Length < n)
            {
                Array.Resize(ref _filledValue, n);
                Array.Resize(ref _filledLength, n);
            }
            return Grow(ref _filled, n);
        }

        /// <summary>Fills chunk <paramref name="k"/> with <paramref name="value"/> unless it already holds it (a loop body's constants are filled once).</summary>
        public void Fill(int k, T value, int length)
        {
            if (_filledLength[k] >= length && SameBits(_filledValue[k], value)) return;
            _filled[k].AsSpan(0, length).Fill(value);
            _filledValue[k] = value;
            _filledLength[k] = length;
        }

        // Bitwise, so -0 and +0 differ and a NaN matches itself.
        private static bool SameBits(T a, T b) =>
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in a)).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in b)));

        private static T[][] Grow(ref T[][] arrays, int n)
        {
            if (arrays.Length < n)
            {
                var grown = new T[n][];
                arrays.CopyTo(grown, 0);
                for (int i = arrays.Length; i < n; i++) grown[i] = new T[Chunk + MinTail];
                arrays = grown;
            }
            return arrays;
        }
    }

    private static ReadOnlySpan<T> Read<T>(FusedRef r, T[]?[] leaves, T[][] filled, T[][] temps, int off, int len) => r.Kind switch
    {
        FusedRefKind.Leaf => leaves[r.Index].AsSpan(off, len),
        FusedRefKind.Scalar => filled[r.Index].AsSpan(0, len),
        _ => temps[r.Index].AsSpan(0, len),
    };
}
