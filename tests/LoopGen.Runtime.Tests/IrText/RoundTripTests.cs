using System.Reflection;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.IrText;

/// <summary>print → parse → print is the identity, the parsed IR matches the built IR, and mlir-opt accepts the text.</summary>
public class RoundTripTests
{
    public static IEnumerable<object[]> Cases => IrCases.Names;

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintParsePrint_IsIdentical_AndStructureMatches(string name)
    {
        var module = IrCases.All[name]();
        var text = MlirPrinter.Print(module);
        var parsed = MlirParser.Parse(text);
        Assert.Equal(text, MlirPrinter.Print(parsed));
        IrAssert.Equivalent(module, parsed);
    }

    [MlirOptTheory]
    [MemberData(nameof(Cases))]
    public void PrintedText_IsAcceptedByMlirOpt(string name) => MlirOpt.AssertParses(MlirPrinter.Print(IrCases.All[name]()));

    [Fact]
    public void EveryOpInTheCatalogue_HasARoundTripCase()
    {
        var names = typeof(Ops).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.True(names.Count > 50, "the catalogue reflection found too few op names");
        var modules = IrCases.All.Values.Select(build => build()).ToList();
        var missing = names.Where(n => !modules.Any(m => m.CountOperations(n) > 0)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void ParsedValues_KeepSourceNamesAsHints()
    {
        var m = MlirParser.Parse(MlirPrinter.Print(IrCases.Fori()));
        var main = m.Main;
        Assert.Equal("arg0", main.Parameters[0].NameHint);
        var w = main.Body.Operations[1];
        Assert.Equal(["1#0", "1#1"], w.Results.Select(r => r.NameHint));
        Assert.Equal("arg1", w.Regions[1].Arguments[0].NameHint);
    }

    [Fact]
    public void RandomFloatConstants_RoundTripBitExact()
    {
        for (int round = 0; round < 20; round++)
        {
            var f = Rand.Ints(12, int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).ToArray();
            var d = Rand.Longs(12, long.MinValue, long.MaxValue).Select(BitConverter.Int64BitsToDouble).ToArray();
            var h = Rand.Ints(12, 0, 65536).Select(b => BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
            var attrs = new DenseAttr[]
            {
                new(IrCases.T(DType.F32, 3, 4), f),
                new(IrCases.T(DType.F64, 12), d),
                new(IrCases.T(DType.F16, 12), h),
                new(IrCases.T(DType.F32, 12), Rand.Floats(12, -1e-30f, 1e-30f)),
            };
            var module = IrCases.MainModule([], (b, _) => [.. attrs.Select(a => IrCases.Const(b, a))]);
            var text = MlirPrinter.Print(module);
            var parsed = MlirParser.Parse(text);
            IrAssert.Equivalent(module, parsed);
            Assert.Equal(text, MlirPrinter.Print(parsed));
        }
    }

    [Fact]
    public void TheBriefsExample_ParsesAndPrintsBackUnchanged()
    {
        const string text = """
            module @m {
              func.func public @main(%arg0: tensor<1xi32>) -> (tensor<1xi32>) {
                %0 = "stablehlo.constant"() {value = dense<0> : tensor<i32>} : () -> tensor<i32>
                %1:2 = "stablehlo.while"(%0, %arg0) ({
                ^bb0(%arg1: tensor<i32>, %arg2: tensor<1xi32>):
                  %2 = "stablehlo.constant"() {value = dense<10> : tensor<i32>} : () -> tensor<i32>
                  %3 = "stablehlo.compare"(%arg1, %2) {comparison_direction = #stablehlo<comparison_direction LT>} : (tensor<i32>, tensor<i32>) -> tensor<i1>
                  "stablehlo.return"(%3) : (tensor<i1>) -> ()
                }, {
                ^bb0(%arg1: tensor<i32>, %arg2: tensor<1xi32>):
                  %4 = "stablehlo.dot_general"(%arg2, %arg2) {dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [0], rhs_contracting_dimensions = [0]>} : (tensor<1xi32>, tensor<1xi32>) -> tensor<i32>
                  %5 = "stablehlo.dynamic_slice"(%arg2, %arg1) {slice_sizes = array<i64: 1>} : (tensor<1xi32>, tensor<i32>) -> tensor<1xi32>
                  "stablehlo.return"(%arg1, %5) : (tensor<i32>, tensor<1xi32>) -> ()
                }) : (tensor<i32>, tensor<1xi32>) -> (tensor<i32>, tensor<1xi32>)
                "func.return"(%1#1) : (tensor<1xi32>) -> ()
              }
            }

            """;
        Assert.Equal(text, MlirPrinter.Print(MlirParser.Parse(text)));
    }
}
