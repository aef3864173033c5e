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

    /// <summary>Runs <see cref="Executor.Run"/> with <paramref name="token"/> as this thread's call token.</summary>
    public static Tensor[] Run(CancellationToken token, IBackend backend, IExecutable executable, IReadOnlyList<Tensor> arguments, IReadOnlyList<Tensor> captured, Tensor[] outputTemplate)
    {
        if (!token.CanBeCanceled) return Executor.Run(backend, executable, arguments, captured, outputTemplate);
        var saved = t_token;
        t_token = token;
        try
        {
            token.ThrowIfCancellationRequested();
            return Executor.Run(backend, executable, arguments, captured, outputTemplate);
        }
        finally
        {
            t_token = saved;
        }
    }
}
