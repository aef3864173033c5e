using LoopGen.Compilation;

namespace LoopGen;

/// <summary>
/// The compile caches and their bounds. Each compiled function keeps its executables in its own LRU, one entry per
/// signature (tensor dtypes and shapes, static argument values), at most <see cref="DefaultCapacity"/> entries
/// unless its own <c>CacheCapacity</c> says otherwise; beneath them one LRU shared by all functions, loops and eager
/// ops holds executables by module text (<see cref="SharedCapacity"/>). So a method called with 10 000 distinct
/// static values keeps the last 64 of them, not 10 000 executables. An evicted signature is traced and compiled
/// again on its next call.
/// </summary>
public static class JitCache
{
    /// <summary>The default of <see cref="DefaultCapacity"/>: 64 signatures per compiled function.</summary>
    public const int DefaultCapacityValue = 64;

    /// <summary>The default of <see cref="SharedCapacity"/>: 512 executables.</summary>
    public const int SharedCapacityValue = 512;

    private static int s_defaultCapacity = DefaultCapacityValue;
    private static int s_sharedCapacity = SharedCapacityValue;

    /// <summary>
    /// Signatures each compiled function keeps (least recently used evicted first) when its own capacity is not set;
    /// at least 1. Lowering it takes effect at each function's next compile.
    /// </summary>
    public static int DefaultCapacity
    {
        get => Volatile.Read(ref s_defaultCapacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_defaultCapacity, value);
        }
    }

    /// <summary>Executables the shared by-text cache keeps (least recently used evicted first); at least 1. Lowering it evicts at once.</summary>
    public static int SharedCapacity
    {
        get => Volatile.Read(ref s_sharedCapacity);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_sharedCapacity, value);
            CompileCache.Trim(value);
        }
    }

    /// <summary>Executables in the shared by-text cache now.</summary>
    public static int SharedCount => CompileCache.Count;

    /// <summary>Executables evicted from the shared cache so far because it was full.</summary>
    public static long SharedEvictions => CompileCache.Evictions;

    /// <summary>
    /// Empties the shared by-text cache (each function's own entries stay; clear those with its <c>ClearCache</c>).
    /// Nothing is disposed: a call may still be running an executable.
    /// </summary>
    public static void ClearShared() => CompileCache.Clear();
}

/// <summary>What a compiled function's cache holds and has done, for inspection and tests.</summary>
/// <param name="Name">The compiled function's name.</param>
/// <param name="Entries">Signatures cached now.</param>
/// <param name="Capacity">The most signatures it keeps.</param>
/// <param name="Traces">Times a signature was traced for a call (Lower's traces not counted).</param>
/// <param name="Compiles">Times a trace was compiled: every trace on the interpreter (it compiles the IR), those whose text was not in the shared cache elsewhere.</param>
/// <param name="Hits">Calls that found their signature cached.</param>
/// <param name="Evictions">Signatures evicted because the cache was full.</param>
public readonly record struct JitCacheStats(string Name, int Entries, int Capacity, long Traces, long Compiles, long Hits, long Evictions);
