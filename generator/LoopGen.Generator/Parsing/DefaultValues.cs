using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// A parameter's default value as C# the generated entries can repeat (<c>= 3</c>, <c>= 0.5F</c>), so a call that
/// leaves the argument out — a user's, or another <c>[Compile]</c> method's — compiles against the entries too.
/// </summary>
internal static class DefaultValues
{
    /// <summary>The text after <c>=</c>, or null when the parameter has no default.</summary>
    public static string? Of(IParameterSymbol p)
    {
        if (!p.HasExplicitDefaultValue) return null;
        var value = p.ExplicitDefaultValue;
        if (p.Type.TypeKind == TypeKind.Enum && value is not null)
        {
            return "(" + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")(" + System.Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
        }
        return value switch
        {
            null => "default",
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture) + "L",
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
    }
}
