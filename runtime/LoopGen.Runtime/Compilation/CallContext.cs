using LoopGen.Backends;

namespace LoopGen.Compilation;

/// <summary>
/// What a compiled call carries besides its buffers, without widening <see cref="IBackend.Execute"/>: the
/// cancellation token of the call running on this thread. The interpreter checks it between loop iterations; a PJRT
/// backend checks it before it dispatches (a device execution, once started, runs to its end).
/// </summary>
internal static class CallContext
{
    [ThreadStatic]
    private static CancellationToken t_token;

    /// <summary>The token of the compiled call running on this thread (none outside one).</summary>
    public static CancellationToken Token => t_token;

    /// <summary>Executes <paramref name="executable"/> on <paramref name="buffers"/> with <paramref name="token"/> as this thread's call token.</summary>
    public static IDeviceBuffer[] Execute(CancellationToken token, IBackend backend, IExecutable executable, IDeviceBuffer[] buffers)
    {
        if (!token.CanBeCanceled) return backend.Execute(executable, buffers);
        var saved = t_token;
        t_token = token;
        try
        {
            token.ThrowIfCancellationRequested();
            return backend.Execute(executable, buffers);
        }
        finally
        {
            t_token = saved;
        }
    }
}
