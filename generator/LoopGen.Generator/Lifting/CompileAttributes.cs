using System.Linq;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Lifting;

/// <summary>Reading LoopGen's attributes off symbols.</summary>
internal static class CompileAttributes
{
    public const string Compile = "LoopGen.CompileAttribute";
    public const string Dynamic = "LoopGen.DynamicAttribute";

    public static bool Has(ISymbol symbol) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Compile);

    public static bool IsDynamic(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Dynamic);
}
