using System;
using System.Linq;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;
using LoopGen.Generator.Parsing;
using LoopGen.Generator.Sharing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Analyzers;

/// <summary>
/// One <c>[Compile]</c> method, in the order the generator decides: the method-level rules, then (when the method
/// compiles as C#) the lifting analysis, whose problems and notes become diagnostics. The generator's verdict is used
/// when it holds for this compilation (<see cref="SharedAnalysis"/>), so a build analyses each method once.
/// </summary>
internal static class MethodAnalysis
{
    public static void Analyze(SymbolAnalysisContext context)
    {
        var symbol = (IMethodSymbol)context.Symbol;
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            // The cheap filter before any semantic work: a method without an attribute list has no [Compile].
            if (reference.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax { AttributeLists.Count: > 0 } syntax) continue;
            try
            {
                Run(context, syntax);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug here must not break the user's IDE or build (AD0001): it is reported as LG9999 at the method, as the generator does.
                context.ReportDiagnostic(Diagnostic.Create(InternalErrors.Descriptor, syntax.Identifier.GetLocation(), syntax.Identifier.ValueText, InternalErrors.Describe(e)));
            }
        }
    }

    private static void Run(SymbolAnalysisContext context, MethodDeclarationSyntax syntax)
    {
        // The generator's own verdict, when this compilation is its input plus the generated files (a build; the IDE
        // until another file changes): no symbol, binding or analysis needed here.
        if (SharedAnalysis.Verdict(syntax, context.Compilation) is { } shared)
        {
            Report(context, syntax, syntax.Identifier.ValueText, shared);
            return;
        }

        // The shared analyses' model of the tree (the lifting's, without nullable analysis): the compile-error check and
        // the lifting bind the body once in it, as the generator does.
        var model = SharedAnalysis.Model(context.Compilation.GetSemanticModel(syntax.SyntaxTree));
        // The symbol this declaration declares: the action's own, but for a part of a partial method, which is asked.
        var own = (IMethodSymbol)context.Symbol;
        var declared = own.PartialDefinitionPart is null && own.PartialImplementationPart is null ? own : model.GetDeclaredSymbol(syntax, context.CancellationToken);
        if (declared is not IMethodSymbol symbol || !CompileChecks.HasCompile(symbol)) return;
        if (CompileChecks.WhyNot(syntax, symbol) is { } reason)
        {
            Report(context, syntax, symbol.Name, new MethodVerdict(reason, null));
            return;
        }

        // The compiler reports broken code already; the generator skips such a method (by the same check), and so does the analysis.
        if (CompileErrors.Any(syntax, model, context.CancellationToken)) return;

        var (result, _) = SharedAnalysis.Analyze(syntax, symbol, model, claimPlan: false, context.CancellationToken);
        Report(context, syntax, symbol.Name, new MethodVerdict(null, result));
    }

    private static void Report(SymbolAnalysisContext context, MethodDeclarationSyntax syntax, string name, MethodVerdict verdict)
    {
        if (verdict.NotCompiledReason is { } reason)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MethodCannotBeCompiled, syntax.Identifier.GetLocation(), name, reason));
            return;
        }
        if (verdict.Result is not { } result) return;
        foreach (var problem in result.Problems.Concat(result.Notes))
        {
            if (!DiagnosticDescriptors.ByCode.TryGetValue(problem.Code, out var descriptor)) continue;
            var location = problem.Length > 0
                ? Location.Create(syntax.SyntaxTree, new TextSpan(problem.Start, problem.Length))
                : syntax.Identifier.GetLocation();
            var diagnostic = descriptor == DiagnosticDescriptors.MethodCannotBeCompiled
                ? Diagnostic.Create(descriptor, location, name, problem.Message)
                : Diagnostic.Create(descriptor, location, problem.Message);
            context.ReportDiagnostic(diagnostic);
        }
    }
}
