namespace LoopGen.Onnx;

/// <summary>
/// A module that cannot be exported to ONNX: an op without a mapping, or a dtype the export does not carry. The
/// message names the op, its types and where it is in the module (StableHLO modules from the tracer keep no source
/// locations, so the position is the op's path from <c>main</c>).
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxExportException(string message, string? opName = null, DType? dtype = null, string? location = null)
        : base(message)
    {
        OpName = opName;
        DType = dtype;
        Location = location;
    }

    /// <summary>The StableHLO op that could not be exported, e.g. <c>stablehlo.and</c>.</summary>
    public string? OpName { get; }

    /// <summary>The dtype that could not be exported, when that is the reason.</summary>
    public DType? DType { get; }

    /// <summary>Where the op is: <c>main/op 3</c>, <c>main/op 2 (stablehlo.while) body/op 5</c>.</summary>
    public string? Location { get; }
}
