using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>Reads a method's surroundings from its declaration: the namespace, the containing type declarations and the using directives in scope.</summary>
internal static class HierarchyBuilder
{
    /// <summary>The hierarchy of <paramref name="method"/>; null when the code is too broken to name it (a type without a name).</summary>
    public static HierarchyInfo? Build(MethodDeclarationSyntax method)
    {
        var types = new List<ContainingTypeInfo>();
        var namespaces = new List<string>();
        for (var node = method.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case TypeDeclarationSyntax type:
                    if (type.Identifier.IsMissing || type.Identifier.ValueText.Length == 0) return null;
                    types.Insert(0, new ContainingTypeInfo(
                        Keyword(type),
                        string.Join(" ", type.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.Text)),
                        Identifiers.Escape(type.Identifier.ValueText),
                        type.TypeParameterList is { } list ? "<" + string.Join(", ", list.Parameters.Select(p => Identifiers.Escape(p.Identifier.ValueText))) + ">" : "",
                        type.TypeParameterList?.Parameters.Count ?? 0,
                        CompileChecks.IsPartial(type)));
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    namespaces.Insert(0, new string(ns.Name.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray()));
                    break;
                case CompilationUnitSyntax:
                    break;
                default:
                    // A method inside something else (broken code): it cannot be reopened, so it is not ours.
                    return null;
            }
        }
        return types.Count == 0 ? null : new HierarchyInfo(string.Join(".", namespaces), types.ToEquatableArray());
    }

    private static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        StructDeclarationSyntax => "struct",
        InterfaceDeclarationSyntax => "interface",
        _ => "class",
    };

    /// <summary>The method's index among its type's same-named <c>[Compile]</c> methods, in declaration order.</summary>
    public static int Ordinal(IMethodSymbol symbol)
    {
        int ordinal = 0;
        foreach (var member in symbol.ContainingType.GetMembers(symbol.Name))
        {
            if (SymbolEqualityComparer.Default.Equals(member, symbol)) return ordinal;
            if (member is IMethodSymbol && CompileChecks.HasCompile(member)) ordinal++;
        }
        return ordinal;
    }
}
