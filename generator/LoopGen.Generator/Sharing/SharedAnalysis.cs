using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using LoopGen.Generator.Lifting;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Sharing;

/// <summary>
/// One lifting analysis per method per compilation, shared by the generator, the analyzers and the callee checks (all
/// in this assembly). Two levels:
/// <list type="bullet">
/// <item>Per compilation (<see cref="ForCompilation"/>, weakly keyed by the compilation, so it dies with it): the full
/// analysis of each method (result and plan) and one semantic model per tree. A <c>[Compile]</c> callee called from
/// 200 places is analysed once, not once per call site.</item>
/// <item>Across compilations (<see cref="Verdicts"/>, weakly keyed by the method's syntax node): the generator's
/// <see cref="MethodVerdict"/> (an immutable value), reused by the analyzers when their compilation is the
/// generator's input plus generated trees — the same user tree objects, references and options
/// (<see cref="Extends"/>). Any other compilation, such as the IDE's after another file changed, recomputes.</item>
/// </list>
/// Nothing here keeps a compilation or semantic model alive: the per-compilation tables are ephemerons of their
/// compilation, and a verdict holds its compilation by a weak reference only (collected: recompute).
/// </summary>
internal static class SharedAnalysis
{
    private static readonly ConditionalWeakTable<Compilation, PerCompilation> Compilations = new();
    private static readonly ConditionalWeakTable<MethodDeclarationSyntax, VerdictSlot> Verdicts = new();

    /// <summary>Methods whose analysis is under way on this thread (a [Compile] cycle), with their depth.</summary>
    [ThreadStatic]
    private static Dictionary<IMethodSymbol, int>? _inProgress;

    /// <summary>The lowest depth a cycle was cut at during the current analysis (int.MaxValue: none).</summary>
    [ThreadStatic]
    private static int _lowestCut;

    /// <summary>
    /// The analysis of a top-level method (the generator's transform, the analyzers' node action): computed once per
    /// compilation. <paramref name="claimPlan"/> asks for the plan too (the generator's rewriter mutates it, so each plan is
    /// handed out once; a second claim gets a fresh analysis).
    /// </summary>
    public static (LiftResult Result, LiftContext? Context) Analyze(
        MethodDeclarationSyntax syntax, IMethodSymbol symbol, SemanticModel model, bool claimPlan, CancellationToken cancellationToken)
    {
        var per = ForCompilation(model.Compilation);
        per.RememberModel(model);
        // Only the generator's compilation keeps the plans its callee checks make (for the callee's own transform to
        // claim); the analyzers' keeps results only, so a long-lived IDE compilation holds no plans.
        if (claimPlan) per.KeepsPlans = true;
        if (per.Analyses.TryGetValue(syntax, out var known))
        {
            if (!claimPlan) return (known.Result, null);
            if (known.ClaimPlan() is { } plan) return (known.Result, plan);
        }
        var (result, ctx) = Run(syntax, symbol, model, cancellationToken);
        // The caller uses this plan itself; what stays is the result.
        per.Analyses.TryAdd(syntax, new Analysis(result, null));
        return (result, claimPlan ? ctx : null);
    }

    /// <summary>
    /// The analysis of a <c>[Compile]</c> callee met by a caller's callee check; null when it is under way higher up on
    /// this thread (a cycle: the caller assumes it compiles, as before). Computed once per compilation, and only a
    /// result that does not depend on what is in progress above it is remembered.
    /// </summary>
    public static LiftResult? Callee(MethodDeclarationSyntax syntax, IMethodSymbol callee, Compilation compilation, SemanticModel callerModel, CancellationToken cancellationToken)
    {
        if (Verdict(syntax, compilation) is { Result: { } shared }) return shared;
        var per = ForCompilation(compilation);
        if (per.Analyses.TryGetValue(syntax, out var known)) return known.Result;

        _inProgress ??= new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        if (_inProgress.TryGetValue(callee, out int cutAt))
        {
            _lowestCut = Math.Min(_lowestCut, cutAt);
            return null;
        }
        int depth = _inProgress.Count;
        int outerCut = _lowestCut;
        _lowestCut = int.MaxValue;
        _inProgress.Add(callee, depth);
        try
        {
            var model = syntax.SyntaxTree == callerModel.SyntaxTree ? callerModel : per.Model(syntax.SyntaxTree);
            var (result, ctx) = Run(syntax, callee, model, cancellationToken);
            // A cut at this depth or deeper is this method's own cycle; one above means the result assumed a caller compiles.
            if (_lowestCut >= depth) per.Analyses.TryAdd(syntax, new Analysis(result, per.KeepsPlans ? ctx : null));
            return result;
        }
        finally
        {
            _inProgress.Remove(callee);
            _lowestCut = Math.Min(outerCut, _lowestCut);
        }
    }

