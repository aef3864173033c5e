using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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
/// (<see cref="CompilationStamp"/>). Any other compilation, such as the IDE's after another file changed, recomputes.</item>
/// </list>
/// Nothing here keeps a compilation, semantic model or old tree alive: the per-compilation tables are ephemerons of
/// their compilation, and a verdict holds a stamp of the generator's compilation (its trees and references by weak
/// reference, its options), not the compilation, which a build may collect before the analyzers run.
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
        model = per.Share(model);
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

    /// <summary>
    /// The semantic model of <paramref name="model"/>'s tree that the shared analyses of its compilation use: one per
    /// tree, without nullable analysis. A caller's callee check may have bound this tree's bodies in it already; asking
    /// it again reuses the binding, where <paramref name="model"/> (the generator's) would bind each body a second time.
    /// </summary>
    public static SemanticModel Model(SemanticModel model) => ForCompilation(model.Compilation).Share(model);

    /// <summary>Records the generator's verdict on a method, for the analyzers of a compilation that extends this one.</summary>
    public static void Remember(MethodDeclarationSyntax syntax, Compilation compilation, MethodVerdict verdict) =>
        Verdicts.GetValue(syntax, static _ => new VerdictSlot()).Value = new VerdictEntry(Stamps.GetValue(compilation, static c => new CompilationStamp(c)), verdict);

    /// <summary>Drops the verdict recorded for <paramref name="syntax"/> (the generator is deciding it again).</summary>
    public static void Forget(MethodDeclarationSyntax syntax)
    {
        if (Verdicts.TryGetValue(syntax, out var slot)) slot.Value = null;
    }

    /// <summary>The verdict recorded for <paramref name="syntax"/>, when it holds for <paramref name="compilation"/>; else null.</summary>
    public static MethodVerdict? Verdict(MethodDeclarationSyntax syntax, Compilation compilation)
    {
        if (!Verdicts.TryGetValue(syntax, out var slot) || slot.Value is not { } entry) return null;
        return ForCompilation(compilation).Extends(entry.Stamp) ? entry.Verdict : null;
    }

    private static (LiftResult Result, LiftContext? Context) Run(MethodDeclarationSyntax syntax, IMethodSymbol symbol, SemanticModel model, CancellationToken cancellationToken)
    {
        GeneratorTestHooks.OnAnalyze.Value?.Invoke(symbol.Name);
        return MethodLifter.Analyze(syntax, symbol, model, CompileAttributes.IsUnrolled(symbol), cancellationToken);
    }

    private static PerCompilation ForCompilation(Compilation compilation) =>
        Compilations.GetValue(compilation, static c => new PerCompilation(c));

    private static readonly ConditionalWeakTable<Compilation, CompilationStamp> Stamps = new();

    /// <summary>
    /// What a verdict's compilation was, without holding it: its options, and its references and trees by weak reference.
    /// <see cref="IsExtendedBy"/> says whether a later compilation is it plus trees appended after its own (what a build
    /// and the IDE give the analyzers: the generator's input, then the generated files).
    /// </summary>
    internal sealed class CompilationStamp(Compilation source)
    {
        private readonly CompilationOptions _options = source.Options;
        private readonly string? _assemblyName = source.AssemblyName;
        private readonly WeakReference<MetadataReference>[] _references = [.. source.ExternalReferences.Select(r => new WeakReference<MetadataReference>(r))];
        private readonly WeakReference<SyntaxTree>[] _trees = [.. source.SyntaxTrees.Select(t => new WeakReference<SyntaxTree>(t))];

        /// <summary>
        /// Same options, the same reference objects, the same tree objects first, and only generated trees after them. A
        /// tree edited, added or removed, or a reference changed, makes it false; so does a collected tree (it cannot be
        /// in <paramref name="later"/> then).
        /// </summary>
        public bool IsExtendedBy(Compilation later)
        {
            if (!ReferenceEquals(later.Options, _options) && !later.Options.Equals(_options)) return false;
            if (later.AssemblyName != _assemblyName) return false;
            var references = later.ExternalReferences;
            if (references.Length != _references.Length) return false;
            for (int i = 0; i < references.Length; i++)
            {
                if (!_references[i].TryGetTarget(out var r) || !ReferenceEquals(r, references[i])) return false;
            }
            var trees = later.SyntaxTrees as IReadOnlyList<SyntaxTree> ?? new List<SyntaxTree>(later.SyntaxTrees);
            if (trees.Count < _trees.Length) return false;
            for (int i = 0; i < _trees.Length; i++)
            {
                if (!_trees[i].TryGetTarget(out var t) || !ReferenceEquals(t, trees[i])) return false;
            }
            // What was appended must be generated code; a user file added at the end is a new program.
            for (int i = _trees.Length; i < trees.Count; i++)
            {
                if (!CompileChecks.IsGeneratedTree(trees[i])) return false;
            }
            return true;
        }
    }

    private sealed class PerCompilation(Compilation compilation)
    {
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();
        private readonly ConditionalWeakTable<CompilationStamp, object> _extends = new();
        private static readonly object Yes = new(), No = new();

        public ConcurrentDictionary<MethodDeclarationSyntax, Analysis> Analyses { get; } = new();

        /// <summary>True for the generator's compilation (see <see cref="Analyze"/>).</summary>
        public bool KeepsPlans { get; set; }

        /// <summary>
        /// One semantic model per tree (binding is cached in the model, so a new one per call would bind again), the
        /// lifting's (no nullable analysis, <see cref="MethodLifter.LiftingModel"/>): the compile-error check, the lifting,
        /// the callee checks and the rewriter bind each body once.
        /// </summary>
        public SemanticModel Model(SyntaxTree tree) => _models.GetOrAdd(tree, t => MethodLifter.LiftingModel(compilation.GetSemanticModel(t)));

        /// <summary>The model kept for <paramref name="model"/>'s tree; the lifting's model of <paramref name="model"/> when none was.</summary>
        public SemanticModel Share(SemanticModel model) => _models.GetOrAdd(model.SyntaxTree, _ => MethodLifter.LiftingModel(model));

        /// <summary>Whether this compilation extends the stamped one; decided once per stamp.</summary>
        public bool Extends(CompilationStamp stamp) =>
            _extends.GetValue(stamp, s => s.IsExtendedBy(compilation) ? Yes : No) == Yes;
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

    private sealed record VerdictEntry(CompilationStamp Stamp, MethodVerdict Verdict);
}
