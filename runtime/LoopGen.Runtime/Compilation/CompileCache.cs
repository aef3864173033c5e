using System.Diagnostics;
using LoopGen.Backends;
using LoopGen.Ir;

namespace LoopGen.Compilation;

/// <summary>
/// Executables by backend and module text, shared by every compiled function, loop and eager op: a bounded LRU
/// (<see cref="JitCache.SharedCapacity"/>). Many threads asking for the same text compile it once (the others wait
/// for that compilation); a compilation that fails is not cached, so a later call retries. An evicted executable is
/// not disposed (a call may still be running it): whoever still holds it keeps it alive, and a native one is freed
/// by its finalizer once nobody does.
/// </summary>
internal static class CompileCache
{
    private static readonly object s_lock = new();
    private static readonly Dictionary<(IBackend Backend, string Text), LinkedListNode<Slot>> s_entries = [];
    private static readonly LinkedList<Slot> s_order = new(); // most recently used first

    private sealed record Slot((IBackend Backend, string Text) Key, Lazy<Compiled> Lazy);

    /// <summary>A compiled module and how long compiling it took.</summary>
    public sealed record Compiled(IExecutable Executable, TimeSpan CompileTime);

    /// <summary>Executables evicted so far because the cache was full.</summary>
    public static long Evictions { get; private set; }

    /// <summary>
    /// The executable for <paramref name="text"/> on <paramref name="backend"/>, compiled on first use. When
    /// <paramref name="module"/> is the IR the text was printed from and the backend can compile IR directly (the
    /// interpreter), the text is only the key and is never parsed.
    /// </summary>
    public static Compiled GetOrCompile(IBackend backend, string text, Module? module = null) => GetOrCompile(backend, text, module, text, out _);

    /// <summary>
    /// As <see cref="GetOrCompile(IBackend, string, Module?)"/>, cached under <paramref name="cacheKey"/> (the text and
    /// what the IR carries besides, <see cref="CompileKey"/>); <paramref name="compiled"/> tells whether this call compiled it.
    /// </summary>
    public static Compiled GetOrCompile(IBackend backend, string text, Module? module, string cacheKey, out bool compiled)
    {
        var key = (backend, cacheKey);
        Slot slot;
        bool created = false;
        lock (s_lock)
        {
            if (s_entries.TryGetValue(key, out var node))
            {
                s_order.Remove(node);
                s_order.AddFirst(node);
                slot = node.Value;
            }
            else
            {
                slot = new Slot(key, new Lazy<Compiled>(() => Compile(backend, text, module), LazyThreadSafetyMode.ExecutionAndPublication));
                s_entries.Add(key, s_order.AddFirst(slot));
                created = true;
                Trim(JitCache.SharedCapacity);
            }
        }
        compiled = created;
        try
        {
            return slot.Lazy.Value;
        }
        catch
        {
            Remove(slot);
            throw;
        }
    }

    /// <summary>Compiles without caching (inspection measures compile time this way).</summary>
    public static Compiled Compile(IBackend backend, string text, Module? module = null)
    {
        // The interpreter verifies the IR it compiles (InterpreterProgram.Compile); a text backend is checked here.
        if (module is not null && backend is not IModuleCompiler) Ir.Verification.IrVerifier.IfEnabled(module);
        var clock = Stopwatch.StartNew();
        var exe = module is not null && backend is IModuleCompiler direct ? direct.Compile(module) : backend.Compile(text);
        return new Compiled(exe, clock.Elapsed);
    }

    /// <summary>
    /// Drops every executable compiled for <paramref name="backend"/> and disposes those that hold native resources
    /// (a PJRT backend calls this when it is disposed, so its device executables do not outlive it).
    /// </summary>
    public static int Evict(IBackend backend)
    {
        var dropped = new List<Slot>();
        lock (s_lock)
        {
            foreach (var node in s_entries.Values.ToList())
            {
                if (!ReferenceEquals(node.Value.Key.Backend, backend)) continue;
                s_entries.Remove(node.Value.Key);
                s_order.Remove(node);
                dropped.Add(node.Value);
            }
        }
        foreach (var slot in dropped)
        {
            if (slot.Lazy.IsValueCreated && slot.Lazy.Value.Executable is IDisposable disposable) disposable.Dispose();
        }
        return dropped.Count;
    }

    /// <summary>Empties the cache (nothing is disposed: the executables may still be in use).</summary>
    public static void Clear()
    {
        lock (s_lock)
        {
            s_entries.Clear();
            s_order.Clear();
        }
    }

    /// <summary>Evicts least recently used entries until at most <paramref name="capacity"/> remain.</summary>
    internal static void Trim(int capacity)
    {
        lock (s_lock)
        {
            while (s_entries.Count > capacity && s_order.Last is { } last)
            {
                s_order.RemoveLast();
                s_entries.Remove(last.Value.Key);
                Evictions++;
            }
        }
    }

    private static void Remove(Slot slot)
    {
        lock (s_lock)
        {
            if (s_entries.TryGetValue(slot.Key, out var node) && ReferenceEquals(node.Value, slot))
            {
                s_entries.Remove(slot.Key);
                s_order.Remove(node);
            }
        }
    }

    /// <summary>Number of cached executables (for tests and diagnostics).</summary>
    public static int Count
    {
        get
        {
            lock (s_lock) return s_entries.Count;
        }
    }
}

/// <summary>A backend that compiles the IR itself, without printing and parsing text (the interpreter).</summary>
internal interface IModuleCompiler
{
    /// <summary>Compiles <paramref name="module"/>'s <c>main</c>.</summary>
    IExecutable Compile(Module module);
}
