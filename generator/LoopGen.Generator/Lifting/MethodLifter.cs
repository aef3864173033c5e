using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LoopGen.Generator.Model;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// Decides how a <c>[Compile]</c> method lifts: loops planned as <c>Loop.Fori</c> / <c>While</c> / <c>Scan</c> calls over
/// explicit carries, ifs on traced conditions as <c>Loop.Cond</c>, C# numbers the compiled code computes as 0-d tensors,
/// and the problems that prevent it. Shared by the generator and the analyzers, so both agree on what lifts; the
/// generator's rewriter (<c>Rewriting/TwinRewriter</c>) turns the plan into the twin.
/// </summary>
internal static class MethodLifter
{
    /// <summary>
    /// The whole analysis: the problems that prevent lifting and the notes the analyzers report as information, with
    /// the context (the plan of every loop, if and collected list) that the generator's rewriter turns into the twin.
    /// </summary>
    /// <param name="method">The method's declaration.</param>
    /// <param name="symbol">Its symbol.</param>
    /// <param name="model">The semantic model of its tree.</param>
    /// <param name="unrolled">True for <c>[Compile(Loops = LoopMode.Unrolled)]</c>: loops are traced as written.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="setup">For a helper's traced twin (<see cref="TracedHelpers"/>): marks its traced parameters before the analysis.</param>
    public static (LiftResult Result, LiftContext? Context) Analyze(
        MethodDeclarationSyntax method, IMethodSymbol symbol, SemanticModel model, bool unrolled, CancellationToken cancellationToken, Action<LiftContext>? setup = null)
    {
        var tensor = model.Compilation.GetTypeByMetadataName("LoopGen.Tensor");
        SyntaxNode? body = (SyntaxNode?)method.Body ?? method.ExpressionBody?.Expression;
        if (tensor is null || body is null)
        {
            var problem = new LiftProblem(LiftCodes.NoBody, tensor is null ? "the LoopGen runtime is not referenced" : "the method has no body", method.SyntaxTree.FilePath, method.SpanStart, 0, 0);
            return (new LiftResult(null, new[] { problem }.ToEquatableArray(), EquatableArray<LiftProblem>.Empty), null);
        }

        var ctx = new LiftContext(method, symbol, LiftingModel(model), tensor, cancellationToken);
        setup?.Invoke(ctx);
        if (symbol.ReturnType is INamedTypeSymbol { IsTupleType: true } tuple && !LoopAnalysis.IsTensorTuple(ctx, tuple))
        {
            // A C# number in a returned tuple is a 0-d tensor in the twin, read back by the entry; each return must
            // then build the tuple in place, so each number can be converted where it is written.
            foreach (var r in LoopAnalysis.Walk(body).OfType<ReturnStatementSyntax>().Where(r => r.Expression is not null))
            {
                if (Parens.Strip(r.Expression!) is not TupleExpressionSyntax && !TupleVariables.Is(ctx, r.Expression!))
                {
                    ctx.Problem(LiftCodes.TupleReturn, r, $"it returns {tuple.ToDisplayString()}, which holds C# numbers: return a tuple written in place, (a, b), or a tuple variable, so each number can be returned from the compiled code");
                }
            }
            if (method.ExpressionBody is { } arrow && Parens.Strip(arrow.Expression) is not TupleExpressionSyntax && !TupleVariables.Is(ctx, arrow.Expression))
            {
                ctx.Problem(LiftCodes.TupleReturn, arrow, $"it returns {tuple.ToDisplayString()}, which holds C# numbers: return a tuple written in place, (a, b), or a tuple variable");
            }
            if (ctx.Problems.Count > 0) return (Result(ctx, null), ctx);
        }
        foreach (var p in symbol.Parameters)
        {
            if (CompileAttributes.IsDynamic(p) && LoopAnalysis.IsPrimitive(p.Type)) ctx.Traced.Add(p);
        }
        if (!unrolled)
        {
            { var t = GeneratorTestHooks.Start(); LoopAnalysis.Analyze(ctx, body); GeneratorTestHooks.Stop("  lifting: loops (a data-flow analysis per loop)", t); }
            { var t = GeneratorTestHooks.Start(); LoopConditions.Check(ctx); GeneratorTestHooks.Stop("  lifting: conditions", t); }
            { var t = GeneratorTestHooks.Start(); LoopAnalysis.PlanExits(ctx, body); GeneratorTestHooks.Stop("  lifting: exits", t); }
        }
        cancellationToken.ThrowIfCancellationRequested();
        // Traced numbers and data-dependent shapes feed each other (a slice at a traced bound, its Shape[d]): to a fixpoint.
        var tp = GeneratorTestHooks.Start();
        do
        {
            TracedTypes.Propagate(ctx, body);
        }
        while (!unrolled && BoundedSizes.Propagate(ctx, body));
        GeneratorTestHooks.Stop("  lifting: traced/bounded propagate", tp);
        if (!unrolled)
        {
            // Before Validate: a reshape by the counter is reported as a shape change, not as a traced number misused.
            { var t = GeneratorTestHooks.Start(); CarryChecks.Check(ctx, body); GeneratorTestHooks.Stop("  lifting: carry checks", t); }
            { var t = GeneratorTestHooks.Start(); CallChecks.Check(ctx, body); GeneratorTestHooks.Stop("  lifting: call checks", t); }
        }
        if (!unrolled) BoundedSizes.Validate(ctx, body);
        { var t = GeneratorTestHooks.Start(); TracedTypes.Validate(ctx, body); GeneratorTestHooks.Stop("  lifting: traced validate", t); }
        HostValues.Check(ctx, body);
        { var t = GeneratorTestHooks.Start(); CheckCollected(ctx, body); GeneratorTestHooks.Stop("  lifting: collected", t); }
        if (ListReturns.IsTensorList(symbol.ReturnType)) ListReturnChecks.Check(ctx, body);
        { var t = GeneratorTestHooks.Start(); CheckCallees(ctx, body); GeneratorTestHooks.Stop("  lifting: callees", t); }
        if (!unrolled) { var t = GeneratorTestHooks.Start(); TripCountNotes.Add(ctx, symbol, body); GeneratorTestHooks.Stop("  lifting: trip notes", t); }
        return (Result(ctx, null), ctx);
    }

