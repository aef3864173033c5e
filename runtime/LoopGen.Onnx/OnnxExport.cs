using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Onnx.Export;

namespace LoopGen.Onnx;

/// <summary>
/// Exports traced modules to ONNX: a <see cref="Lowered"/> (a <c>[Compile]</c> method's <c>…Lower(…)</c>, or
/// <c>Jit.Compile(f).Lower(x)</c>), a <see cref="Module"/>, or StableHLO text. Each <c>stablehlo.while</c> becomes one
/// ONNX <c>Loop</c>, so the model stays one body long whatever the trip count; if/case become <c>If</c>.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ONNX model of <paramref name="lowered"/>.</summary>
    /// <exception cref="OnnxExportException">An op or dtype has no ONNX mapping.</exception>
    public static OnnxModel ToModel(Lowered lowered)
    {
        ArgumentNullException.ThrowIfNull(lowered);
        return ToModel(lowered.Module);
    }

    /// <summary>The ONNX model of <paramref name="module"/>'s <c>main</c>.</summary>
    /// <exception cref="OnnxExportException">An op or dtype has no ONNX mapping.</exception>
    public static OnnxModel ToModel(Module module) => Exporter.Export(module);

    /// <summary>The ONNX model of a module's StableHLO text (generic MLIR form, as LoopGen prints it).</summary>
    /// <exception cref="OnnxExportException">An op or dtype has no ONNX mapping.</exception>
    public static OnnxModel FromText(string mlirText)
    {
        ArgumentNullException.ThrowIfNull(mlirText);
        return Exporter.Export(MlirParser.Parse(mlirText));
    }

    /// <summary>The serialized ONNX <c>ModelProto</c> of <paramref name="lowered"/>.</summary>
    public static byte[] ToBytes(Lowered lowered) => ToModel(lowered).ToBytes();

    /// <summary>Writes the ONNX model of <paramref name="lowered"/> to <paramref name="path"/>.</summary>
    public static void Save(Lowered lowered, string path) => ToModel(lowered).Save(path);
}
