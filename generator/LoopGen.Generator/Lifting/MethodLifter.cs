using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Turns a <c>[Compile]</c> method into its traced twin: loops become <c>Loop.Fori</c> / <c>While</c> / <c>Scan</c> calls
/// over explicit carries. Shared by the generator and (later) the analyzers, so both agree on what lifts.
/// </summary>
internal static class MethodLifter
{
    /// <summary>Lifts <paramref name="method"/>; returns the twin, or null with the problems that prevent it.</summary>
    /// <param name="method">The method's declaration.</param>
    /// <param name="symbol">Its symbol.</param>
    /// <param name="model">The semantic model of its tree.</param>
    /// <param name="unrolled">True for <c>[Compile(Loops = LoopMode.Unrolled)]</c>: the body is traced as written.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public static (LiftedMethod? Method, EquatableArray<LiftProblem> Problems) Lift(
        MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, bool unrolled, CancellationToken cancellationToken)
    {
        // Placeholder until the lifting lands: only block bodies traced as written.
        cancellationToken.ThrowIfCancellationRequested();
        if (method.Body is null) return (null, EquatableArray<LiftProblem>.Empty);
        var parameters = symbol.Parameters
            .Select(p => new TwinParameter(p.Name, p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            .ToEquatableArray();
        var body = method.Body.ToFullString().Trim();
        return (new LiftedMethod(parameters, symbol.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), body, 0), EquatableArray<LiftProblem>.Empty);
    }
}
