using System;
using System.Linq;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers;

/// <summary>
/// A type declaration without <c>partial</c> that holds a <c>[Compile]</c> method (directly or in a nested type): the
/// generated file cannot reopen it, so the method gets no compiled entry. Reported once, on the type's name.
/// </summary>
internal static class PartialTypeAnalysis
{
    public static void Analyze(SyntaxNodeAnalysisContext context)
    {
        try
        {
            var type = (TypeDeclarationSyntax)context.Node;
            if (CompileChecks.IsPartial(type)) return;
            foreach (var method in type.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.AttributeLists.Count == 0) continue;
                if (context.SemanticModel.GetDeclaredSymbol(method, context.CancellationToken) is not { } symbol || !CompileChecks.HasCompile(symbol)) continue;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, type.Identifier.GetLocation(), type.Identifier.ValueText, symbol.Name));
                return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never fail the user's build over a diagnostic.
        }
    }
}
