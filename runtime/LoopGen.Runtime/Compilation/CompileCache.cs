using System.Collections.Concurrent;
using System.Diagnostics;
using LoopGen.Backends;

namespace LoopGen.Compilation;

/// <summary>
/// Executables by backend and module text. Many threads asking for the same text compile it once (the others
/// wait for that compilation); a compilation that fails is not cached, so a later call retries.
/// </summary>
internal static class CompileCache
{
    private static readonly ConcurrentDictionary<(IBackend Backend, string Text), Lazy<Compiled>> s_entries = new();

    /// <summary>A compiled module and how long compiling it took.</summary>
    public sealed record Compiled(IExecutable Executable, TimeSpan CompileTime);

    /// <summary>The executable for <paramref name="text"/> on <paramref name="backend"/>, compiled on first use.</summary>
    public static Compiled GetOrCompile(IBackend backend, string text)
    {
        var key = (backend, text);
        var lazy = s_entries.GetOrAdd(key, k => new Lazy<Compiled>(() => Compile(k.Backend, k.Text), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            s_entries.TryRemove(new KeyValuePair<(IBackend, string), Lazy<Compiled>>(key, lazy));
            throw;
        }
    }

    /// <summary>Compiles without caching (inspection measures compile time this way).</summary>
    public static Compiled Compile(IBackend backend, string text)
    {
        var clock = Stopwatch.StartNew();
        var exe = backend.Compile(text);
        return new Compiled(exe, clock.Elapsed);
    }

    /// <summary>
    /// Drops every executable compiled for <paramref name="backend"/> and disposes those that hold native resources
    /// (a PJRT backend calls this when it is disposed, so its device executables do not outlive it).
    /// </summary>
    public static int Evict(IBackend backend)
    {
        int evicted = 0;
        foreach (var entry in s_entries)
        {
            if (!ReferenceEquals(entry.Key.Backend, backend) || !s_entries.TryRemove(entry)) continue;
            evicted++;
            if (entry.Value.IsValueCreated && entry.Value.Value.Executable is IDisposable disposable) disposable.Dispose();
        }
        return evicted;
    }

    /// <summary>Number of cached executables (for tests and diagnostics).</summary>
    public static int Count => s_entries.Count;
}