    /// <summary>
    /// The model the lifting binds the body with: the caller's tree and compilation, without nullable analysis. The
    /// lifting reads symbols, types, constants and data flow, never nullability, and the nullable walker is about a
    /// third of a body's first binding (the generator's model binds the body for nothing else). Locals are compared
    /// only with locals of this same model (one model per analysis, the rewriter uses it too); types are written with
    /// formats that leave nullable annotations out, so the twin and the messages are the same.
    /// </summary>
    internal static SemanticModel LiftingModel(SemanticModel model)
    {
        try
        {
            return WithoutNullableAnalysis(model);
        }
        catch (MissingMemberException)
        {
            return model; // a compiler without the (experimental) option: the caller's model, as before
        }
    }

    // Its own method, so that a compiler lacking the API fails when this is compiled, inside LiftingModel's try.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static SemanticModel WithoutNullableAnalysis(SemanticModel model)
    {
#pragma warning disable RSEXPERIMENTAL001 // SemanticModelOptions is experimental in Roslyn 4.14 (still there in 5.x); a missing member falls back above
        return model.NullableAnalysisIsDisabled ? model : model.Compilation.GetSemanticModel(model.SyntaxTree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }

    private static LiftResult Result(LiftContext ctx, LiftedMethod? method) =>
        new(method, ctx.Problems.ToEquatableArray(), ctx.Notes.ToEquatableArray());

    /// <summary>A collected list needs a static trip count and may only be stacked or concatenated after its loop.</summary>
    private static void CheckCollected(LiftContext ctx, SyntaxNode body)
    {
        foreach (var list in ctx.Collected.Values.Concat(ctx.MoreCollected))
        {
            if (HoistedCollections.WhyNot(ctx, list) is { } why) ctx.Problem(LiftCodes.CollectedOutput, list.Loop, why);
            var loopsOfList = ctx.Collected.Values.Concat(ctx.MoreCollected).Where(c => SymbolEqualityComparer.Default.Equals(c.List, list.List)).Select(c => c.Loop).ToList();
            var plan = ctx.Loops[list.Loop];
            bool staticTrips = plan.Kind switch
            {
                LoopKind.Foreach => true,
                LoopKind.RangeForeach => IsStaticInt(ctx, plan.Range!.Start) && IsStaticInt(ctx, plan.Range.Count),
                LoopKind.Fori => plan.Fori!.Counters.All(c => IsStaticInt(ctx, c.Init)) && IsStaticInt(ctx, plan.Fori.Bound),
                _ => false,
            };
            if (!staticTrips)
            {
                ctx.Problem(LiftCodes.CollectedNeedsStaticTripCount, list.Add,
                    $"'{list.List.Name}' collects one value per iteration, which needs a trip count known when tracing; this loop's trip count is only known at run time (use static bounds, or drop [Dynamic])");
            }
            foreach (var id in LoopAnalysis.Walk(body).OfType<IdentifierNameSyntax>())
            {
                // A reference to the list has its name: other names need no binding.
                if (id.Identifier.ValueText != list.List.Name || !SymbolEqualityComparer.Default.Equals(ctx.SymbolOf(id), list.List) || loopsOfList.Any(l => l.Span.Contains(id.Span))) continue;
                bool stackedAfter = loopsOfList.All(l => id.SpanStart > l.Span.End) && Parens.Outermost(id).Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax inv } args } arg
                    && args.Arguments.IndexOf(arg) == 0 && ctx.SymbolOf(inv) is IMethodSymbol { Name: "Stack" or "Concat" } m && ctx.IsTensor(m.ContainingType);
                if (!stackedAfter && ListReturnChecks.IsReturnedAfter(ctx, id, loopsOfList)) continue; // return list; of a method returning List<Tensor>
                if (!stackedAfter && !(id.SpanStart > list.Loop.Span.End && !HoistedCollections.IsHoisted(list) && SpreadIntoConcat(ctx, id) is not null))
                {
                    ctx.Problem(LiftCodes.CollectedOutput, id, $"after the loop, the collected list '{list.List.Name}' may only be passed to Tensor.Stack or Tensor.Concat (or spread into Tensor.Concat's list: [x, .. {list.List.Name}])");
                }
            }
        }
    }

    /// <summary>
    /// The <c>Tensor.Concat</c> call when <paramref name="id"/> is spread into its first argument, <c>Tensor.Concat([x, .. id], axis)</c>:
    /// the collected rows joined after what comes before them (the rewrite of a carry grown by concatenation).
    /// </summary>
    public static InvocationExpressionSyntax? SpreadIntoConcat(LiftContext ctx, IdentifierNameSyntax id) =>
        Parens.Outermost(id).Parent is SpreadElementSyntax { Parent: CollectionExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax inv } args } arg } }
        && args.Arguments.IndexOf(arg) == 0 && ctx.SymbolOf(inv) is IMethodSymbol { Name: "Concat", IsStatic: true } m && ctx.IsTensor(m.ContainingType)
            ? inv
            : null;

    private static bool IsStaticInt(LiftContext ctx, ExpressionSyntax e) =>
        !TracedTypes.IsTraced(ctx, e) && ctx.TypeOf(e)?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    /// <summary>
    /// A [Compile] method called from compiled code must itself be compiled (its compiled entry is what the twin
    /// calls), so a callee that is not gets a diagnostic at the call, never a call to a missing entry.
    /// </summary>
    private static void CheckCallees(LiftContext ctx, SyntaxNode body)
    {
        foreach (var inv in LoopAnalysis.Walk(body).OfType<InvocationExpressionSyntax>())
        {
            if (ctx.SymbolOf(inv) is not IMethodSymbol m || !CompileAttributes.Has(m)) continue;
            if (WhyCalleeNotCompiled(ctx, m) is { } why)
            {
                ctx.Problem(LiftCodes.CompiledCallee, inv, $"'{m.Name}' is [Compile] but {why}, so compiled code cannot call its compiled entry; fix '{m.Name}', or call it outside this method");
            }
        }
    }

    private static string? WhyCalleeNotCompiled(LiftContext ctx, IMethodSymbol m)
    {
        m = m.OriginalDefinition;
        if (m.IsGenericMethod) return "it is generic";
        if (LoopAnalysis.IsPrimitive(m.ReturnType)) return "it returns a C# number (compiled code needs a tensor back)";
        if (m.DeclaringSyntaxReferences.Length == 0)
        {
            // From a referenced assembly: its public compiled entry is there when its own build compiled it.
            return CompiledEntries.Find(m) is null ? $"its assembly has no compiled entry '{Naming.CompiledEntry(m.Name)}' for it" : null;
        }
        if (m.DeclaringSyntaxReferences[0].GetSyntax(ctx.CancellationToken) is not MethodDeclarationSyntax syntax) return "it is not a method declaration";
        if (Parsing.CompileChecks.WhyNot(syntax, m) is { } reason) return "it is not compiled (" + reason + ")";
        for (var t = m.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.DeclaringSyntaxReferences.Any(r => r.GetSyntax(ctx.CancellationToken) is TypeDeclarationSyntax d && !Parsing.CompileChecks.IsPartial(d))) return $"its type '{t.Name}' is not partial";
        }
        // Once per callee and compilation, however many calls (null: a cycle, its analysis is under way higher up).
        if (Sharing.SharedAnalysis.Callee(syntax, m, ctx.Model.Compilation, ctx.Model, ctx.CancellationToken) is not { } result) return null;
        if (result.Problems.Count == 0) return null;
        var first = result.Problems[0];
        return $"cannot be compiled itself ({first.Message}, line {first.Line})";
    }
}
