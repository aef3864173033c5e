using LoopGen.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;

namespace LoopGen.Onnx.Tests;

/// <summary>The public export API: bytes, a .onnx file that ONNX Runtime loads on its own, and the model's facts.</summary>
public sealed class ExportApiTests
{
    private static Lowered Scan(int n) => Jit.Compile((Tensor xs) => Loop.Scan((Tensor c, Tensor row) => (c + row, (c * row).Sum()), Tensor.Zeros(DType.F32, 3), xs), "api_scan")
        .Lower(Tensor.Zeros(DType.F32, n, 3));

    [Fact]
    public void A_saved_file_runs_in_a_plain_inference_session()
    {
        var lowered = Scan(5);
        var path = Path.Combine(Path.GetTempPath(), $"loopgen-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(lowered, path);
            Assert.Equal(OnnxExport.ToBytes(lowered), File.ReadAllBytes(path));
            // ONNX Runtime on its own, no LoopGen backend: named inputs in, named outputs out.
            using var session = new InferenceSession(path);
            Assert.Equal(["input0"], session.InputNames);
            Assert.Equal(["output0", "output1"], session.OutputNames);
            var xs = Enumerable.Range(0, 15).Select(i => (float)i).ToArray();
            using var input = OrtValue.CreateTensorValueFromMemory(xs, [5, 3]);
            using var outputs = session.Run(new RunOptions(), ["input0"], [input], ["output0", "output1"]);
            Assert.Equal([30f, 35f, 40f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
            // ys[t] = Σ c_t · row_t with c_t the running sum of the rows before t.
            var ys = outputs[1].GetTensorDataAsSpan<float>().ToArray();
            Assert.Equal([0f, 0 * 3 + 1 * 4 + 2 * 5, 3 * 6 + 5 * 7 + 7 * 8], ys.Take(3));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_model_says_what_it_holds()
    {
        var model = OnnxExport.ToModel(Scan(7));
        Assert.Equal(1, model.CountNodes("Loop", Ir.Ops.While));
        Assert.Contains("Loop", model.OpTypes);
        Assert.DoesNotContain("ScatterND", model.OpTypes);
        Assert.True(model.NodeCount > model.CountNodes("Loop"));
        var bytes = model.ToBytes();
        // ModelProto starts with ir_version (field 1, varint) = IrVersion.
        Assert.Equal([0x08, (byte)OnnxModel.IrVersion], bytes[..2]);
    }

    [Fact]
    public void Varints_and_nested_messages_follow_the_protobuf_wire_format()
    {
        var w = new ProtoWriter();
        w.Varint(1, 300);
        w.Varint(2, -1);
        w.Message(3, m => m.String(1, "ab"));
        w.Float(4, 1f);
        Assert.Equal(
            [0x08, 0xAC, 0x02, 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x1A, 0x04, 0x0A, 0x02, (byte)'a', (byte)'b', 0x25, 0x00, 0x00, 0x80, 0x3F],
            w.ToArray());
    }
}
