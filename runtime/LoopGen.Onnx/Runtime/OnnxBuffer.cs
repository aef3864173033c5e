using LoopGen.Backends;
using LoopGen.Ir;

namespace LoopGen.Onnx.Runtime;

/// <summary>
/// A tensor on the ONNX Runtime backend: a row-major host array (ONNX Runtime's CPU provider computes in host memory).
/// Runs read it in place through an <c>OrtValue</c> over the pinned array, and write results straight into new ones.
/// Never written after it is made.
/// </summary>
internal sealed class OnnxBuffer(TensorType type, Array data) : IDeviceBuffer
{
    public TensorType Type { get; } = type;

    public Array Data { get; } = data;

    public override string ToString() => $"OnnxBuffer({Type})";
}
