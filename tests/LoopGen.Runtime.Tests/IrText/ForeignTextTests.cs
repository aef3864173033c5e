using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.IrText;

/// <summary>Generic-form MLIR as other tools write it: properties, locations, module attributes, custom returns.</summary>
public class ForeignTextTests
{
    private const string JaxLike = """
        #loc = loc(unknown)
        #loc1 = loc("f.py":3:4)
        // A comment line; and the module carries attributes.
        module @jit_f attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
          func.func public @main(%arg0: tensor<3xf32> {mhlo.layout_mode = "default"} loc("x"), %arg1: tensor<i32> loc(#loc)) -> (tensor<3xf32> {jax.result_info = ""}, tensor<i32>) {
            %cst = "stablehlo.constant"() <{value = dense<[1.0, -2.5e+00, 0x7F800000]> : tensor<3xf32>}> : () -> tensor<3xf32> loc(#loc)
            %0 = "stablehlo.add"(%arg0, %cst) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32> loc(#loc1)
            %1 = "stablehlo.custom_call"(%0) <{call_target_name = "foo", api_version = 2 : i32}> {backend_config = "", precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision HIGHEST>], scale = 1.5 : f32, nested = {a = 1, b = [1, 2]}, has_side_effect} : (tensor<3xf32>) -> tensor<3xf32> loc(callsite(#loc at #loc1))
            %2:2 = "stablehlo.while"(%arg1, %1) ({
            ^bb0(%iterArg: tensor<i32> loc(#loc), %iterArg_0: tensor<3xf32>):
              %c = "stablehlo.constant"() <{value = dense<10> : tensor<i32>}> : () -> tensor<i32>
              %3 = "stablehlo.compare"(%iterArg, %c) <{comparison_direction = #stablehlo<comparison_direction LT>}> : (tensor<i32>, tensor<i32>) -> tensor<i1>
              stablehlo.return %3 : tensor<i1>
            }, {
            ^bb0(%iterArg: tensor<i32>, %iterArg_0: tensor<3xf32>):
              %4 = "stablehlo.dot_general"(%iterArg_0, %iterArg_0) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}> : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
              "stablehlo.return"(%iterArg, %iterArg_0) : (tensor<i32>, tensor<3xf32>) -> () loc(#loc)
            }) : (tensor<i32>, tensor<3xf32>) -> (tensor<i32>, tensor<3xf32>) loc(#loc1)
            return %2#1, %2#0 : tensor<3xf32>, tensor<i32> loc(#loc)
          } loc(#loc)
          func.func @helper(%x: tensor<f64>) -> tensor<f64> {
            func.return %x : tensor<f64>
          }
          func.func private @nothing() {
            return
          }
        } loc(#loc)
        #loc2 = loc("f.py":9:1)
        """;

