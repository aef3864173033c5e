using System.Linq;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Lifting;

/// <summary>Reading LoopGen's attributes off symbols.</summary>
internal static class CompileAttributes
{
    public const string Compile = "LoopGen.CompileAttribute";
    public const string Dynamic = "LoopGen.DynamicAttribute";

    public static bool Has(ISymbol symbol) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Compile);

    /// <summary>True for <c>[Compile(Loops = LoopMode.Unrolled)]</c>: the loops are traced as written, nothing is lifted.</summary>
    public static bool IsUnrolled(ISymbol symbol) =>
        symbol.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == Compile)
            .Any(a => a.NamedArguments.Any(n => n.Key == "Loops" && n.Value.Value is int mode && mode == 1));

    public static bool IsDynamic(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Dynamic);
}
