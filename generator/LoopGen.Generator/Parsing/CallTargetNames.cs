using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// The names a call must have to be one the interception parser may redirect, per compilation: every method of the
/// project's source declared with at least one attribute list (a superset of its <c>[Compile]</c> methods, decided on
/// syntax alone, so an aliased attribute still counts), and every <c>[Compile]</c> method of a referenced assembly that
/// has its public compiled entry (<c>NameCompiled</c>). A call named otherwise cannot target a <c>[Compile]</c>
/// method (C# cannot rename a method at a call site), so it is dropped before any binding: without this filter the
/// parser bound every invocation of the project.
/// </summary>
internal static class CallTargetNames
{
    private static readonly ConditionalWeakTable<Compilation, HashSet<string>> ByCompilation = new();
    private static readonly ConditionalWeakTable<IAssemblySymbol, HashSet<string>> ByAssembly = new();

    /// <summary>The name a call's target is written with: the identifier of <c>M(…)</c>, <c>x.M(…)</c> or <c>x?.M(…)</c>.</summary>
    public static string? Of(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>Whether a call with this name may target a <c>[Compile]</c> method of the compilation or of a referenced assembly.</summary>
    public static bool MayTarget(Compilation compilation, string name) =>
        ByCompilation.GetValue(compilation, Collect).Contains(name);

    private static HashSet<string> Collect(Compilation compilation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            // Declarations only: the walk never enters a member's body.
            foreach (var node in tree.GetRoot().DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
            {
                if (node is MethodDeclarationSyntax { AttributeLists.Count: > 0 } method) names.Add(method.Identifier.ValueText);
            }
        }
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            names.UnionWith(ByAssembly.GetValue(assembly, Referenced));
        }
        return names;
    }

    /// <summary>
    /// The <c>[Compile]</c> method names of a referenced assembly built with LoopGen (one that references the runtime):
    /// the names <c>N</c> of its types' members for which a public <c>NCompiled</c> exists. Read once per assembly symbol.
    /// </summary>
    private static HashSet<string> Referenced(IAssemblySymbol assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!ReferencesRuntime(assembly)) return names;
        var suffix = Naming.CompiledEntry("");
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            var container = pending.Pop();
            foreach (var member in container.GetMembers())
            {
                if (member is INamespaceOrTypeSymbol inner) pending.Push(inner);
            }
            if (container is not INamedTypeSymbol type) continue;
            foreach (var memberName in type.MemberNames)
            {
                if (memberName.Length > suffix.Length && memberName.EndsWith(suffix, StringComparison.Ordinal))
                {
                    names.Add(memberName.Substring(0, memberName.Length - suffix.Length));
                }
            }
        }
        return names;
    }

    /// <summary>Whether the assembly can hold <c>[Compile]</c> methods: it references the runtime, or declares the attribute itself.</summary>
    private static bool ReferencesRuntime(IAssemblySymbol assembly)
    {
        if (assembly.GetTypeByMetadataName(CompileChecks.CompileAttributeName) is not null) return true;
        foreach (var module in assembly.Modules)
        {
            foreach (var referenced in module.ReferencedAssemblies)
            {
                if (referenced.Name == "LoopGen.Runtime") return true;
            }
        }
        return false;
    }
}
