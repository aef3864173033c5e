namespace LoopGen.Ir.Text;

/// <summary>Prints a <see cref="Module"/> as MLIR text: the generic op form (canonical) or the pretty form (for people).</summary>
public static class MlirPrinter
{
    /// <summary>The canonical text: <c>module</c>/<c>func.func</c> wrappers with every op in MLIR's generic form.</summary>
    public static string Print(Module module) => throw new NotImplementedException();
}