    /// <summary>Records the generator's verdict on a method, for the analyzers of a compilation that extends this one.</summary>
    public static void Remember(MethodDeclarationSyntax syntax, Compilation compilation, MethodVerdict verdict) =>
        Verdicts.GetValue(syntax, static _ => new VerdictSlot()).Value = new VerdictEntry(new WeakReference<Compilation>(compilation), verdict);

    /// <summary>Drops the verdict recorded for <paramref name="syntax"/> (the generator is deciding it again).</summary>
    public static void Forget(MethodDeclarationSyntax syntax)
    {
        if (Verdicts.TryGetValue(syntax, out var slot)) slot.Value = null;
    }

    /// <summary>The verdict recorded for <paramref name="syntax"/>, when it holds for <paramref name="compilation"/>; else null.</summary>
    public static MethodVerdict? Verdict(MethodDeclarationSyntax syntax, Compilation compilation)
    {
        if (!Verdicts.TryGetValue(syntax, out var slot) || slot.Value is not { } entry) return null;
        if (!entry.Compilation.TryGetTarget(out var source)) return null;
        return ReferenceEquals(source, compilation) || ForCompilation(compilation).Extends(source) ? entry.Verdict : null;
    }

    private static (LiftResult Result, LiftContext? Context) Run(MethodDeclarationSyntax syntax, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        GeneratorTestHooks.OnAnalyze.Value?.Invoke(symbol.Name);
        return MethodLifter.Analyze(syntax, symbol, model, CompileAttributes.IsUnrolled(symbol), cancellationToken);
    }

    private static PerCompilation ForCompilation(Compilation compilation) =>
        Compilations.GetValue(compilation, static c => new PerCompilation(c));

    /// <summary>
    /// Whether <paramref name="later"/> is <paramref name="source"/> plus trees appended after its own (what a build and
    /// the IDE give the analyzers: the generator's input, then the generated files): same options, same references, and
    /// the same tree objects first. A tree edited, added or removed anywhere else makes it false.
    /// </summary>
    internal static bool IsExtension(Compilation later, Compilation source)
    {
        if (!ReferenceEquals(later.Options, source.Options) && !later.Options.Equals(source.Options)) return false;
        if (later.AssemblyName != source.AssemblyName) return false;
        var refsLater = later.ExternalReferences;
        var refsSource = source.ExternalReferences;
        if (refsLater.Length != refsSource.Length) return false;
        for (int i = 0; i < refsLater.Length; i++)
        {
            if (!ReferenceEquals(refsLater[i], refsSource[i])) return false;
        }
        var treesLater = later.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(later.SyntaxTrees);
        var treesSource = source.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(source.SyntaxTrees);
        if (treesLater.Count < treesSource.Count) return false;
        for (int i = 0; i < treesSource.Count; i++)
        {
            if (!ReferenceEquals(treesLater[i], treesSource[i])) return false;
        }
        // What was appended must be generated code; a user file added at the end is a new program.
        for (int i = treesSource.Count; i < treesLater.Count; i++)
        {
            if (!CompileChecks.IsGeneratedTree(treesLater[i])) return false;
        }
        return true;
    }

    private sealed class PerCompilation(Compilation compilation)
    {
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
        private readonly ConditionalWeakTable<Compilation, object> _extends = new();
        private static readonly object Yes = new(), No = new();

        public ConcurrentDictionary<MethodDeclarationSyntax, Analysis> Analyses { get; } = new();

        /// <summary>True for the generator's compilation (see <see cref="Analyze"/>).</summary>
        public bool KeepsPlans { get; set; }

        /// <summary>One semantic model per tree (binding is cached in the model, so a new one per call would bind again).</summary>
        public SemanticModel Model(SyntaxTree tree) => _models.GetOrAdd(tree, t => compilation.GetSemanticModel(t));

        public void RememberModel(SemanticModel model) => _models.TryAdd(model.SyntaxTree, model);

        public bool Extends(Compilation source) =>
            _extends.GetValue(source, s => IsExtension(compilation, s) ? Yes : No) == Yes;
    }

    private sealed class Analysis(LiftResult result, LiftContext? plan)
    {
        private LiftContext? _plan = plan;

        public LiftResult Result { get; } = result;

        public LiftContext? ClaimPlan() => Interlocked.Exchange(ref _plan, null);
    }

    private sealed class VerdictSlot
    {
        public volatile VerdictEntry? Value;
    }

    private sealed record VerdictEntry(WeakReference<Compilation> Compilation, MethodVerdict Verdict);
}
