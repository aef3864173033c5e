using LoopGen.Ir;
using LoopGen.Ir.Text;
using static LoopGen.Tests.IrText.IrCases;

namespace LoopGen.Tests.IrText;

/// <summary>The human form, as JAX prints StableHLO.</summary>
public class PrettyPrinterTests
{
    [Fact]
    public void ForiLoop_PrintsAsJaxWould()
    {
        const string expected = """
            module @fori {
              func.func public @main(%arg0: tensor<3xf32>) -> tensor<3xf32> {
                %c = stablehlo.constant dense<0> : tensor<i32>
                %0:2 = stablehlo.while(%iterArg = %c, %iterArg_0 = %arg0) : tensor<i32>, tensor<3xf32>
                 cond {
                  %c_1 = stablehlo.constant dense<10> : tensor<i32>
                  %1 = stablehlo.compare  LT, %iterArg, %c_1,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
                  stablehlo.return %1 : tensor<i1>
                } do {
                  %cst = stablehlo.constant dense<1.0> : tensor<3xf32>
                  %2 = stablehlo.add %iterArg_0, %cst : tensor<3xf32>
                  %c_2 = stablehlo.constant dense<1> : tensor<i32>
                  %3 = stablehlo.add %iterArg, %c_2 : tensor<i32>
                  stablehlo.return %3, %2 : tensor<i32>, tensor<3xf32>
                }
                return %0#1 : tensor<3xf32>
              }
            }

            """;
        Assert.Equal(expected, PrettyPrinter.Print(Fori()));
    }

    [Theory]
    [InlineData("unary stablehlo.tanh", "%0 = stablehlo.tanh %arg0 : tensor<2x3xf32>")]
    [InlineData("binary stablehlo.and", "%0 = stablehlo.and %arg0, %arg1 : tensor<3xi1>")]
    [InlineData("compare direction only", "%0 = stablehlo.compare  NE, %arg0, %arg1 : (tensor<i32>, tensor<i32>) -> tensor<i1>")]
    [InlineData("select", "%0 = stablehlo.select %arg0, %arg1, %arg2 : tensor<2x3xi1>, tensor<2x3xf32>")]
    [InlineData("clamp", "%0 = stablehlo.clamp %arg0, %arg1, %arg2 : (tensor<f32>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>")]
    [InlineData("convert", "%0 = stablehlo.convert %arg0 : (tensor<2x3xf32>) -> tensor<2x3xi32>")]
    [InlineData("broadcast_in_dim", "%0 = stablehlo.broadcast_in_dim %arg0, dims = [1] : (tensor<3xf32>) -> tensor<2x3xf32>")]
    [InlineData("reshape", "%0 = stablehlo.reshape %arg0 : (tensor<2x3xf32>) -> tensor<6xf32>")]
    [InlineData("transpose", "%0 = stablehlo.transpose %arg0, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>")]
    [InlineData("reverse", "%0 = stablehlo.reverse %arg0, dims = [0, 1] : tensor<2x3xf32>")]
    [InlineData("slice", "%0 = stablehlo.slice %arg0 [1:3, 0:6:3] : (tensor<5x6xi64>) -> tensor<2x2xi64>")]
    [InlineData("dynamic_slice", "%0 = stablehlo.dynamic_slice %arg0, %arg1, %arg2, sizes = [2, 3] : (tensor<5x6xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>")]
    [InlineData("dynamic_update_slice", "%0 = stablehlo.dynamic_update_slice %arg0, %arg1, %arg2, %arg3 : (tensor<5x6xf32>, tensor<2x3xf32>, tensor<i32>, tensor<i32>) -> tensor<5x6xf32>")]
    [InlineData("concatenate", "%0 = stablehlo.concatenate %arg0, %arg1, %arg2, dim = 1 : (tensor<2x3xf32>, tensor<2x1xf32>, tensor<2x3xf32>) -> tensor<2x7xf32>")]
    [InlineData("pad", "%0 = stablehlo.pad %arg0, %arg1, low = [1, 2], high = [2, 2], interior = [0, 1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<5x9xf32>")]
    [InlineData("dot_general batching", "%0 = stablehlo.dot_general %arg0, %arg1, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<4x2x3xf32>, tensor<4x3x5xf32>) -> tensor<4x2x5xf32>")]
    [InlineData("dot_general contracting", "%0 = stablehlo.dot_general %arg0, %arg1, contracting_dims = [0] x [0] : (tensor<3xi32>, tensor<3xi32>) -> tensor<i32>")]
    [InlineData("reduce", "%0 = stablehlo.reduce(%arg0 init: %cst) applies stablehlo.add across dimensions = [1] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2xf32>")]
    [InlineData("iota", "%0 = stablehlo.iota dim = 1 : tensor<4x5xi32>")]
    [InlineData("constant splats", "%cst = stablehlo.constant dense<1.0> : tensor<2x3xf32>")]
    [InlineData("constant splats", "%c = stablehlo.constant dense<7> : tensor<100xi32>")]
    [InlineData("constant splats", "%c_0 = stablehlo.constant dense<true> : tensor<5xi1>")]
    [InlineData("case three branches", "%0 = \"stablehlo.case\"(%arg0) ({")]
    [InlineData("if with outer values", "%0:2 = \"stablehlo.if\"(%arg0) ({")]
    [InlineData("if with outer values", "  %1 = stablehlo.add %arg1, %arg2 : tensor<2x3xf32>")]
    [InlineData("reduce two inputs", "^bb0(%arg2: tensor<f32>, %arg3: tensor<i32>, %arg4: tensor<f32>, %arg5: tensor<i32>):")]
    [InlineData("private function and attributes", "func.func private @helper(%arg0: tensor<2xf32>) -> tensor<2xf32> {")]
    [InlineData("anonymous module no results", "func.func public @main() {")]
    public void Op_PrintsItsPrettyLine(string caseName, string line)
    {
        var text = PrettyPrinter.Print(All[caseName]());
        Assert.Contains(" " + line + "\n", text);
    }

    [Fact]
    public void EveryCase_Prints()
    {
        foreach (var (name, build) in All)
        {
            var text = PrettyPrinter.Print(build());
            Assert.StartsWith("module", text);
            Assert.DoesNotContain("\"func.return\"", text);
            Assert.True(text.Split('\n').All(l => l.Length == 0 || l.StartsWith(' ') || l.StartsWith("module") || l == "}"), name);
        }
    }

    [Fact]
    public void WhileCarries_AreNamedInTheHeader_AndReusedByBothRegions()
    {
        var text = PrettyPrinter.Print(All["nested while in if"]());
        Assert.Contains("%1 = stablehlo.while(%iterArg = %arg1) : tensor<i32>", text);
        Assert.Contains("%2 = stablehlo.compare  LT, %iterArg, %c : (tensor<i32>, tensor<i32>) -> tensor<i1>", text);
        Assert.Contains("%3 = stablehlo.add %iterArg, %arg1 : tensor<i32>", text);
    }
}
