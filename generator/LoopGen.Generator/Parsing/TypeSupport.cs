using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// Which parameter and return types a compiled method may have, and how the entry converts between the original
/// signature and the twin's (where a primitive became a <c>Tensor</c>).
/// </summary>
internal static class TypeSupport
{
    public const string TensorType = "global::LoopGen.Tensor";

    /// <summary>The supported types, for messages.</summary>
    public const string SupportedList = "Tensor, bool, int, long, float, double, Tensor[] and value tuples of these";

    /// <summary>True for <c>LoopGen.Tensor</c>.</summary>
    public static bool IsTensor(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Tensor", ContainingNamespace: { Name: "LoopGen", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary>True for the C# primitives a compiled method may take and return (static values, or 0-d tensors in the twin).</summary>
    public static bool IsPrimitive(ITypeSymbol type) => PrimitiveKeyword(type) is not null;

    /// <summary>The C# keyword of a supported primitive (the type argument of <c>Tensor.Item&lt;T&gt;</c>), or null.</summary>
    public static string? PrimitiveKeyword(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int64 => "long",
        SpecialType.System_Single => "float",
        SpecialType.System_Double => "double",
        _ => null,
    };

    /// <summary>Whether <paramref name="type"/> can be a parameter or return type of a compiled method.</summary>
    public static bool IsSupported(ITypeSymbol type)
    {
        if (IsTensor(type) || IsPrimitive(type)) return true;
        if (type is IArrayTypeSymbol { Rank: 1 } array) return IsTensor(array.ElementType);
        if (type is INamedTypeSymbol { IsTupleType: true } tuple) return tuple.TupleElements.All(e => IsSupported(e.Type));
        return false;
    }

    /// <summary>
    /// How a value of the twin's type <paramref name="twin"/> (text) becomes the original <paramref name="original"/>:
    /// an expression over <paramref name="expression"/>, the expression itself when the types agree, or null when
    /// they do not correspond (the twin must have the original type, or a <c>Tensor</c> where the original has a primitive).
    /// </summary>
    public static string? ConvertResult(ITypeSymbol original, string twin, string expression)
    {
        var syntax = SyntaxFactory.ParseTypeName(twin);
        return Convert(original, syntax, expression, out _);
    }

    /// <summary>Whether an argument of type <paramref name="original"/> passes to a twin parameter of type <paramref name="twin"/> by implicit conversion.</summary>
    public static bool ArgumentConverts(ITypeSymbol original, string twin) =>
        Convert(original, SyntaxFactory.ParseTypeName(twin), "_", out _) is not null;

    private static string? Convert(ITypeSymbol original, TypeSyntax twin, string expression, out bool changed)
    {
        changed = false;
        if (Normalize(twin.ToString()) == Normalize(original.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) return expression;
        if (IsPrimitive(original) && Normalize(twin.ToString()) == TensorType)
        {
            changed = true;
            return expression + ".Item<" + PrimitiveKeyword(original) + ">()";
        }
        if (original is INamedTypeSymbol { IsTupleType: true } tuple && twin is TupleTypeSyntax twinTuple
            && tuple.TupleElements.Length == twinTuple.Elements.Count)
        {
            var parts = new List<string>();
            for (int i = 0; i < twinTuple.Elements.Count; i++)
            {
                var part = Convert(tuple.TupleElements[i].Type, twinTuple.Elements[i].Type, expression + ".Item" + (i + 1), out bool c);
                if (part is null) return null;
                changed |= c;
                parts.Add(part);
            }
            return changed ? "(" + string.Join(", ", parts) + ")" : expression;
        }
        return null;
    }

    /// <summary>Type text without spaces or tuple element names' effect on comparison: <c>(int a, int b)</c> and <c>(int, int)</c> differ only in names.</summary>
    private static string Normalize(string type)
    {
        var syntax = SyntaxFactory.ParseTypeName(type);
        var stripped = syntax is TupleTypeSyntax ? StripNames(syntax) : syntax;
        return new string(stripped.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
    }

    private static TypeSyntax StripNames(TypeSyntax type) => type is TupleTypeSyntax tuple
        ? tuple.WithElements(SyntaxFactory.SeparatedList(tuple.Elements.Select(e => SyntaxFactory.TupleElement(StripNames(e.Type)))))
        : type;

    /// <summary>The type as a <c>cref</c> parameter: tuples are spelled <c>global::System.ValueTuple{…}</c> (crefs have no tuple syntax).</summary>
    public static string CrefType(ITypeSymbol type) => type switch
    {
        INamedTypeSymbol { IsTupleType: true } tuple =>
            "global::System.ValueTuple{" + string.Join(", ", tuple.TupleElements.Select(e => CrefType(e.Type))) + "}",
        IArrayTypeSymbol array => CrefType(array.ElementType) + "[]",
        _ => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
    };
}
