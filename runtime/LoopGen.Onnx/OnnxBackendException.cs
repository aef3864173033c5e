namespace LoopGen.Onnx;

/// <summary>
/// ONNX Runtime refused a model or failed a run: its own message (which names the node, and the export names each
/// node after the StableHLO op it came from and where that op is) behind what LoopGen was doing.
/// </summary>
public sealed class OnnxBackendException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OnnxBackendException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
