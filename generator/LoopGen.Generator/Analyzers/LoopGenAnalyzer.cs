using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers;

/// <summary>
/// Reports, at the line, why a <c>[Compile]</c> method or one of its loops cannot be lifted, and notes on trip
/// counts. The decisions are the generator's own (the shared lifting analysis); this class only wires them up.
/// </summary>
/// <remarks>
/// Symbol actions, not syntax-node actions: a node action makes the driver hand every node of every declaration to
/// this analyzer (it only wants method and type declarations), where a symbol action is called once per declared
/// symbol, and the declaration is one <see cref="ISymbol.DeclaringSyntaxReferences"/> away.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LoopGenAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => DiagnosticDescriptors.All;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        // Generated code is not analysed (Analyze is off: the driver calls no action for a generated symbol), and
        // what is reported needs no check: every location is in the declaration being analysed, so never generated.
        // Without ReportDiagnostics the driver checks each diagnostic's location, which costs a walk of its whole
        // tree (the [GeneratedCode] declarations in it) per tree the first time.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the runtime there is no [Compile] to look for.
            if (start.Compilation.GetTypeByMetadataName("LoopGen.CompileAttribute") is null) return;
            start.RegisterSymbolAction(MethodAnalysis.Analyze, SymbolKind.Method);
            start.RegisterSymbolAction(PartialTypeAnalysis.Analyze, SymbolKind.NamedType);
        });
    }
}
