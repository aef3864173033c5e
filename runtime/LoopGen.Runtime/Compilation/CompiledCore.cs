using System.Collections.Concurrent;
using LoopGen.Backends;
using LoopGen.Ir.Text;
using LoopGen.Tracing;

namespace LoopGen.Compilation;

/// <summary>
/// The untyped machinery behind <see cref="CompiledFunction{T1, TResult}"/> and its siblings: trace once per
/// signature, compile, cache (a bounded LRU, <see cref="JitCache"/>), run. Thread-safe: concurrent first calls with
/// one signature trace and compile once.
/// </summary>
internal sealed class CompiledCore
{
    private readonly Func<object?[], object?> _fn;
    private readonly string[] _parameterNames;
    private readonly ConcurrentDictionary<Signature, Slot> _entries = new();
    private readonly object _evictLock = new();
    private Slot? _mostRecent;
    private long _clock;
    private int _capacity; // 0 = JitCache.DefaultCapacity
    private long _traceCount, _compileCount, _hitCount, _evictionCount;

    public CompiledCore(string name, Func<object?[], object?> fn, string[]? parameterNames = null)
    {
        Name = name;
        _fn = fn;
        _parameterNames = parameterNames ?? [];
    }

    public string Name { get; }

    /// <summary>The C# parameter names of <paramref name="fn"/>'s method (a lambda's or the generated twin's), for messages.</summary>
    public static string[] ParameterNames(Delegate fn)
    {
        try
        {
            return [.. fn.Method.GetParameters().Select(p => p.Name ?? "")];
        }
        catch (NotSupportedException)
        {
            return []; // a dynamic method has no parameter metadata: paths fall back to arg0, arg1…
        }
    }

    public int CacheCount => _entries.Count;

    /// <summary>Number of times a signature was traced (for tests: concurrent first calls trace once).</summary>
    public int TraceCount => (int)Interlocked.Read(ref _traceCount);

