using LoopGen.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The repository's own [Compile] code is valid and lifts: the analyzer must report no error or warning on it (a
/// false positive is a bug). Its only notes are LG0012 on the loops that are dynamic by design (while loops,
/// tensor or [Dynamic] bounds, break, a bound that is an outer or second counter), checked by method name.
/// </summary>
public sealed class CorpusTests
{
    [Fact]
    public void Samples_Seeds_HaveNoDiagnostics()
    {
        // The samples app keeps its [Compile] methods in Kernels/ (the CLI around them is plain code).
        var files = Directory.GetFiles(Repository.PathOf("samples/LoopGen.Samples/Kernels"), "*.cs").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var diagnostics = AnalyzerHarness.Analyze(AnalyzerHarness.Compilation(files.Select(f => (f, File.ReadAllText(f))), enableAll: false));
        AssertOnlyDynamicNotes(diagnostics, "Countdown", "CumulativeWhile", "NewtonSqrt");
    }

    [Fact]
    public void EndToEnd_Kernels_HaveNoDiagnostics()
    {
        var files = Directory.GetFiles(Repository.PathOf("tests/LoopGen.EndToEnd/Kernels"), "*.cs").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var diagnostics = AnalyzerHarness.Analyze(AnalyzerHarness.Compilation(files.Select(f => (f, File.ReadAllText(f))), enableAll: false));
        AssertOnlyDynamicNotes(diagnostics, "TensorBound", "DynamicBound", "HalveUntil", "DoWhile", "WhileCounter", "Triangle", "BreakEarly", "TwoCounters", "SumUntilLarge", "RangeWithBreak",
            // The translated corpus: while loops, breaks and early returns, an inner bound that is the outer counter.
            "CondInWhile", "DoAtLeastOnce", "FirstCountAbove", "FirstStepAbove", "FixedPointCos", "NestedFori", "NestedWhileInFori", "ReturnFromInnerLoop", "ReturnFromWhileOverRows",
            "Find", "FindStep", "PairFromInnerLoop",
            "FirstAbove", "PairAbove", // early returns of a tuple variable (TupleVariableReturns)
            "TensorCounter", "WhileAddition", "WhileAdditionNested", "WhileAnyAbove", "WhileBreak", "WhileClosure", "WhileCondOnCarry", "WhileCount", "WhileIntCarry", "WhileLinear",
            "WhileNested", "WhileOuterCode", "WhilePytree", "WhileSimple", "WhileTuple",
            // Bounded whiles (Loop.MaxTrips before each loop): dynamic trip counts by design.
            "GrowThenShrink",
            // The corpus as users write it: whiles, breaks, converging counters (DecayingSgd's trip count, a field of a
            // tuple parameter its loop never writes, is static).
            "CollatzSteps", "Converging", "CounterAfterBody", "FloatClock", "Gcd", "GrowUntilLarge", "NestedBreakOnData", "NewtonSqrt",
            "SkipLowerHalf", "WhileDeconstructedState", "WhileTrueBreak", "LoopsWithoutDeclarations", "SwitchMovesTheCounter", "WhileSwitchContinues",
            // Conditions that step a counter (ConditionSteps), a for loop left by break, and the further translated whiles (TranslatedLoops).
            "CountDownContinue", "CounterAfterBreak", "ForStepsInCondition", "PostDecrementDo", "PostIncrementBreak", "PreIncrementDo", "PreIncrementScaled", "PreIncrementWhile",
            "DoCountDown", "NestedPreIncrement", "ReverseRunningSum", "WhileClosureWidening", "WhileIntAndTensorOut", "WhileLinearConfig", "WhileMultiplication",
            "WhileNamedTupleState", "WhileNestedIntTuple", "WhileSubtraction",
            // LoopSuite / LoopSuiteMore: whiles, breaks, tensor bounds, a parameter step, an inner bound that is the outer counter.
            "BreakBothLoops", "DoContinueBreak", "FirstIndexAbove", "FlagCondition", "ForeverWithBreaks", "ForiTensorBounds", "HelperCondition", "LastPositiveRow",
            "LossAndSteps", "LossAndStepsAsTensor", "NestedContinueBreak", "NestedDynamicUpdate", "ParameterStep", "SubtractionNested",
            "SwitchExpressionInWhile", "TernaryCondition", "TwoLoopsInARow", "WhileCounterAndData", "WhileDecayLoss", "WhileFloatCondition", "WhileManyArgs");
    }

    private static void AssertOnlyDynamicNotes(IEnumerable<Diagnostic> diagnostics, params string[] dynamicByDesign)
    {
        var list = diagnostics.ToList();
        var unexpected = list.Where(d => d.Id != DiagnosticIds.DynamicTripCount || d.Severity != DiagnosticSeverity.Info).ToList();
        Assert.True(unexpected.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", unexpected));
        var methods = list.Select(d => Method(d)).Distinct().Order(StringComparer.Ordinal).ToList();
        var expected = dynamicByDesign.Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(methods), "methods with dynamic-trip notes:\nexpected: " + string.Join(", ", expected) + "\nactual:   " + string.Join(", ", methods));
    }

    private static string Method(Diagnostic d) =>
        d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText;
}
