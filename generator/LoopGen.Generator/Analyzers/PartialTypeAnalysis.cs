using System;
using System.Linq;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers;

/// <summary>
/// A type declaration without <c>partial</c> that holds a <c>[Compile]</c> method (directly or in a nested type): the
/// generated file cannot reopen it, so the method gets no compiled entry. Reported once, on the type's name.
/// </summary>
internal static class PartialTypeAnalysis
{
    public static void Analyze(SymbolAnalysisContext context)
    {
        try
        {
            foreach (var reference in context.Symbol.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is not TypeDeclarationSyntax type || !IsCovered(type) || CompileChecks.IsPartial(type)) continue;
                // One declaration of a type can be generated while another is not: a node action never saw that one.
                if (context.Symbol.DeclaringSyntaxReferences.Length > 1 && CompileChecks.IsGeneratedTree(type.SyntaxTree)) continue;
                Analyze(context, type);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never fail the user's build over a diagnostic.
        }
    }

    /// <summary>Classes, structs and records hold the methods the generator reopens; interfaces get LG0001 instead.</summary>
    private static bool IsCovered(TypeDeclarationSyntax type) =>
        type.IsKind(SyntaxKind.ClassDeclaration) || type.IsKind(SyntaxKind.StructDeclaration)
        || type.IsKind(SyntaxKind.RecordDeclaration) || type.IsKind(SyntaxKind.RecordStructDeclaration);

    private static void Analyze(SymbolAnalysisContext context, TypeDeclarationSyntax type)
    {
        SemanticModel? model = null;
        foreach (var method in type.DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            if (method.AttributeLists.Count == 0) continue;
            model ??= context.Compilation.GetSemanticModel(type.SyntaxTree);
            if (model.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol || !CompileChecks.HasCompile(symbol)) continue;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, symbol.Name));
            return;
        }
    }
}
