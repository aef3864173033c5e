using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>The kernels of <see cref="LoopSuiteMore"/> run compiled and eagerly, and lowered for a trip count (see <see cref="KernelCase"/>).</summary>
internal static class LoopSuiteMoreCases
{
    private static Tensor R(int seed, params int[] shape) => Random(new Random(seed), shape);

    public static KernelCase[] Cases { get; } =
    [
        new("More.SetAtCounter", 1, r => { var x = Random(r, 6); int n = r.Next(0, 7); return (LoopSuiteMore.SetAtCounterCompiled(x, n), LoopSuiteMore.SetAtCounterEager(x, n)); }, t => LoopSuiteMore.SetAtCounterLower(R(1, 8), t)),
        new("More.FirstIndexAbove", 1, r => { var xs = Random(r, r.Next(1, 7), 3); float th = (float)r.NextDouble(); return (LoopSuiteMore.FirstIndexAboveCompiled(xs, th), LoopSuiteMore.FirstIndexAboveEager(xs, th)); }, t => LoopSuiteMore.FirstIndexAboveLower(R(1, t, 3), 0.5f)),
        new("More.PreDecrementReverse", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (LoopSuiteMore.PreDecrementReverseCompiled(xs), LoopSuiteMore.PreDecrementReverseEager(xs)); }, t => LoopSuiteMore.PreDecrementReverseLower(R(1, t, 3))),
        new("More.ParameterStep", 1, r => { var x = Random(r, 3); int n = r.Next(-1, 10), s = r.Next(1, 4); return (LoopSuiteMore.ParameterStepCompiled(x, n, s), LoopSuiteMore.ParameterStepEager(x, n, s)); }, t => LoopSuiteMore.ParameterStepLower(R(1, 3), t, 2)),
        new("More.ForeverWithBreaks", 1, r => { var x = Random(r, 3); int n = r.Next(-1, 10); return (LoopSuiteMore.ForeverWithBreaksCompiled(x, n), LoopSuiteMore.ForeverWithBreaksEager(x, n)); }, t => LoopSuiteMore.ForeverWithBreaksLower(R(1, 3), t)),
        new("More.ForeachElements", 2, r => { var xs = Random(r, r.Next(1, 5), r.Next(1, 4)); return (LoopSuiteMore.ForeachElementsCompiled(xs), LoopSuiteMore.ForeachElementsEager(xs)); }, t => LoopSuiteMore.ForeachElementsLower(R(1, t, t))),
        new("More.HelperCondition", 1, r => { var x = Random(r, 3); var l = Tensor.Scalar((float)r.Next(0, 8)); return (LoopSuiteMore.HelperConditionCompiled(x, l), LoopSuiteMore.HelperConditionEager(x, l)); }, t => LoopSuiteMore.HelperConditionLower(R(1, 3), Tensor.Scalar((float)t))),
        new("More.TwoLoopsInARow", 2, r => { var x = Random(r, 3); int n = r.Next(-1, 7); return (LoopSuiteMore.TwoLoopsInARowCompiled(x, n), LoopSuiteMore.TwoLoopsInARowEager(x, n)); }, t => LoopSuiteMore.TwoLoopsInARowLower(R(1, 3), t)),
        new("More.WhereInLoop", 1, r => { var x = Random(r, 4); int n = r.Next(0, 7); return (LoopSuiteMore.WhereInLoopCompiled(x, n), LoopSuiteMore.WhereInLoopEager(x, n)); }, t => LoopSuiteMore.WhereInLoopLower(R(1, 4), t)),
        new("More.SwitchOrPatterns", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (LoopSuiteMore.SwitchOrPatternsCompiled(x, n), LoopSuiteMore.SwitchOrPatternsEager(x, n)); }, t => LoopSuiteMore.SwitchOrPatternsLower(R(1, 3), t)),
        new("More.BranchesAfterLoop", 1, r => { var x = Random(r, 3); int n = r.Next(0, 6); bool sq = r.Next(2) == 0; return (LoopSuiteMore.BranchesAfterLoopCompiled(x, n, sq), LoopSuiteMore.BranchesAfterLoopEager(x, n, sq)); }, t => LoopSuiteMore.BranchesAfterLoopLower(R(1, 3), t, true)),
        new("More.AnyRowAbove", 1, r => { var xs = Random(r, r.Next(1, 6), 3); float th = (float)r.NextDouble() * 1.5f; return (LoopSuiteMore.AnyRowAboveCompiled(xs, th), LoopSuiteMore.AnyRowAboveEager(xs, th)); }, t => LoopSuiteMore.AnyRowAboveLower(R(1, t, 3), 0.5f)),
        new("More.IntArithmetic", 1, r => { int a = r.Next(-50, 50), n = r.Next(0, 8); return (LoopSuiteMore.IntArithmeticCompiled(a, n), LoopSuiteMore.IntArithmeticEager(a, n)); }, t => LoopSuiteMore.IntArithmeticLower(17, t)),
        new("More.RangeReversed", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (LoopSuiteMore.RangeReversedCompiled(xs), LoopSuiteMore.RangeReversedEager(xs)); }, t => LoopSuiteMore.RangeReversedLower(R(1, t, 3))),
        new("More.LastPositiveRow", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (LoopSuiteMore.LastPositiveRowCompiled(xs), LoopSuiteMore.LastPositiveRowEager(xs)); }, t => LoopSuiteMore.LastPositiveRowLower(R(1, t, 3))),
        new("More.TernaryCondition", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); bool d = r.Next(2) == 0; return (LoopSuiteMore.TernaryConditionCompiled(x, n, d), LoopSuiteMore.TernaryConditionEager(x, n, d)); }, t => LoopSuiteMore.TernaryConditionLower(R(1, 3), t, false)),
    ];
}
