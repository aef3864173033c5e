namespace LoopGen;

/// <summary>
/// Thrown when the shapes (or ranks, or axes) given to a tensor operation do not fit together. The message names
/// the operation, the argument and the shapes involved, e.g. <c>Add: shapes f32[3,4] and f32[5] do not broadcast
/// (dimension 1: 4 vs 5)</c>. Raised at call time, eagerly or while tracing, before any op is emitted.
/// </summary>
public sealed class TensorShapeException : ArgumentException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TensorShapeException()
        : base("tensor shapes do not fit together")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TensorShapeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public TensorShapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
