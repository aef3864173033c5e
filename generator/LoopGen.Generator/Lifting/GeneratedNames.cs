using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Names the lifting makes can never clash with the user's: every one starts with a prefix that no identifier of the
/// method, and no member of its type or base types, starts with (<c>__</c> when that is free, else <c>__lg_</c>, <c>__lg1_</c>, …).
/// </summary>
internal static class GeneratedNames
{
    public static string PrefixFor(MethodDeclarationSyntax method, IMethodSymbol symbol)
    {
        // Every prefix starts with "__": only names that do can rule one out.
        var used = new List<string>();
        foreach (var token in method.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText.StartsWith("__", StringComparison.Ordinal)) used.Add(token.ValueText);
        }
        for (var type = symbol.ContainingType; type is not null; type = type.BaseType)
        {
            used.AddRange(MemberNamesOf(type));
        }
        if (used.Count == 0) return "__";
        for (int k = 0; ; k++)
        {
            var prefix = k == 0 ? "__lg_" : "__lg" + k + "_";
            if (!used.Any(n => n.StartsWith(prefix, StringComparison.Ordinal))) return prefix;
        }
    }

    /// <summary>
    /// A type's member names that start with "__", but the generator's own (entries, fields, twins: not the user's
    /// names). Once per type and compilation: a type's 200 methods would each read its whole member list.
    /// </summary>
    private static string[] MemberNamesOf(INamedTypeSymbol type) =>
        TypeNames.GetValue(type, static t => [.. t.MemberNames.Where(n => n.StartsWith("__", StringComparison.Ordinal) && !n.StartsWith("__LoopGen_", StringComparison.Ordinal))]);

    private static readonly ConditionalWeakTable<INamedTypeSymbol, string[]> TypeNames = new();
}
