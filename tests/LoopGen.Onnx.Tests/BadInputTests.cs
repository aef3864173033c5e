using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Tests;

/// <summary>
/// What cannot be exported or run is a clear managed exception naming the op, the dtype and where the op is, never a
/// native crash: an op without a mapping, a dtype the export does not carry, and models ONNX Runtime rejects.
/// </summary>
public sealed class BadInputTests
{
    private static string Module(string body, string signature) => $$"""
        module @bad {
          func.func public @main({{signature}} {
        {{body}}
          }
        }
        """;

    [Fact]
    public void An_op_without_a_mapping_names_the_op_its_types_and_where_it_is()
    {
        var text = Module("""
                %0 = "stablehlo.exponential"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
                %1 = "stablehlo.cbrt"(%0) : (tensor<4xf32>) -> tensor<4xf32>
                "func.return"(%1) : (tensor<4xf32>) -> ()
            """, "%arg0: tensor<4xf32>) -> (tensor<4xf32>)");
        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.FromText(text));
        Assert.Equal("stablehlo.cbrt", e.OpName);
        Assert.Equal("main/op 1", e.Location);
        Assert.Contains("stablehlo.cbrt has no ONNX mapping", e.Message);
        Assert.Contains("f32[4]", e.Message);
        // Through the backend the same exception comes out of Compile.
        Assert.Throws<OnnxExportException>(() => Backends.Ort.Compile(text));
    }

    [Fact]
    public void An_op_inside_a_loop_body_is_located_in_the_body()
    {
        var text = Module("""
                %0 = "stablehlo.while"(%arg0) ({
                ^bb0(%a: tensor<i32>):
                  %c = "stablehlo.constant"() {value = dense<3> : tensor<i32>} : () -> tensor<i32>
                  %p = "stablehlo.compare"(%a, %c) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
                  "stablehlo.return"(%p) : (tensor<i1>) -> ()
                }, {
                ^bb0(%a: tensor<i32>):
                  %s = "stablehlo.sine"(%a) : (tensor<i32>) -> tensor<i32>
                  "stablehlo.return"(%s) : (tensor<i32>) -> ()
                }) : (tensor<i32>) -> tensor<i32>
                "func.return"(%0) : (tensor<i32>) -> ()
            """, "%arg0: tensor<i32>) -> (tensor<i32>)");
        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.FromText(text));
        Assert.Equal("stablehlo.sine", e.OpName);
        Assert.Equal(DType.S32, e.DType);
        Assert.Equal("main/op 0 (while body)/op 0", e.Location);
        Assert.Contains("stablehlo.sine on s32 has no ONNX mapping", e.Message);
    }

    [Theory]
    [InlineData("f16")]
    [InlineData("bf16")]
    public void An_unsupported_dtype_names_the_dtype_and_the_op(string dtype)
    {
        var text = Module($$"""
                %0 = "stablehlo.add"(%arg0, %arg0) : (tensor<2x{{dtype}}>, tensor<2x{{dtype}}>) -> tensor<2x{{dtype}}>
                "func.return"(%0) : (tensor<2x{{dtype}}>) -> ()
            """, $"%arg0: tensor<2x{dtype}>) -> (tensor<2x{dtype}>)");
        var e = Assert.Throws<OnnxExportException>(() => OnnxExport.FromText(text));
        Assert.Contains($"dtype {dtype} cannot be exported", e.Message);
        Assert.NotNull(e.DType);
        Assert.Equal(dtype, e.DType!.Value.Name());
    }

    [Fact]
    public void A_model_onnx_runtime_rejects_is_a_managed_exception_naming_the_node()
    {
        var graph = new OnnxGraph("rejected");
        graph.Inputs.Add(new OnnxValueInfo("x", OnnxProto.Float, [2]));
        graph.Outputs.Add(new OnnxValueInfo("y", OnnxProto.Float, [2]));
        graph.Nodes.Add(new OnnxNode("NoSuchOp", ["x"], ["y"], "stablehlo.cbrt@main/op 0:NoSuchOp", []));
        var e = Assert.Throws<OnnxBackendException>(() => Backends.Ort.Load(new OnnxModel(graph).ToBytes(), [TensorType.Scalar(DType.F32)], [TensorType.Scalar(DType.F32)], "a hand-made model"));
        Assert.Contains("rejected the ONNX model of a hand-made model", e.Message);
        Assert.Contains("NoSuchOp", e.Message);
    }

    [Fact]
    public void A_type_onnx_runtime_has_no_kernel_for_is_a_managed_exception()
    {
        // Tanh exists, but not on int32: ONNX Runtime's type check fails at session creation.
        var graph = new OnnxGraph("no_kernel");
        graph.Inputs.Add(new OnnxValueInfo("x", OnnxProto.Int32, [2]));
        graph.Outputs.Add(new OnnxValueInfo("y", OnnxProto.Int32, [2]));
        graph.Nodes.Add(new OnnxNode("Tanh", ["x"], ["y"], "stablehlo.tanh@main/op 0:Tanh", []));
        var e = Assert.Throws<OnnxBackendException>(() => Backends.Ort.Load(new OnnxModel(graph).ToBytes(), [new TensorType(DType.S32, new Shape(2))], [new TensorType(DType.S32, new Shape(2))], "tanh on int32"));
        Assert.Contains("Tanh", e.Message);
    }

    [Fact]
    public void Bytes_that_are_not_a_model_are_a_managed_exception()
    {
        var e = Assert.Throws<OnnxBackendException>(() => Backends.Ort.Load([0x0A, 0xFF, 0xFF, 0x01, 0x02], [], [], "five stray bytes"));
        Assert.Contains("five stray bytes", e.Message);
    }

    [Fact]
    public void Arguments_of_the_wrong_type_are_refused_before_onnx_runtime_sees_them()
    {
        var f = Jit.Compile((Tensor x) => x * 2f, "twice");
        var exe = Backends.Ort.Compile(f.Lower(Tensor.Zeros(DType.F32, 3)).Text);
        var wrong = Backends.Ort.Upload(new float[4], new TensorType(DType.F32, new Shape(4)));
        var e = Assert.Throws<ArgumentException>(() => Backends.Ort.Execute(exe, [wrong]));
        Assert.Contains("f32[4]", e.Message);
        Assert.Throws<ArgumentException>(() => Backends.Ort.Upload(new int[3], new TensorType(DType.F32, new Shape(3))));
        Assert.Throws<ArgumentException>(() => Backends.Ort.Execute(exe, [Backends.Interpreter.Upload(new float[3], new TensorType(DType.F32, new Shape(3)))]));
        ((IDisposable)exe).Dispose();
    }
}
