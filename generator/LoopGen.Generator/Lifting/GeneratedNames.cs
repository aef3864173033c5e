using System;
using System.Collections.Generic;
using System.Linq;
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
    public static string PrefixFor(MethodDeclarationSyntax method, SemanticModel model)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in method.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken)) used.Add(token.ValueText);
        }
        if (model.GetDeclaredSymbol(method) is IMethodSymbol symbol)
        {
            for (var type = symbol.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var name in type.MemberNames)
                {
                    // The generator's own members of this type (entries, fields, twins) are not the user's names.
                    if (!name.StartsWith("__LoopGen_", StringComparison.Ordinal)) used.Add(name);
                }
            }
        }
        if (!used.Any(n => n.StartsWith("__", StringComparison.Ordinal))) return "__";
        for (int k = 0; ; k++)
        {
            var prefix = k == 0 ? "__lg_" : "__lg" + k + "_";
            if (!used.Any(n => n.StartsWith(prefix, StringComparison.Ordinal))) return prefix;
        }
    }
}