    /// <summary>The most signatures kept; see <see cref="JitCache.DefaultCapacity"/>.</summary>
    public int Capacity
    {
        get => _capacity > 0 ? _capacity : JitCache.DefaultCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _capacity = value;
            Trim(value, keep: null);
        }
    }

    /// <summary>The cache's counters now.</summary>
    public JitCacheStats Stats => new(
        Name, _entries.Count, Capacity, Interlocked.Read(ref _traceCount), Interlocked.Read(ref _compileCount),
        Interlocked.Read(ref _hitCount), Interlocked.Read(ref _evictionCount));

    /// <summary>Drops every cached signature (the next call of each traces again); counters are kept.</summary>
    public void Clear()
    {
        lock (_evictLock)
        {
            _entries.Clear();
            _mostRecent = null;
        }
    }

    /// <summary>What one signature compiled to.</summary>
    private sealed record Entry(TracedFunction Traced, IExecutable Executable, IBackend Backend);

    /// <summary>A cache entry: the (lazily built) entry and when it was last used.</summary>
    private sealed class Slot(Signature signature, Lazy<Entry> lazy)
    {
        public Signature Signature { get; } = signature;

        public Lazy<Entry> Lazy { get; } = lazy;

        public long LastUse = -1; // never used: older than any stamp
    }

    public object? Invoke(object?[] args, CancellationToken cancellationToken = default)
    {
        // Inside another trace, a compiled function is traced inline into the caller's module.
        // Its results are marked with the method's name, for the error if the entry reads a number of them back.
        if (TraceScope.Current is not null) return InlinedResults.Mark(_fn(args), Name);
        cancellationToken.ThrowIfCancellationRequested();

        var backend = Backend.Current;
        Entry entry;
        IDeviceBuffer[] buffers;
        // Fast path: the signature used last, matched against the arguments without building a key, its buffers
        // gathered straight from the arguments.
        if (_mostRecent is { Lazy.IsValueCreated: true } recent && recent.Signature.Matches(backend, args))
        {
            Interlocked.Increment(ref _hitCount);
            entry = recent.Lazy.Value;
            buffers = Executor.FlatBuffers(entry.Backend, args, recent.Signature.Tensors.Length, entry.Traced.Captured);
        }
        else
        {
            var signature = Signature.Of(backend, args, _parameterNames);
            entry = Lookup(backend, signature, args);
            buffers = Executor.Buffers(entry.Backend, signature.Tensors, entry.Traced.Captured);
        }
        var outputs = CallContext.Execute(cancellationToken, entry.Backend, entry.Executable, buffers);
        var template = entry.Traced.OutputTemplate;
        // One tensor out and no bounded lengths after it (the common case): no result array, no rebuilding walk.
        if (entry.Traced.OutputObject is Tensor && template.Length == 1 && outputs.Length == 1) return Tensor.Concrete(outputs[0], entry.Backend, template[0].IsWeak);
        var results = Executor.Wrap(entry.Backend, outputs, template);
        return entry.Traced.OutputObject is Tensor && results.Length == 1 ? results[0] : Tree.Rebuild(entry.Traced.OutputObject, results);
    }

    private Entry Lookup(IBackend backend, Signature signature, object?[] args)
    {
        bool added = false;
        var slot = _entries.GetOrAdd(signature, s =>
        {
            added = true;
            return new Slot(s, new Lazy<Entry>(() => Build(backend, s, args), LazyThreadSafetyMode.ExecutionAndPublication));
        });
        if (!added) Interlocked.Increment(ref _hitCount);
        Entry entry;
        try
        {
            entry = slot.Lazy.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<Signature, Slot>(signature, slot));
            throw;
        }
        Touch(slot);
        if (added) Trim(Capacity, keep: slot);
        _mostRecent = slot;
        return entry;
    }

    // Stamps a slot as most recently used; a slot that already is the most recent one is not written again.
    private void Touch(Slot slot)
    {
        if (Volatile.Read(ref slot.LastUse) != Volatile.Read(ref _clock)) Volatile.Write(ref slot.LastUse, Interlocked.Increment(ref _clock));
    }

    // Evicts the least recently used signatures until at most `capacity` remain (a scan, done only after a compile).
    private void Trim(int capacity, Slot? keep)
    {
        if (_entries.Count <= capacity) return;
        lock (_evictLock)
        {
            while (_entries.Count > capacity)
            {
                Slot? oldest = null;
                foreach (var (_, s) in _entries)
                {
                    if (ReferenceEquals(s, keep) || !s.Lazy.IsValueCreated) continue;
                    if (oldest is null || s.LastUse < oldest.LastUse) oldest = s;
                }
                if (oldest is null || !_entries.TryRemove(new KeyValuePair<Signature, Slot>(oldest.Signature, oldest))) break;
                if (ReferenceEquals(_mostRecent, oldest)) _mostRecent = null;
                Interlocked.Increment(ref _evictionCount);
            }
        }
    }

    public Lowered Lower(object?[] args)
    {
        if (TraceScope.Current is not null) throw new InvalidOperationException($"{Name}: Lower cannot be called while tracing");
        var signature = Signature.Of(Backend.Current, args, _parameterNames);
        var traced = Trace(signature, args);
        return new Lowered(Name, traced.Module, text: null, traced.TraceTime);
    }

    private Entry Build(IBackend backend, Signature signature, object?[] args)
    {
        var traced = Trace(signature, args);
        if (backend is IModuleCompiler direct)
        {
            // The interpreter compiles the IR it was handed: no text is printed (Lower prints it on demand), and the
            // entry is this function's own (the shared by-text cache is for backends that compile text).
            Interlocked.Increment(ref _compileCount);
            return new Entry(traced, direct.Compile(traced.Module), backend);
        }
        var text = MlirPrinter.Print(traced.Module);
        var compiled = CompileCache.GetOrCompile(backend, text, traced.Module, CompileKey.Of(traced.Module, text), out bool compiledNow);
        if (compiledNow) Interlocked.Increment(ref _compileCount);
        return new Entry(traced, compiled.Executable, backend);
    }

    private TracedFunction Trace(Signature signature, object?[] args)
    {
        Interlocked.Increment(ref _traceCount);
        object? output = null;
        var traced = Tracer.Trace(Name, signature.Tensors, symbolic =>
        {
            int next = 0;
            var symbolicArgs = args.Select(a => Tree.Rebuild(a, _ => symbolic[next++])).ToArray();
            output = _fn(symbolicArgs);
            return Tree.Tensors(output, "result", "result");
        });
        return traced with { OutputObject = output };
    }
}
