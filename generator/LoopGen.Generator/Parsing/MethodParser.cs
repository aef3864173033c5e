using System;
using System.Linq;
using System.Threading;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;
using LoopGen.Generator.Rewriting;
using LoopGen.Generator.Sharing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// The transform of the <c>[Compile]</c> pipeline: from the attributed method to a <see cref="CompiledMethodModel"/>.
/// All semantic work happens here; what leaves is values only.
/// </summary>
internal static class MethodParser
{
    /// <summary>Builds the model of the attributed method; null when the code is too broken to place it in a type. Never throws (but for cancellation).</summary>
    public static CompiledMethodModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetNode is not MethodDeclarationSyntax syntax || context.TargetSymbol is not IMethodSymbol symbol) return null;
        try
        {
            return ParseCore(context, syntax, symbol, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug here must not fail the user's build (CS8785): the method is skipped and the file says why.
            return InternalError(syntax, symbol, e);
        }
    }

    private static CompiledMethodModel? ParseCore(
        GeneratorAttributeSyntaxContext context, MethodDeclarationSyntax syntax, IMethodSymbol symbol, CancellationToken cancellationToken)
    {
        // Phase 1: where the method lives and what it looks like (syntax and symbol only).
        var t = GeneratorTestHooks.Start();
        if (HierarchyBuilder.Build(syntax) is not { } hierarchy) return null;
        var parameters = symbol.Parameters
            .Select(p => new ParameterModel(Identifiers.Escape(p.Name), p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), CompileChecks.IsDynamic(p), DefaultValues.Of(p)))
            .ToEquatableArray();
        bool unrolled = CompileAttributes.IsUnrolled(symbol);
        var model = new CompiledMethodModel(
            hierarchy,
            Identifiers.Escape(symbol.Name),
            HierarchyBuilder.Ordinal(symbol),
            symbol.IsStatic,
            CompileChecks.AccessibilityText(symbol.DeclaredAccessibility),
            CompileChecks.IsReachableFromAssembly(symbol),
            parameters,
            symbol.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Identifiers.Escape(symbol.Name) + "(" + string.Join(", ", symbol.Parameters.Select(p => TypeSupport.CrefType(p.Type))) + ")",
            unrolled,
            Twin: null,
            ResultConversion: null,
            Problems: EquatableArray<LiftProblem>.Empty,
            NotCompiledReason: null,
            Diagnostics: EquatableArray<DiagnosticInfo>.Empty);
        cancellationToken.ThrowIfCancellationRequested();
        GeneratorTestHooks.Stop("generator: method model", t);
        t = GeneratorTestHooks.Start();

        // Phase 2: the rules that need no lifting. A verdict left from an earlier compilation goes first: this one decides.
        SharedAnalysis.Forget(syntax);
        if (CompileChecks.WhyNot(syntax, symbol) is { } reason)
        {
            SharedAnalysis.Remember(syntax, context.SemanticModel.Compilation, new MethodVerdict(reason, null));
            return model with { NotCompiledReason = reason };
        }
        cancellationToken.ThrowIfCancellationRequested();

        GeneratorTestHooks.Stop("generator: method rules", t);
        t = GeneratorTestHooks.Start();
        // A method that does not compile would give a twin that does not either: the user fixes the method first. Told
        // from the body's one binding (the lifting's), not SemanticModel.GetDiagnostics, which compiles the body again.
        // The model is the shared analyses' one for this tree: a callee check may have bound this body in it already.
        var semanticModel = SharedAnalysis.Model(context.SemanticModel);
        if (CompileErrors.Any(syntax, semanticModel, cancellationToken, symbol))
        {
            SharedAnalysis.Remember(syntax, context.SemanticModel.Compilation, MethodVerdict.HasCompileErrors);
            return model with { NotCompiledReason = "it has compilation errors" };
        }

        GeneratorTestHooks.Stop("generator: compile errors of the method (first binding of its body)", t);
        t = GeneratorTestHooks.Start();

        // Phase 3: lift the loops.
        GeneratorTestHooks.BeforeLift.Value?.Invoke(symbol.Name);
        // One analysis per method and compilation: the callee checks of other methods may have made it already, and the
        // analyzers reuse this one when their compilation is this one plus the generated files.
        var (result, ctx) = SharedAnalysis.Analyze(syntax, symbol, semanticModel, claimPlan: true, cancellationToken);
        SharedAnalysis.Remember(syntax, context.SemanticModel.Compilation, new MethodVerdict(null, result));
        GeneratorTestHooks.Stop("generator: lifting analysis", t);
        var problems = result.Problems;
        model = model with { Problems = problems };
        if (problems.Count > 0)
        {
            var first = problems[0];
            var more = problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "";
            return model with { NotCompiledReason = $"{first.Message} (line {first.Line}, {first.Code}){more}" };
        }
        if (ctx is null) return model with { NotCompiledReason = "the lifter produced no twin" };
        cancellationToken.ThrowIfCancellationRequested();
        t = GeneratorTestHooks.Start();
        var twin = TwinBuilder.Build(ctx, symbol);
        GeneratorTestHooks.Stop("generator: twin (rewriter)", t);

        // Phase 4: the twin's signature must correspond to the original, or the entry could not call it.
        if (twin.Parameters.Count != symbol.Parameters.Length)
        {
            return model with { NotCompiledReason = $"internal error (the twin has {twin.Parameters.Count} parameters, the method {symbol.Parameters.Length})" };
        }
        for (int i = 0; i < twin.Parameters.Count; i++)
        {
            // The same type written the same way converts (most parameters): no need to parse the twin's type.
            if (twin.Parameters[i].Type != parameters[i].Type && !TypeSupport.ArgumentConverts(symbol.Parameters[i].Type, twin.Parameters[i].Type))
            {
                return model with { NotCompiledReason = $"internal error (twin parameter '{twin.Parameters[i].Name}' has type '{twin.Parameters[i].Type}', which '{parameters[i].Type}' does not convert to)" };
            }
        }
        // The same type written the same way needs no conversion: no need to parse the twin's type.
        if ((twin.ReturnType == model.ReturnType ? "__r"
            : ListReturns.IsTensorList(symbol.ReturnType) && twin.ReturnType == TwinRewriter.TensorType ? ListReturns.Conversion // a collected list returned whole
            : TypeSupport.ConvertResult(symbol.ReturnType, twin.ReturnType, "__r")) is not { } conversion)
        {
            return model with { NotCompiledReason = $"internal error (the twin returns '{twin.ReturnType}', which does not convert to '{model.ReturnType}')" };
        }
        return model with { Twin = twin, ResultConversion = conversion == "__r" ? null : conversion };
    }

    private static CompiledMethodModel? InternalError(MethodDeclarationSyntax syntax, IMethodSymbol symbol, Exception e)
    {
        try
        {
            if (HierarchyBuilder.Build(syntax) is not { } hierarchy) return null;
            var message = InternalErrors.Describe(e);
            var diagnostic = new DiagnosticInfo(InternalErrors.Id, syntax.SyntaxTree, syntax.Identifier.Span, new[] { symbol.Name, message }.ToEquatableArray());
            return new CompiledMethodModel(
                hierarchy, Identifiers.Escape(symbol.Name), 0, symbol.IsStatic, "private", false,
                EquatableArray<ParameterModel>.Empty, "", "", false,
                null, null, EquatableArray<LiftProblem>.Empty, $"internal error ({message})", new[] { diagnostic }.ToEquatableArray());
        }
        catch (Exception)
        {
            return null;
        }
    }
}
