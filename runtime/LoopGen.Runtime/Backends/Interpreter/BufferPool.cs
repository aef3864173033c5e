using LoopGen.Ir;

namespace LoopGen.Backends.Interpreter;

/// <summary>
/// A reference-counted array inside one call. <see cref="Refs"/> counts the frame slots (and control-flow carries)
/// holding it; when a pooled buffer's count drops to zero its array goes back to the <see cref="BufferPool"/>.
/// Non-pooled buffers (arguments, constants) are never counted, so they can be shared across threads.
/// </summary>
internal sealed class Buf
{
    internal Buf(Array data, bool pooled, int classId)
    {
        Data = data;
        Pooled = pooled;
        ClassId = classId;
    }

    /// <summary>The elements, row-major.</summary>
    public Array Data { get; }

    /// <summary>True when the array was produced during this call and may be recycled.</summary>
    public bool Pooled { get; }

    /// <summary>The pool class (dtype, element count) the array belongs to; -1 when not pooled.</summary>
    public int ClassId { get; }

    /// <summary>Number of live holders; meaningful only when <see cref="Pooled"/>.</summary>
    public int Refs;
}

/// <summary>Counters of one call: how many arrays were allocated and how many came from the pool.</summary>
internal readonly record struct ExecutionStats(long ArraysAllocated, long ArraysReused);

/// <summary>
/// Per-call free lists of arrays, one per size class. Classes are numbered at compile time, so renting is an
/// array index, not a dictionary lookup. Not thread-safe: each call owns one.
/// </summary>
internal sealed class BufferPool
{
    private readonly Stack<Buf>?[] _free;

    internal BufferPool(int classCount) => _free = new Stack<Buf>?[classCount];

    /// <summary>Arrays created by <see cref="Rent"/>.</summary>
    public long Allocated { get; private set; }

    /// <summary>Arrays handed out again by <see cref="Rent"/>.</summary>
    public long Reused { get; private set; }

    /// <summary>
    /// A buffer of <paramref name="count"/> elements of <paramref name="dtype"/> with <see cref="Buf.Refs"/> = 0.
    /// Its contents are arbitrary: kernels write every element.
    /// </summary>
    public Buf Rent(int classId, DType dtype, long count, TensorType? type = null)
    {
        var stack = _free[classId];
        if (stack is { Count: > 0 })
        {
            Reused++;
            return stack.Pop();
        }
        Allocated++;
        return new Buf(NewUninitialized(dtype, count, type), pooled: true, classId);
    }

    /// <summary>Puts a buffer nobody holds any more back on its free list.</summary>
    public void Return(Buf buf)
    {
        (_free[buf.ClassId] ??= new Stack<Buf>()).Push(buf);
    }

    /// <summary>
    /// Arrays of fewer elements than this are allocated zeroed (the GC clears them anyway); larger ones skip the
    /// zeroing. A kernel that writes zeros may skip its fill on an array <see cref="Rent"/> just allocated below this size.
    /// </summary>
    public const long ZeroedBelow = 2048;

    // Kernels write every element of what they rent, so large arrays skip the zeroing (GC.AllocateUninitializedArray).
    private static Array NewUninitialized(DType dtype, long count, TensorType? type)
    {
        if (count < ZeroedBelow || count > Array.MaxLength) return NewArray(dtype, count, type);
        int n = (int)count;
        try
        {
            return dtype switch
            {
                DType.Pred => GC.AllocateUninitializedArray<bool>(n),
                DType.S32 => GC.AllocateUninitializedArray<int>(n),
                DType.S64 => GC.AllocateUninitializedArray<long>(n),
                DType.F32 => GC.AllocateUninitializedArray<float>(n),
                DType.F64 => GC.AllocateUninitializedArray<double>(n),
                _ => NewArray(dtype, count, type),
            };
        }
        catch (OutOfMemoryException)
        {
            return NewArray(dtype, count, type); // reports the shape
        }
    }

    /// <summary>A new zeroed host array for the dtype.</summary>
    /// <exception cref="TensorShapeException">The array is larger than .NET allows or the memory is not there.</exception>
    public static Array NewArray(DType dtype, long count, TensorType? type = null)
    {
        if (count > Array.MaxLength || count < 0)
        {
            throw new TensorShapeException($"{What(dtype, count, type)} does not fit one .NET array (at most {Array.MaxLength} elements)");
        }
        int n = (int)count;
        try
        {
            return dtype switch
            {
                DType.Pred => new bool[n],
                DType.S32 => new int[n],
                DType.S64 => new long[n],
                DType.F32 => new float[n],
                DType.F64 => new double[n],
                _ => throw new NotSupportedException($"the interpreter has no kernels for dtype {dtype.Name()}"),
            };
        }
        catch (OutOfMemoryException e)
        {
            // One large array the process cannot get: say which tensor, and leave the process running.
            throw new TensorShapeException($"could not allocate {What(dtype, count, type)}, {count * dtype.ByteSize()} bytes: out of memory", e);
        }
    }

    // Only for messages: formatting the type on every allocation cost more than the allocation itself.
    private static string What(DType dtype, long count, TensorType? type) =>
        type is null ? $"a {dtype.Name()} tensor of {count} elements" : $"the tensor {type} ({count} elements)";
}