    [Fact]
    public void JaxStyleExport_Parses()
    {
        var m = MlirParser.Parse(JaxLike);
        Assert.Equal("jit_f", m.Name);
        Assert.Equal(["main", "helper", "nothing"], m.Functions.Select(f => f.Name));
        Assert.Equal([true, true, false], m.Functions.Select(f => f.IsPublic));
        var main = m.Main;
        Assert.Equal([IrCases.T(DType.F32, 3), IrCases.T(DType.S32)], main.ResultTypes);

        var ops = main.Body.Operations;
        Assert.Equal([Ops.Constant, Ops.Add, "stablehlo.custom_call", Ops.While, Ops.FuncReturn], ops.Select(o => o.Name));
        var cst = ops[0].Attribute<DenseAttr>("value");
        Assert.Equal(new[] { 1f, -2.5f, float.PositiveInfinity }, (float[])cst.Data);
        Assert.Equal("cst", ops[0].Results[0].NameHint);
        Assert.Same(ops[0].Results[0], ops[1].Operands[1]);

        var call = ops[2];
        Assert.Equal(
            ["call_target_name", "api_version", "backend_config", "precision_config", "scale", "nested", "has_side_effect"],
            call.Attributes.Select(a => a.Name));
        Assert.Equal(new StringAttr("foo"), call.Attribute("call_target_name"));
        Assert.Equal(new IntAttr(2, DType.S32), call.Attribute("api_version"));
        Assert.Equal(new StringAttr(""), call.Attribute("backend_config"));
        Assert.Equal(new OpaqueAttr("[#stablehlo<precision DEFAULT>, #stablehlo<precision HIGHEST>]"), call.Attribute("precision_config"));
        Assert.Equal(new OpaqueAttr("1.5 : f32"), call.Attribute("scale"));
        Assert.Equal(new OpaqueAttr("{a = 1, b = [1, 2]}"), call.Attribute("nested"));
        Assert.Equal(new OpaqueAttr("unit"), call.Attribute("has_side_effect"));

        var w = ops[3];
        Assert.Equal(2, w.Results.Count);
        Assert.Equal(new ComparisonDirectionAttr(ComparisonDirection.LT), w.Regions[0].Operations[1].Attribute("comparison_direction"));
        Assert.Equal(Ops.Return, w.Regions[0].Operations[2].Name);
        Assert.Same(w.Regions[0].Operations[1].Results[0], w.Regions[0].Operations[2].Operands[0]);
        Assert.Equal(new DotDimensionsAttr([], [], [0], [0]), w.Regions[1].Operations[0].Attribute("dot_dimension_numbers"));
        Assert.Equal("iterArg_0", w.Regions[1].Arguments[1].NameHint);
        Assert.Equal([w.Results[1], w.Results[0]], ops[4].Operands);

        Assert.Equal(Ops.FuncReturn, m.Functions[1].Body.Operations[0].Name);
        Assert.Same(m.Functions[1].Parameters[0], m.Functions[1].Body.Operations[0].Operands[0]);
        Assert.Empty(m.Functions[2].Body.Operations[0].Operands);
    }

    [Fact]
    public void JaxStyleExport_ReprintsInCanonicalFormThatRoundTrips()
    {
        var text = MlirPrinter.Print(MlirParser.Parse(JaxLike));
        Assert.Contains("precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision HIGHEST>]", text);
        Assert.Contains("\"func.return\"(%3#1, %3#0) : (tensor<3xf32>, tensor<i32>) -> ()", text);
        Assert.Equal(text, MlirPrinter.Print(MlirParser.Parse(text)));
    }

    [MlirOptFact]
    public void JaxStyleExport_IsRealMlir_AndSoIsItsReprint()
    {
        // mlir-opt has no stablehlo dialect, so it reads only the generic form of stablehlo.return.
        MlirOpt.AssertParses(JaxLike.Replace("stablehlo.return %3 : tensor<i1>", "\"stablehlo.return\"(%3) : (tensor<i1>) -> ()"));
        MlirOpt.AssertParses(MlirPrinter.Print(MlirParser.Parse(JaxLike)));
    }

    [Fact]
    public void AnonymousModuleWithAttributes_AndImplicitModule()
    {
        var m = MlirParser.Parse("module attributes {foo.bar = 3 : i64} {\n  func.func @main() {\n    return\n  }\n}\n");
        Assert.Equal("", m.Name);
        Assert.Empty(m.Main.ResultTypes);
        Assert.StartsWith("module {\n", MlirPrinter.Print(m));

        m = MlirParser.Parse("func.func @main(%a: tensor<2xi64>) -> tensor<2xi64> {\n  return %a : tensor<2xi64>\n}\n");
        Assert.Equal("", m.Name);
        Assert.Single(m.Main.Body.Operations);
    }

