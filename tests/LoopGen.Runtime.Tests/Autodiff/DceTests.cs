using LoopGen.Autodiff;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Tests.Interpreter;

namespace LoopGen.Tests.Autodiff;

/// <summary>The gradient's dead-code pass removes while carries nobody reads, and the module computes the same.</summary>
public sealed class DceTests
{
    // Carry 1 (acc) is returned; carry 2 (junk) only feeds its own next value and its result is unused; carry 3 (seed)
    // has an unused result but feeds acc, so it stays.
    private const string Text = """
        module @m {
          func.func public @main(%x: tensor<3xf64>) -> (tensor<3xf64>) {
            %z = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
            %r:4 = "stablehlo.while"(%z, %x, %x, %x) ({
            ^bb0(%i: tensor<i32>, %acc: tensor<3xf64>, %junk: tensor<3xf64>, %seed: tensor<3xf64>):
              %n = "stablehlo.constant"() {value = dense<4> : tensor<i32>} : () -> tensor<i32>
              %c = "stablehlo.compare"(%i, %n) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
              "stablehlo.return"(%c) : (tensor<i1>) -> ()
            }, {
            ^bb0(%i: tensor<i32>, %acc: tensor<3xf64>, %junk: tensor<3xf64>, %seed: tensor<3xf64>):
              %one = "stablehlo.constant"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>
              %i1 = "stablehlo.add"(%i, %one) : (tensor<i32>, tensor<i32>) -> tensor<i32>
              %a = "stablehlo.add"(%acc, %seed) : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
              %j = "stablehlo.multiply"(%junk, %junk) : (tensor<3xf64>, tensor<3xf64>) -> tensor<3xf64>
              "stablehlo.return"(%i1, %a, %j, %seed) : (tensor<i32>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> ()
            }) : (tensor<i32>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>) -> (tensor<i32>, tensor<3xf64>, tensor<3xf64>, tensor<3xf64>)
            "func.return"(%r#1) : (tensor<3xf64>) -> ()
          }
        }
        """;

    [Fact]
    public void A_dead_while_carry_is_removed_and_the_result_is_unchanged()
    {
        var module = MlirParser.Parse(Text);
        var x = new[] { 1.0, -2.0, 0.5 };
        var before = (double[])Interp.Run(module, x)[0];
        int removed = Dce.Run(module.Main.Body);
        var loop = module.Main.Body.Operations.Single(o => o.Name == Ops.While);
        Assert.Equal(3, loop.Operands.Count); // the counter (the condition reads it), acc, seed
        Assert.Equal(3, loop.Regions[1].Arguments.Count);
        Assert.Equal(1, removed); // the multiply that fed only the dead carry
        Assert.Equal(new[] { 5.0, -10.0, 2.5 }, before); // acc = x + 4·x
        Assert.Equal(before, (double[])Interp.Run(module, x)[0]);
    }
}
