namespace LoopGen.Backends.Pjrt;

/// <summary>A PJRT failure: the plugin's own message and status code, or why the plugin could not be used at all.</summary>
public sealed class PjrtException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PjrtException(string message, PjrtErrorCode code = PjrtErrorCode.Unknown, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The plugin's status code (absl codes), or Unknown when the failure is LoopGen's own.</summary>
    public PjrtErrorCode Code { get; }
}

/// <summary>PJRT error codes (the absl status codes the C API returns).</summary>
public enum PjrtErrorCode
{
    /// <summary>Not an error.</summary>
    Ok = 0,
    /// <summary>Cancelled.</summary>
    Cancelled = 1,
    /// <summary>Unknown.</summary>
    Unknown = 2,
    /// <summary>Invalid argument.</summary>
    InvalidArgument = 3,
    /// <summary>Deadline exceeded.</summary>
    DeadlineExceeded = 4,
    /// <summary>Not found.</summary>
    NotFound = 5,
    /// <summary>Already exists.</summary>
    AlreadyExists = 6,
    /// <summary>Permission denied.</summary>
    PermissionDenied = 7,
    /// <summary>Resource exhausted (out of device memory, typically).</summary>
    ResourceExhausted = 8,
    /// <summary>Failed precondition.</summary>
    FailedPrecondition = 9,
    /// <summary>Aborted.</summary>
    Aborted = 10,
    /// <summary>Out of range.</summary>
    OutOfRange = 11,
    /// <summary>Unimplemented.</summary>
    Unimplemented = 12,
    /// <summary>Internal.</summary>
    Internal = 13,
    /// <summary>Unavailable.</summary>
    Unavailable = 14,
    /// <summary>Data loss.</summary>
    DataLoss = 15,
    /// <summary>Unauthenticated.</summary>
    Unauthenticated = 16,
}