    [Fact]
    public void DenseForms_ParseIntoTypedArrays()
    {
        static Array Data(string dense)
        {
            var type = dense[(dense.LastIndexOf(" : ", StringComparison.Ordinal) + 3)..];
            var m = MlirParser.Parse($"module {{\n  func.func @main() -> {type} {{\n    %0 = \"stablehlo.constant\"() {{value = {dense}}} : () -> {type}\n    return %0 : {type}\n  }}\n}}\n");
            return m.Main.Body.Operations[0].Attribute<DenseAttr>("value").Data;
        }
        Assert.Equal(new[] { 1f }, Data("dense<1.000000e+00> : tensor<2x3xf32>"));
        Assert.Equal(new[] { 1f, 1f }, Data("dense<\"0x0000803F0000803F\"> : tensor<2xf32>"));
        Assert.Equal(new[] { 1f }, Data("dense<\"0x0000803F\"> : tensor<20xf32>"));
        Assert.Equal(new[] { -1, 2 }, Data("dense<[-1, 2]> : tensor<2xi32>"));
        Assert.Equal(new[] { long.MinValue }, Data("dense<-9223372036854775808> : tensor<i64>"));
        Assert.Equal(new[] { true, false }, Data("dense<[true, false]> : tensor<2xi1>"));
        Assert.Equal(new[] { 0.5, double.NegativeInfinity }, Data("dense<[5.000000e-01, 0xFFF0000000000000]> : tensor<2xf64>"));
        Assert.Equal(new[] { (Half)1.5f, Half.PositiveInfinity }, Data("dense<[1.5, 0x7C00]> : tensor<2xf16>"));
        Assert.Equal(new ushort[] { 0x3F80, 0xC000 }, Data("dense<[1.0, -2.0]> : tensor<2xbf16>"));
        Assert.Equal(new ushort[] { 0x3F80 }, Data("dense<\"0x803F\"> : tensor<4xbf16>"));
        Assert.Equal(Array.Empty<float>(), Data("dense<> : tensor<0xf32>"));
        Assert.Equal(Array.Empty<int>(), Data("dense<[]> : tensor<0xi32>"));
        Assert.Equal(new[] { 1f, 2f, 3f, 4f }, Data("dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>"));
        Assert.Equal(BitConverter.Int32BitsToSingle(0x7FC00001), ((float[])Data("dense<0x7FC00001> : tensor<f32>"))[0]);
    }

    [Fact]
    public void UnmodelledAttributes_KeepTheirExactText()
    {
        var m = MlirParser.Parse("""
            module {
              func.func @main(%a: tensor<2xf32>) -> tensor<2xf32> {
                %0 = "x.op"(%a) {d = dense<[1, 2]> : tensor<2xi8>, c = dense<(1.0,2.0)> : tensor<complex<f32>>, i = array<i32: 1, 2>, m = affine_map<(d0) -> (d0)>, s = #stablehlo<other FOO>, t = 7 : i16, e = #stablehlo.dot<foo = [1]>} : (tensor<2xf32>) -> tensor<2xf32>
                return %0 : tensor<2xf32>
              }
            }
            """);
        var op = m.Main.Body.Operations[0];
        Assert.Equal(
            ["dense<[1, 2]> : tensor<2xi8>", "dense<(1.0,2.0)> : tensor<complex<f32>>", "array<i32: 1, 2>", "affine_map<(d0) -> (d0)>", "#stablehlo<other FOO>", "7 : i16", "#stablehlo.dot<foo = [1]>"],
            op.Attributes.Select(a => ((OpaqueAttr)a.Value).Text));
    }

    [Fact]
    public void SeveralResultNames_AndNamedBlockArguments()
    {
        var m = MlirParser.Parse("""
            func.func @main(%ten: tensor<i64>) -> tensor<i64> {
              %i, %state = "stablehlo.while"(%ten, %ten) ({
                ^bb0(%a: tensor<i64>, %b: tensor<i64>):
                  %cond = "stablehlo.convert"(%a) : (tensor<i64>) -> tensor<i1>
                  stablehlo.return %cond : tensor<i1>
              }, {
                ^bb0(%a: tensor<i64>, %b: tensor<i64>):
                  stablehlo.return %b, %a : tensor<i64>, tensor<i64>
              }) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>)
              func.return %state : tensor<i64>
            }
            """);
        var ops = m.Main.Body.Operations;
        Assert.Same(ops[0].Results[1], ops[1].Operands[0]);
        Assert.Equal("state", ops[0].Results[1].NameHint);
        Assert.Equal([ops[0].Regions[1].Arguments[1], ops[0].Regions[1].Arguments[0]], ops[0].Regions[1].Operations[0].Operands);
    }
}
