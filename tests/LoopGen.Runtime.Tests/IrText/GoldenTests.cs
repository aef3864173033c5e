using LoopGen.Ir.Text;
using LoopGen.Tests.Support;

namespace LoopGen.Tests.IrText;

/// <summary>The printer against texts written by hand to the spec (docs/design.md, "The IR and its two printings").</summary>
public class GoldenTests
{
    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "IrText", "Golden", name));

    [Fact]
    public void ForiLoop_PrintsExactlyTheGoldenText() => Assert.Equal(Golden("fori.mlir"), MlirPrinter.Print(IrCases.Fori()));

    [Fact]
    public void ForiGolden_ParsesToTheBuiltModule() => IrAssert.Equivalent(IrCases.Fori(), MlirParser.Parse(Golden("fori.mlir")));

    [MlirOptFact]
    public void ForiGolden_IsAcceptedByMlirOpt() => MlirOpt.AssertParses(Golden("fori.mlir"));
}
