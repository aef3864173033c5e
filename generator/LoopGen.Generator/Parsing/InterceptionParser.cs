using System;
using System.Linq;
using System.Threading;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// The transform of the interception pipeline: a call whose target is a <c>[Compile]</c> method of this assembly
/// becomes an <see cref="InterceptionModel"/>. Whether the target is really generated is decided later, when the
/// calls meet the methods (a method the lifter rejects gets no interceptor).
/// </summary>
internal static class InterceptionParser
{
    /// <summary>Cheap syntax filter: every invocation (a method group is not one, so it is never intercepted).</summary>
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellationToken) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax or MemberBindingExpressionSyntax };

    /// <summary>The interception of the call, or null when it is not one we redirect. Never throws (but for cancellation).</summary>
    public static InterceptionModel? Parse(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var t = GeneratorTestHooks.Start();
        try
        {
            return ParseCore(context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An interceptor missed only makes that call eager; failing the build would be worse.
            return null;
        }
        finally
        {
            GeneratorTestHooks.Stop("generator: call sites (interception parser)", t);
        }
    }

    private static InterceptionModel? ParseCore(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        // By name first: most calls of a project cannot target a [Compile] method, and binding them is what cost.
        if (CallTargetNames.Of(invocation) is not { } name || !CallTargetNames.MayTarget(context.SemanticModel.Compilation, name)) return null;
        // The shared model, without nullable analysis: the call's target is the same, the body holding the call is bound
        // without the nullable walker (a third of a binding), and once for the lifting too when it is a [Compile] body.
        var model = Sharing.SharedAnalysis.Model(context.SemanticModel);
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol target) return null;
        if (target.MethodKind != MethodKind.Ordinary || !CompileChecks.HasCompile(target)) return null;
        if (!SymbolEqualityComparer.Default.Equals(target.ContainingAssembly, context.SemanticModel.Compilation.Assembly))
        {
            return Referenced(model, invocation, target, cancellationToken);
        }
        if (!CompileChecks.IsReachableFromAssembly(target) || target.IsGenericMethod || target.ContainingType.IsGenericType) return null;
        if (CompileChecks.IsGeneratedTree(invocation.SyntaxTree)) return null;
        if (target.DeclaringSyntaxReferences.Length == 0
            || target.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
            || HierarchyBuilder.Build(declaration) is not { } hierarchy)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (model.GetInterceptableLocation(invocation, cancellationToken) is not { } location) return null;
        return new InterceptionModel(
            hierarchy.Identity, Identifiers.Escape(target.Name), HierarchyBuilder.Ordinal(target),
            location.Version, location.Data, location.GetDisplayLocation());
    }

    /// <summary>
    /// A call to a <c>[Compile]</c> method of a referenced assembly: redirected to its public compiled entry, which that
    /// assembly's own build generated (and only when it did: an entry of the same signature must be there).
    /// </summary>
    private static InterceptionModel? Referenced(SemanticModel model, InvocationExpressionSyntax invocation, IMethodSymbol target, CancellationToken cancellationToken)
    {
        if (target.IsGenericMethod || target.ContainingType is not { } type || type.IsGenericType) return null;
        if (target.DeclaredAccessibility != Accessibility.Public || CompileChecks.IsGeneratedTree(invocation.SyntaxTree)) return null;
        if (Lifting.CompiledEntries.Find(target) is not { } entry) return null;
        if (!model.Compilation.IsSymbolAccessibleWithin(entry, model.Compilation.Assembly)) return null;
        cancellationToken.ThrowIfCancellationRequested();
        if (model.GetInterceptableLocation(invocation, cancellationToken) is not { } location) return null;
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var parameters = target.Parameters
            .Select(p => new ParameterModel(Identifiers.Escape(p.Name), p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), false))
            .ToEquatableArray();
        var referenced = new ReferencedEntry(typeName, Identifiers.Escape(entry.Name), target.IsStatic, parameters, target.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        return new InterceptionModel(typeName, Identifiers.Escape(target.Name), 0, location.Version, location.Data, location.GetDisplayLocation(), referenced);
    }
}
