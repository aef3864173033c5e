using System.Collections.Concurrent;
using LoopGen.Backends;
using LoopGen.Ir.Text;
using LoopGen.Tracing;

namespace LoopGen.Compilation;

/// <summary>
/// The untyped machinery behind <see cref="CompiledFunction{T1, TResult}"/> and its siblings: trace once per
/// signature, compile, cache, run. Thread-safe: concurrent first calls with one signature trace and compile once.
/// </summary>
internal sealed class CompiledCore
{
    private readonly Func<object?[], object?> _fn;
    private readonly ConcurrentDictionary<Signature, Lazy<Entry>> _entries = new();

    public CompiledCore(string name, Func<object?[], object?> fn)
    {
        Name = name;
        _fn = fn;
    }

    public string Name { get; }

    public int CacheCount => _entries.Count;

    /// <summary>Number of times a signature was traced (for tests: concurrent first calls trace once).</summary>
    public int TraceCount => _traceCount;

    private int _traceCount;

    /// <summary>What one signature compiled to.</summary>
    private sealed record Entry(TracedFunction Traced, string Text, IExecutable Executable, IBackend Backend);

    public object? Invoke(object?[] args)
    {
        // Inside another trace, a compiled function is traced inline into the caller's module.
        if (TraceScope.Current is not null) return _fn(args);

        var backend = Backend.Current;
        var signature = Signature.Of(backend, args);
        var lazy = _entries.GetOrAdd(signature, s => new Lazy<Entry>(() => Build(backend, s, args), LazyThreadSafetyMode.ExecutionAndPublication));
        Entry entry;
        try
        {
            entry = lazy.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<Signature, Lazy<Entry>>(signature, lazy));
            throw;
        }
        var outputs = Executor.Run(entry.Backend, entry.Executable, signature.Tensors, entry.Traced.Captured, entry.Traced.OutputTemplate);
        return Tree.Rebuild(entry.Traced.OutputObject, outputs);
    }

    public Lowered Lower(object?[] args)
    {
        if (TraceScope.Current is not null) throw new InvalidOperationException($"{Name}: Lower cannot be called while tracing");
        var signature = Signature.Of(Backend.Current, args);
        var traced = Trace(signature, args);
        return new Lowered(Name, traced.Module, MlirPrinter.Print(traced.Module), traced.TraceTime);
    }

    private Entry Build(IBackend backend, Signature signature, object?[] args)
    {
        var traced = Trace(signature, args);
        var text = MlirPrinter.Print(traced.Module);
        return new Entry(traced, text, CompileCache.GetOrCompile(backend, text).Executable, backend);
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
