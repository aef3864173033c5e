using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>The kernels of <see cref="LoopSuite"/> run compiled and eagerly, and lowered for a trip count (see <see cref="KernelCase"/>).</summary>
internal static class LoopSuiteCases
{
    private static Tensor R(int seed, params int[] shape) => Random(new Random(seed), shape);

    public static KernelCase[] Cases { get; } =
    [
        new("Suite.WhileManyArgs", 1, r => { var a = Random(r, 3); var b = Random(r, 3); int n = r.Next(-1, 7); return (LoopSuite.WhileManyArgsCompiled(a, b, n), LoopSuite.WhileManyArgsEager(a, b, n)); }, t => LoopSuite.WhileManyArgsLower(R(1, 3), R(2, 3), t)),
        new("Suite.NestedDynamicUpdate", 2, r => { var m = Random(r, 4, 5); int a = r.Next(0, 5), b = r.Next(0, 6); return (LoopSuite.NestedDynamicUpdateCompiled(m, a, b), LoopSuite.NestedDynamicUpdateEager(m, a, b)); }, t => LoopSuite.NestedDynamicUpdateLower(R(1, 4, 5), t, t)),
        new("Suite.FlagCondition", 1, r => { var x = Random(r, 3); bool go = r.Next(2) == 0; int l = r.Next(0, 6); return (LoopSuite.FlagConditionCompiled(x, go, l), LoopSuite.FlagConditionEager(x, go, l)); }, t => LoopSuite.FlagConditionLower(R(1, 3), true, t)),
        new("Suite.ForiLongBounds", 1, r => { var x = Random(r, 3); long lo = r.Next(-4, 4), hi = r.Next(-4, 10); return (LoopSuite.ForiLongBoundsCompiled(x, lo, hi), LoopSuite.ForiLongBoundsEager(x, lo, hi)); }, t => LoopSuite.ForiLongBoundsLower(R(1, 3), 0, t)),
        new("Suite.UnusedCarries", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (LoopSuite.UnusedCarriesCompiled(x, n), LoopSuite.UnusedCarriesEager(x, n)); }, t => LoopSuite.UnusedCarriesLower(R(1, 3), t)),
        new("Suite.ConstantAfterFirst", 1, r => { var x = Random(r, 3); var c = Random(r, 3); int n = r.Next(0, 6); return (LoopSuite.ConstantAfterFirstCompiled(x, c, n), LoopSuite.ConstantAfterFirstEager(x, c, n)); }, t => LoopSuite.ConstantAfterFirstLower(R(1, 3), R(2, 3), t)),
        new("Suite.ScanTwoSequences", 1, r => { int k = r.Next(1, 6); var a = Random(r, k, 3); var b = Random(r, k, 3); var c = Random(r, 3); return (LoopSuite.ScanTwoSequencesCompiled(a, b, c), LoopSuite.ScanTwoSequencesEager(a, b, c)); }, t => LoopSuite.ScanTwoSequencesLower(R(1, t, 3), R(2, t, 3), R(3, 3))),
        new("Suite.ScanReverseCollect", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (LoopSuite.ScanReverseCollectCompiled(xs), LoopSuite.ScanReverseCollectEager(xs)); }, t => LoopSuite.ScanReverseCollectLower(R(1, t, 3))),
        new("Suite.CondOnRowInScan", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (LoopSuite.CondOnRowInScanCompiled(xs), LoopSuite.CondOnRowInScanEager(xs)); }, t => LoopSuite.CondOnRowInScanLower(R(1, t, 3))),
        new("Suite.WhileCounterAndData", 1, r => { var x = Random(r, 3); int n = r.Next(-1, 9); return (LoopSuite.WhileCounterAndDataCompiled(x, n), LoopSuite.WhileCounterAndDataEager(x, n)); }, t => LoopSuite.WhileCounterAndDataLower(R(1, 3), t)),
        new("Suite.NestedContinueBreak", 2, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (LoopSuite.NestedContinueBreakCompiled(x, n), LoopSuite.NestedContinueBreakEager(x, n)); }, t => LoopSuite.NestedContinueBreakLower(R(1, 3), t)),
        new("Suite.ForiHelperBody", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (LoopSuite.ForiHelperBodyCompiled(x, n), LoopSuite.ForiHelperBodyEager(x, n)); }, t => LoopSuite.ForiHelperBodyLower(R(1, 3), t)),
        new("Suite.ForiHelperTupleBody", 1, r => { var a = Random(r, 3); var b = Random(r, 3); int n = r.Next(0, 6); return (LoopSuite.ForiHelperTupleBodyCompiled(a, b, n), LoopSuite.ForiHelperTupleBodyEager(a, b, n)); }, t => LoopSuite.ForiHelperTupleBodyLower(R(1, 3), R(2, 3), t)),
        new("Suite.CumulativeReducers", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (LoopSuite.CumulativeReducersCompiled(xs), LoopSuite.CumulativeReducersEager(xs)); }, t => LoopSuite.CumulativeReducersLower(R(1, t, 3))),
        new("Suite.ForiSinLoss", 1, r => { var x = Random(r, 3); var w = Random(r, 3); return (LoopSuite.ForiSinLossCompiled(x, w), LoopSuite.ForiSinLossEager(x, w)); }, _ => LoopSuite.ForiSinLossLower(R(1, 3), R(2, 3))),
        new("Suite.ScanTupleLoss", 1, r => { var xs = Random(r, r.Next(1, 6), 3); var a = Random(r, 3); return (LoopSuite.ScanTupleLossCompiled(xs, a), LoopSuite.ScanTupleLossEager(xs, a)); }, t => LoopSuite.ScanTupleLossLower(R(1, t, 3), R(2, 3))),
        new("Suite.WhileDecayLoss", 1, r => { var x = Random(r, 3) * 0.5f; int n = r.Next(0, 5); return (LoopSuite.WhileDecayLossCompiled(x, n), LoopSuite.WhileDecayLossEager(x, n)); }, t => LoopSuite.WhileDecayLossLower(R(1, 3), t)),
        new("Suite.CondInScanLoss", 1, r => { var xs = Random(r, r.Next(1, 6), 3); var w = Random(r, 3); return (LoopSuite.CondInScanLossCompiled(xs, w), LoopSuite.CondInScanLossEager(xs, w)); }, t => LoopSuite.CondInScanLossLower(R(1, t, 3), R(2, 3))),
        new("Suite.ScanTwoOutputs", 1, r => { var c = Random(r, 3); var xs = Random(r, r.Next(1, 6), 3); return (LoopSuite.ScanTwoOutputsCompiled(c, xs), LoopSuite.ScanTwoOutputsEager(c, xs)); }, t => LoopSuite.ScanTwoOutputsLower(R(1, 3), R(2, t, 3))),
        new("Suite.ScanNestedCarry", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (LoopSuite.ScanNestedCarryCompiled(xs), LoopSuite.ScanNestedCarryEager(xs)); }, t => LoopSuite.ScanNestedCarryLower(R(1, t, 3))),
        new("Suite.CountPositiveRows", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (LoopSuite.CountPositiveRowsCompiled(xs), LoopSuite.CountPositiveRowsEager(xs)); }, t => LoopSuite.CountPositiveRowsLower(R(1, t, 3))),
        new("Suite.ArgMaxRow", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (LoopSuite.ArgMaxRowCompiled(xs), LoopSuite.ArgMaxRowEager(xs)); }, t => LoopSuite.ArgMaxRowLower(R(1, t, 3))),
        new("Suite.BreakBothLoops", 2, r => { var x = Random(r, 3); int n = r.Next(0, 6); return (LoopSuite.BreakBothLoopsCompiled(x, n), LoopSuite.BreakBothLoopsEager(x, n)); }, t => LoopSuite.BreakBothLoopsLower(R(1, 3), t)),
        new("Suite.WhileFloatCondition", 1, r => { var x = Random(r, 3); int n = r.Next(-1, 8); return (LoopSuite.WhileFloatConditionCompiled(x, n), LoopSuite.WhileFloatConditionEager(x, n)); }, t => LoopSuite.WhileFloatConditionLower(R(1, 3), t)),
        new("Suite.TernaryOnCarry", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (LoopSuite.TernaryOnCarryCompiled(x, n), LoopSuite.TernaryOnCarryEager(x, n)); }, t => LoopSuite.TernaryOnCarryLower(R(1, 3), t)),
        new("Suite.ForiTensorBounds", 1, r => { var lo = Tensor.Scalar(r.Next(-2, 3)); var hi = Tensor.Scalar(r.Next(-2, 7)); var x = Random(r, 3); return (LoopSuite.ForiTensorBoundsCompiled(lo, hi, x), LoopSuite.ForiTensorBoundsEager(lo, hi, x)); }, t => LoopSuite.ForiTensorBoundsLower(Tensor.Scalar(0), Tensor.Scalar(t), R(1, 3))),
        new("Suite.SubtractionNested", 2, r => { var x = Random(r, 3); int a = r.Next(-1, 4), b = r.Next(-1, 4); return (LoopSuite.SubtractionNestedCompiled(x, a, b), LoopSuite.SubtractionNestedEager(x, a, b)); }, t => LoopSuite.SubtractionNestedLower(R(1, 3), t, t)),
        new("Suite.AlternatingLinear", 1, r => { var x = Random(r, 2, 3); var w1 = Random(r, 3, 3); var w2 = Random(r, 3, 3); int n = r.Next(0, 6); return (LoopSuite.AlternatingLinearCompiled(x, w1, w2, n), LoopSuite.AlternatingLinearEager(x, w1, w2, n)); }, t => LoopSuite.AlternatingLinearLower(R(1, 2, 3), R(2, 3, 3), R(3, 3, 3), t)),
        new("Suite.RangeInRows", 2, r => { var xs = Random(r, r.Next(1, 5), 3); int k = r.Next(0, 4); return (LoopSuite.RangeInRowsCompiled(xs, k), LoopSuite.RangeInRowsEager(xs, k)); }, t => LoopSuite.RangeInRowsLower(R(1, t, 3), t)),
        new("Suite.DoContinueBreak", 1, r => { var x = Random(r, 3); int n = r.Next(-1, 9); return (LoopSuite.DoContinueBreakCompiled(x, n), LoopSuite.DoContinueBreakEager(x, n)); }, t => LoopSuite.DoContinueBreakLower(R(1, 3), t)),
        new("Suite.SwitchExpressionInWhile", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (LoopSuite.SwitchExpressionInWhileCompiled(x, n), LoopSuite.SwitchExpressionInWhileEager(x, n)); }, t => LoopSuite.SwitchExpressionInWhileLower(R(1, 3), t)),
    ];
}
