using LoopGen.Backends.Interpreter;

namespace LoopGen.Backends;

/// <summary>Chooses the backend that eager operations and compiled calls run on.</summary>
public static class Backend
{
    private static readonly AsyncLocal<IBackend?> s_scoped = new();
    private static IBackend? s_default;

    /// <summary>The process-wide default: the interpreter unless set.</summary>
    public static IBackend Default
    {
        get => s_default ??= InterpreterBackend.Instance;
        set => s_default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The backend in effect here: the innermost <see cref="Use"/> scope, else <see cref="Default"/>.</summary>
    public static IBackend Current => s_scoped.Value ?? Default;

    /// <summary>Makes <paramref name="backend"/> current until the returned scope is disposed (flows with async code).</summary>
    public static IDisposable Use(IBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var previous = s_scoped.Value;
        s_scoped.Value = backend;
        return new Scope(previous);
    }

    private sealed class Scope(IBackend? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_scoped.Value = previous;
        }
    }
}
