using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// A helper of the project called with a traced number for a number parameter, <c>x = Step(x, i)</c> with
/// <c>static Tensor Step(Tensor x, int i)</c> (JAX's <c>body_fun(i, carry)</c>): inside the compiled code the counter is a
/// 0-d tensor, so the helper cannot be called as written. It gets a traced twin instead: its body lifted by the same
/// analysis and rewriter as a <c>[Compile]</c> method's, those parameters traced as <c>[Dynamic]</c> ones are (their uses
/// checked as in loops: arithmetic, comparisons and <c>if</c>s on them, indexing, <c>Math.Min</c>…), declared as a local
/// function of the caller's twin, which calls it. Each helper and set of traced parameters gets one twin per caller.
/// </summary>
internal static class TracedHelpers
{
    /// <summary>How deep helpers may call helpers with traced numbers (far beyond what a loop body needs).</summary>
    private const int MaxDepth = 8;

    /// <summary>
    /// Whether <paramref name="call"/> passes a traced number to a number parameter of a helper that then runs traced:
    /// <see cref="HelperVerdict.Lifted"/> (a twin is planned), <see cref="HelperVerdict.Reported"/> (it cannot be; the
    /// problem names why), or <see cref="HelperVerdict.NotAHelper"/> (no such parameter, or a method without source).
    /// </summary>
    public static HelperVerdict Check(LiftContext ctx, InvocationExpressionSyntax call)
    {
        if (ctx.HelperCalls.TryGetValue(call, out var known)) return known is null ? HelperVerdict.Reported : HelperVerdict.Lifted;
        if (ctx.SymbolOf(call) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } m || m.DeclaringSyntaxReferences.Length == 0) return HelperVerdict.NotAHelper;
        if (!SymbolEqualityComparer.Default.Equals(m.ContainingAssembly, ctx.Model.Compilation.Assembly)) return HelperVerdict.NotAHelper;
        var traced = TracedParameters(ctx, call, m);
        if (traced.Count == 0) return HelperVerdict.NotAHelper;
        var names = string.Join(", ", traced.Select(p => $"'{p.Name}'"));
        var twin = Plan(ctx, call, m, traced, out var why);
        if (twin is null)
        {
            ctx.HelperCalls[call] = null;
            var (code, message) = why!.Value;
            ctx.Problem(code, call, $"'{m.Name}' is called with a number the compiled code computes (a 0-d tensor there) for {(traced.Count == 1 ? "parameter" : "parameters")} {names}, "
                + $"so it would run traced with {(traced.Count == 1 ? "it" : "them")} as a tensor, but {message}");
            return HelperVerdict.Reported;
        }
        ctx.HelperCalls[call] = twin;
        return HelperVerdict.Lifted;
    }

    /// <summary>The number parameters of <paramref name="m"/> that <paramref name="call"/> passes a traced value to.</summary>
    private static List<IParameterSymbol> TracedParameters(LiftContext ctx, InvocationExpressionSyntax call, IMethodSymbol m)
    {
        var traced = new List<IParameterSymbol>();
        var args = call.ArgumentList.Arguments;
        for (int k = 0; k < args.Count; k++)
        {
            var arg = args[k];
            var p = LoopAnalysis.ParameterOf(m, arg, k);
            if (p is not null && LoopAnalysis.IsPrimitive(p.Type) && TracedTypes.IsTraced(ctx, arg.Expression) && !traced.Contains(p, SymbolEqualityComparer.Default)) traced.Add(p);
        }
        return traced;
    }

    /// <summary>The twin for this helper and traced set (one already planned, or a new one), or null with the reason.</summary>
    private static HelperTwin? Plan(LiftContext ctx, InvocationExpressionSyntax call, IMethodSymbol m, List<IParameterSymbol> traced, out (string Code, string Message)? why)
    {
        why = null;
        foreach (var planned in ctx.HelperTwins)
        {
            if (SymbolEqualityComparer.Default.Equals(planned.Method, m) && planned.Traced.Count == traced.Count && planned.Traced.All(p => traced.Contains(p, SymbolEqualityComparer.Default))) return planned;
        }
        var caller = ctx.DeclaredOf(ctx.Method) as IMethodSymbol;
        if (caller is null)
        {
            why = (LiftCodes.TracedPrimitiveUse, "the calling method's symbol is not known");
            return null;
        }
        if (WhyNot(ctx, call, m, caller) is { } reason)
        {
            why = (LiftCodes.TracedPrimitiveUse, reason + Declare(m, traced));
            return null;
        }
        var syntax = m.DeclaringSyntaxReferences.Select(r => r.GetSyntax(ctx.CancellationToken)).OfType<MethodDeclarationSyntax>().First(d => d.Body is not null || d.ExpressionBody is not null);
        var model = syntax.SyntaxTree == ctx.Model.SyntaxTree ? ctx.Model : ctx.Model.Compilation.GetSemanticModel(syntax.SyntaxTree);
        var (result, helper) = MethodLifter.Analyze(syntax, m, model, unrolled: false, ctx.CancellationToken, h =>
        {
            foreach (var p in traced) h.Traced.Add(p);
            h.HelperCallers.AddRange(ctx.HelperCallers);
            h.HelperCallers.Add(caller);
            h.HelperScopeNames.UnionWith(ctx.HelperScopeNames);
            h.HelperScopeNames.UnionWith(DeclaredNames(ctx.Method));
        });
        if (result.Problems.Count > 0 || helper is null)
        {
            var first = result.Problems.FirstOrDefault();
            var where = first is null ? "" : SameFile(ctx, syntax) ? $" (in '{m.Name}', line {first.Line})" : $" (in '{m.Name}', line {first.Line} of {System.IO.Path.GetFileName(first.FilePath)})";
            why = first is null ? (LiftCodes.TracedPrimitiveUse, $"its body cannot be lifted{Declare(m, traced)}") : (first.Code, $"there {first.Message}{where}");
            return null;
        }
        if (Unreachable(ctx, helper, caller) is { } hidden)
        {
            why = (LiftCodes.TracedPrimitiveUse, hidden + Declare(m, traced));
            return null;
        }
        var twin = new HelperTwin(m, traced, helper, ctx.Prefix + "helper" + ctx.HelperTwins.Count + "_" + m.Name, SameFile(ctx, syntax));
        ctx.HelperTwins.Add(twin);
        return twin;
    }

    private static bool SameFile(LiftContext ctx, SyntaxNode helper) => helper.SyntaxTree == ctx.Method.SyntaxTree;

    /// <summary>The fallback the message ends with: the parameter declared Tensor needs no twin.</summary>
    private static string Declare(IMethodSymbol m, List<IParameterSymbol> traced) =>
        $"; declare {string.Join(", ", traced.Select(p => $"'{p.Name}'"))} of '{m.Name}' as Tensor (the plain call still converts the number)";

    /// <summary>Why <paramref name="m"/> cannot get a twin called in place of the call, or null.</summary>
    private static string? WhyNot(LiftContext ctx, InvocationExpressionSyntax call, IMethodSymbol m, IMethodSymbol caller)
    {
        if (m.IsGenericMethod || m.ContainingType.IsGenericType) return "it is generic";
        if (m.IsVirtual || m.IsAbstract || m.IsOverride) return "it is virtual (which body runs is decided when it is called)";
        if (m.IsAsync) return "it is async";
        if (m.IsExtensionMethod || m.ReducedFrom is not null) return "it is an extension method";
        if (m.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams)) return "it has a ref, out, in or params parameter";
        if (m.ReturnsVoid) return "it returns nothing";
        if (!ctx.IsTensor(m.ReturnType) && !LoopAnalysis.IsPrimitive(m.ReturnType) && !LoopAnalysis.IsTensorTuple(ctx, m.ReturnType)) return $"it returns {m.ReturnType.ToDisplayString()} (a twin returns a Tensor, a C# number or a tuple of tensors)";
        if (!m.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ctx.CancellationToken) is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null })) return "it has no body";
        if (SymbolEqualityComparer.Default.Equals(m, caller) || ctx.HelperCallers.Contains(m, SymbolEqualityComparer.Default)) return "it calls itself (a twin would be traced without end)";
        if (ctx.HelperCallers.Count >= MaxDepth) return $"helpers call helpers with traced numbers more than {MaxDepth} deep";
        if (!m.IsStatic)
        {
            bool onThis = call.Expression is SimpleNameSyntax || call.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };
            if (caller.IsStatic || !onThis || !SymbolEqualityComparer.Default.Equals(m.ContainingType, caller.ContainingType))
            {
                return "it is an instance method called on another object (a twin can only stand in for a method of this object)";
            }
        }
        return null;
    }

    /// <summary>
    /// What would stop the twin, written in the caller's type, from compiling as the helper does: a member the caller's
    /// type cannot reach (private to the helper's type), or, in an instance helper, a member read by a simple name that
    /// the caller (or a helper around it) declares as a local, which would bind to that local there.
    /// </summary>
    private static string? Unreachable(LiftContext ctx, LiftContext helper, IMethodSymbol caller)
    {
        if (helper.DeclaredOf(helper.Method) is not IMethodSymbol m) return "its symbol is not known";
        bool sameType = SymbolEqualityComparer.Default.Equals(m.ContainingType, caller.ContainingType);
        var scope = new HashSet<string>(helper.HelperScopeNames);
        foreach (var name in helper.Method.DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (name.Parent is MemberAccessExpressionSyntax ma && ma.Name == name || name.Parent is QualifiedNameSyntax q && q.Right == name || name.Parent is NameColonSyntax) continue;
            var s = helper.SymbolOf(name);
            if (s is null or ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or INamespaceSymbol or ITypeParameterSymbol or IDiscardSymbol) continue;
            if (!sameType && !ctx.Model.Compilation.IsSymbolAccessibleWithin(s, caller.ContainingType))
            {
                return $"it reads '{s.Name}', which '{caller.ContainingType.Name}' (where the twin is written) cannot reach";
            }
            if (!s.IsStatic && s.ContainingType is not null && s is not IMethodSymbol { MethodKind: MethodKind.LocalFunction } && scope.Contains(name.Identifier.ValueText))
            {
                return $"it reads the member '{s.Name}' by a name the calling method declares too; write this.{s.Name} in '{m.Name}'";
            }
        }
        return null;
    }

    /// <summary>The names a method declares (parameters, locals, loop and pattern variables, local functions).</summary>
    private static IEnumerable<string> DeclaredNames(MethodDeclarationSyntax method)
    {
        foreach (var node in method.DescendantNodes())
        {
            switch (node)
            {
                case ParameterSyntax p: yield return p.Identifier.ValueText; break;
                case VariableDeclaratorSyntax v: yield return v.Identifier.ValueText; break;
                case SingleVariableDesignationSyntax d: yield return d.Identifier.ValueText; break;
                case ForEachStatementSyntax f: yield return f.Identifier.ValueText; break;
                case LocalFunctionStatementSyntax l: yield return l.Identifier.ValueText; break;
                case CatchDeclarationSyntax c: yield return c.Identifier.ValueText; break;
            }
        }
    }
}

/// <summary>How <see cref="TracedHelpers.Check"/> judged a call.</summary>
internal enum HelperVerdict
{
    /// <summary>No traced number goes to a number parameter of a method with source in this project.</summary>
    NotAHelper,

    /// <summary>The call goes to a traced twin of the helper.</summary>
    Lifted,

    /// <summary>The helper cannot be traced so; a problem at the call says why.</summary>
    Reported,
}

/// <summary>
/// The traced twin of a helper for one set of traced parameters: the helper's lifting (its body analysed with those
/// parameters as 0-d tensors), and the name of the local function the caller's twin declares for it.
/// </summary>
internal sealed class HelperTwin
{
    public HelperTwin(IMethodSymbol method, IReadOnlyList<IParameterSymbol> traced, LiftContext context, string name, bool sameFile)
    {
        Method = method;
        Traced = traced;
        Context = context;
        Name = name;
        SameFile = sameFile;
    }

    public IMethodSymbol Method { get; }

    public IReadOnlyList<IParameterSymbol> Traced { get; }

    public LiftContext Context { get; }

    public string Name { get; }

    /// <summary>Whether the helper is in the caller's file (then the twin's <c>#line</c> directives can point at it).</summary>
    public bool SameFile { get; }
}
