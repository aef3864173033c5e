using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers;

/// <summary>
/// Reports, at the line, why a <c>[Compile]</c> method or one of its loops cannot be lifted, and notes on trip
/// counts. The decisions are the generator's own (the shared lifting analysis); this class only wires them up.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the runtime there is no [Compile] to look for.
            if (start.Compilation.GetTypeByMetadataName("LoopGen.CompileAttribute") is null) return;
            start.RegisterSyntaxNodeAction(MethodAnalysis.Analyze, SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(
                PartialTypeAnalysis.Analyze,
                SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        });
    }
}
