namespace LoopGen;

/// <summary>How the gradients of <see cref="Jit"/> (<c>Jit.Grad</c>, <c>Jit.ValueAndGrad</c>, <c>Jit.Vjp</c>) differentiate loops.</summary>
public sealed record GradOptions
{
    /// <summary>
    /// Checkpoint loops with a static trip count N: store the carry only every <see cref="CheckpointEvery"/> iterations
    /// and recompute each segment in the backward pass. Same gradient; residual memory about 2√N carries instead of N.
    /// </summary>
    public bool Checkpoint { get; init; }

    /// <summary>
    /// Store the results of a loop body's dot products and transcendental ops per iteration (the default), so the
    /// backward pass reads them instead of recomputing them; false stores only the carries and recomputes the whole
    /// body (less memory, about one more forward pass). Checkpointed loops always recompute.
    /// </summary>
    public bool SaveIntermediates { get; init; } = true;

    /// <summary>The checkpoint segment length; 0 (the default) means ⌈√N⌉.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>
    /// A bound on the trip count of every while loop whose trip count is only known at run time and that has no bound
    /// of its own (<c>Loop.While(…, maxTrips: N)</c>, or a <see cref="Loop.MaxTrips"/> statement before a loop of a
    /// <c>[Compile]</c> method): one bound for all the remaining dynamic loops. Each such loop stores up to this many
    /// carries; a run that needs more fails.
    /// </summary>
    public int? MaxTrips { get; init; }
}

/// <summary>A function cannot be differentiated as traced, or a bounded loop ran past its bound; the message names the op or loop.</summary>
public sealed class GradientException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GradientException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What cannot be differentiated, and where.</param>
    public GradientException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What cannot be differentiated, and where.</param>
    /// <param name="innerException">The cause.</param>
    public GradientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The residual buffers one differentiated loop allocates in a gradient module.</summary>
/// <param name="Loop">The loop's source location (<c>Loop.Fori at Model.cs:12</c>).</param>
/// <param name="Trips">Its trip count (static) or bound (dynamic).</param>
/// <param name="Segment">The checkpoint segment length, or null when every iteration's carry is stored.</param>
/// <param name="StoredBytes">Bytes of the buffers filled by the forward loop (per-iteration or per-segment carries).</param>
/// <param name="SegmentBytes">Bytes of the buffer a checkpointed backward pass refills per segment (0 without checkpointing).</param>
public sealed record ResidualStats(string Loop, int Trips, int? Segment, long StoredBytes, long SegmentBytes)
{
    /// <summary>The most residual bytes alive at once for this loop.</summary>
    public long PeakBytes => StoredBytes + SegmentBytes;
}
