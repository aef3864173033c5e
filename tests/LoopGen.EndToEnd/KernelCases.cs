using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>
/// One <c>[Compile]</c> method under test: how to run it compiled and eagerly on fresh random inputs, how to lower it
/// for a given trip count, and how many loops its source has (read from the source: each is one <c>stablehlo.while</c>).
/// </summary>
/// <param name="Name">The method, for test names.</param>
/// <param name="Loops">The number of loops written in the method (and in the compiled methods it calls).</param>
/// <param name="Run">Runs it compiled and eagerly on the same fresh inputs: (compiled, eager).</param>
/// <param name="Lower">Lowers it for a trip count; null where the trip count is fixed by the source (a literal or const bound).</param>
public sealed record KernelCase(string Name, int Loops, Func<Random, (object Compiled, object Eager)> Run, Func<int, Lowered>? Lower)
{
    public override string ToString() => Name;

    private static readonly Scaler SharedScaler = new(0.75f);

    /// <summary>Every case, by name.</summary>
    public static readonly IReadOnlyDictionary<string, KernelCase> All = new KernelCase[]
    {
        new("CumulativeAdd", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (ForLoops.CumulativeAddCompiled(x, n), ForLoops.CumulativeAddEager(x, n)); }, t => ForLoops.CumulativeAddLower(Random(new Random(1), 3), t)),
        new("LessEqual", 1, r => { var x = Random(r, 4); int n = r.Next(1, 8); return (ForLoops.LessEqualCompiled(x, n), ForLoops.LessEqualEager(x, n)); }, t => ForLoops.LessEqualLower(Random(new Random(1), 4), t)),
        new("CountDown", 1, r => { var x = Random(r, 2, 2); int n = r.Next(1, 8); return (ForLoops.CountDownCompiled(x, n), ForLoops.CountDownEager(x, n)); }, t => ForLoops.CountDownLower(Random(new Random(1), 2, 2), t)),
        new("CountDownByTwo", 1, r => { var x = Random(r, 3); int n = r.Next(1, 9); return (ForLoops.CountDownByTwoCompiled(x, n), ForLoops.CountDownByTwoEager(x, n)); }, t => ForLoops.CountDownByTwoLower(Random(new Random(1), 3), t)),
        new("StepByThree", 1, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (ForLoops.StepByThreeCompiled(x, n), ForLoops.StepByThreeEager(x, n)); }, t => ForLoops.StepByThreeLower(Random(new Random(1), 3), t)),
        new("TwoCounters", 1, r => { var x = Random(r, 3); int n = r.Next(1, 9); return (ForLoops.TwoCountersCompiled(x, n), ForLoops.TwoCountersEager(x, n)); }, t => ForLoops.TwoCountersLower(Random(new Random(1), 3), t)),
        new("ConstBound", 1, r => { var x = Random(r, 5); return (ForLoops.ConstBoundCompiled(x), ForLoops.ConstBoundEager(x)); }, null),
        new("LiteralBound", 1, r => { var x = Random(r, 5); return (ForLoops.LiteralBoundCompiled(x), ForLoops.LiteralBoundEager(x)); }, null),
        new("TensorBound", 1, r => { var x = Random(r, 3); var c = Tensor.Scalar(r.Next(1, 6)); return (ForLoops.TensorBoundCompiled(x, c), ForLoops.TensorBoundEager(x, c)); }, t => ForLoops.TensorBoundLower(Random(new Random(1), 3), Tensor.Scalar(t))),
        new("DynamicBound", 1, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (ForLoops.DynamicBoundCompiled(x, n), ForLoops.DynamicBoundEager(x, n)); }, t => ForLoops.DynamicBoundLower(Random(new Random(1), 3), t)),
        new("HalveUntil", 1, r => { var x = Random(r, 4) + 3f; var limit = Tensor.Scalar(1f); return (WhileLoops.HalveUntilCompiled(x, limit), WhileLoops.HalveUntilEager(x, limit)); }, t => WhileLoops.HalveUntilLower(Random(new Random(1), 4), Tensor.Scalar((float)t))),
        new("DoWhile", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (WhileLoops.DoWhileCompiled(x, n), WhileLoops.DoWhileEager(x, n)); }, t => WhileLoops.DoWhileLower(Random(new Random(1), 3), t)),
        new("WhileCounter", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (WhileLoops.WhileCounterCompiled(x, n), WhileLoops.WhileCounterEager(x, n)); }, t => WhileLoops.WhileCounterLower(Random(new Random(1), 3), t)),
        new("SumRows", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (Foreach.SumRowsCompiled(xs), Foreach.SumRowsEager(xs)); }, t => Foreach.SumRowsLower(Random(new Random(1), t, 3))),
        new("RunningMax", 1, r => { var xs = Random(r, r.Next(1, 6), 2); return (Foreach.RunningMaxCompiled(xs), Foreach.RunningMaxEager(xs)); }, t => Foreach.RunningMaxLower(Random(new Random(1), t, 2))),
        new("Grid", 2, r => { var x = Random(r, 2); int a = r.Next(1, 4), b = r.Next(1, 4); return (Nested.GridCompiled(x, a, b), Nested.GridEager(x, a, b)); }, t => Nested.GridLower(Random(new Random(1), 2), t, t)),
        new("Triangle", 2, r => { var x = Random(r, 2); int n = r.Next(1, 6); return (Nested.TriangleCompiled(x, n), Nested.TriangleEager(x, n)); }, t => Nested.TriangleLower(Random(new Random(1), 2), t)),
        new("IfElse", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Control.IfElseCompiled(x, n), Control.IfElseEager(x, n)); }, t => Control.IfElseLower(Random(new Random(1), 3), t)),
        new("BreakEarly", 1, r => { var x = Random(r, 3) + 1f; int n = r.Next(1, 12); return (Control.BreakEarlyCompiled(x, n), Control.BreakEarlyEager(x, n)); }, t => Control.BreakEarlyLower(Random(new Random(1), 3), t)),
        new("ContinueOdd", 1, r => { var x = Random(r, 3); int n = r.Next(1, 9); return (Control.ContinueOddCompiled(x, n), Control.ContinueOddEager(x, n)); }, t => Control.ContinueOddLower(Random(new Random(1), 3), t)),
        new("IntCarry", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Carries.IntCarryCompiled(x, n), Carries.IntCarryEager(x, n)); }, t => Carries.IntCarryLower(Random(new Random(1), 3), t)),
        new("WideCarries", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Carries.WideCarriesCompiled(x, n), Carries.WideCarriesEager(x, n)); }, t => Carries.WideCarriesLower(Random(new Random(1), 3), t)),
        new("BoolCarry", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Carries.BoolCarryCompiled(x, n), Carries.BoolCarryEager(x, n)); }, t => Carries.BoolCarryLower(Random(new Random(1), 3), t)),
        new("TupleCarry", 1, r => { var a = Random(r, 3); var b = Random(r, 3); int n = r.Next(1, 8); return (Carries.TupleCarryCompiled(a, b, n), Carries.TupleCarryEager(a, b, n)); }, t => Carries.TupleCarryLower(Random(new Random(1), 3), Random(new Random(2), 3), t)),
        new("ScalarReturn", 1, r => { float s = (float)r.NextDouble(); int n = r.Next(1, 8); return (Carries.ScalarReturnCompiled(s, n), Carries.ScalarReturnEager(s, n)); }, t => Carries.ScalarReturnLower(0.5f, t)),
        new("TupleParameter", 1, r => { var x = Random(r, 3); var c = (r.Next(1, 6), 0.5f + (float)r.NextDouble()); return (Carries.TupleParameterCompiled(x, c), Carries.TupleParameterEager(x, c)); }, t => Carries.TupleParameterLower(Random(new Random(1), 3), (t, 0.9f))),
        new("ArrayResult", 1, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (Carries.ArrayResultCompiled(x, n), Carries.ArrayResultEager(x, n)); }, t => Carries.ArrayResultLower(Random(new Random(1), 3), t)),
        new("StackOutputs", 1, r => { var x = Random(r, 2); int n = r.Next(1, 6); return (Collect.StackOutputsCompiled(x, n), Collect.StackOutputsEager(x, n)); }, t => Collect.StackOutputsLower(Random(new Random(1), 2), t)),
        new("ConcatOutputs", 1, r => { var x = Random(r, 2); int n = r.Next(1, 6); return (Collect.ConcatOutputsCompiled(x, n), Collect.ConcatOutputsEager(x, n)); }, t => Collect.ConcatOutputsLower(Random(new Random(1), 2), t)),
        new("GrowByCollecting", 1, r => { var x = Random(r, 2); int n = r.Next(1, 6); return (Collect.GrowByCollectingCompiled(x, n), Collect.GrowByCollectingEager(x, n)); }, t => Collect.GrowByCollectingLower(Random(new Random(1), 2), t)),
        new("CallsCompiled", 2, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (Calls.CallsCompiledCompiled(x, n), Calls.CallsCompiledEager(x, n)); }, t => Calls.CallsCompiledLower(Random(new Random(1), 3), t)),
        new("InstanceApply", 1, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (SharedScaler.ApplyCompiled(x, n), SharedScaler.ApplyEager(x, n)); }, t => SharedScaler.ApplyLower(Random(new Random(1), 3), t)),
        new("NestedTypeSmooth", 1, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (Outer.Inner.SmoothCompiled(x, n), Outer.Inner.SmoothEager(x, n)); }, t => Outer.Inner.SmoothLower(Random(new Random(1), 3), t)),
        new("MinMaxClamp", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Constructs.MinMaxClampCompiled(x, n), Constructs.MinMaxClampEager(x, n)); }, t => Constructs.MinMaxClampLower(Random(new Random(1), 3), t)),
        new("SignKeepsIntDivision", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Constructs.SignKeepsIntDivisionCompiled(x, n), Constructs.SignKeepsIntDivisionEager(x, n)); }, t => Constructs.SignKeepsIntDivisionLower(Random(new Random(1), 3), t)),
        new("CheckedArithmetic", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (Constructs.CheckedArithmeticCompiled(x, n), Constructs.CheckedArithmeticEager(x, n)); }, t => Constructs.CheckedArithmeticLower(Random(new Random(1), 3), t)),
        new("OverRange", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (Constructs.OverRangeCompiled(x, n), Constructs.OverRangeEager(x, n)); }, t => Constructs.OverRangeLower(Random(new Random(1), 3), t)),
        new("CollectOverRange", 1, r => { var x = Random(r, 2); int n = r.Next(1, 6); return (Constructs.CollectOverRangeCompiled(x, n), Constructs.CollectOverRangeEager(x, n)); }, t => Constructs.CollectOverRangeLower(Random(new Random(1), 2), t)),
        new("CounterAsSliceStart", 1, r => { var x = Random(r, 4); int n = r.Next(1, 9); return (Constructs.CounterAsSliceStartCompiled(x, n), Constructs.CounterAsSliceStartEager(x, n)); }, t => Constructs.CounterAsSliceStartLower(Random(new Random(1), 4), t)),
        new("ArrayConstants", 1, r => { var x = Random(r, 3); int n = r.Next(1, 9); return (Constructs.ArrayConstantsCompiled(x, n), Constructs.ArrayConstantsEager(x, n)); }, t => Constructs.ArrayConstantsLower(Random(new Random(1), 3), t)),
        new("DefaultArgumentOmitted", 2, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (Constructs.DefaultArgumentOmittedCompiled(x, n), Constructs.DefaultArgumentOmittedEager(x, n)); }, t => Constructs.DefaultArgumentOmittedLower(Random(new Random(1), 3), t)),
        new("TupleWithCount", 1, r => { var x = Random(r, 3); int n = r.Next(1, 8); return (TupleResults.WithCountCompiled(x, n), TupleResults.WithCountEager(x, n)); }, t => TupleResults.WithCountLower(Random(new Random(1), 3), t)),
        new("TupleNamedNumbers", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TupleResults.NamedCompiled(x, n), TupleResults.NamedEager(x, n)); }, t => TupleResults.NamedLower(Random(new Random(1), 3), t)),
        new("ForeachBreak", 1, r => { var xs = Random(r, r.Next(1, 7), 3) + 0.5f; return (ForeachExits.SumUntilLargeCompiled(xs), ForeachExits.SumUntilLargeEager(xs)); }, t => ForeachExits.SumUntilLargeLower(Random(new Random(1), Math.Max(t, 1), 3))),
        new("ForeachContinue", 1, r => { var xs = Random(r, r.Next(1, 7), 2); return (ForeachExits.SkipNegativeRowsCompiled(xs), ForeachExits.SkipNegativeRowsEager(xs)); }, t => ForeachExits.SkipNegativeRowsLower(Random(new Random(1), Math.Max(t, 1), 2))),
        new("ZeroRowsKeepInit", 1, r => { var init = Random(r, 3); var xs = Random(r, r.Next(0, 3), 3); return (ForeachExits.SumFromCompiled(init, xs), ForeachExits.SumFromEager(init, xs)); }, t => ForeachExits.SumFromLower(Random(new Random(1), 3), Random(new Random(2), t, 3))),
        new("RangeBreak", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (ForeachExits.RangeWithBreakCompiled(x, n), ForeachExits.RangeWithBreakEager(x, n)); }, t => ForeachExits.RangeWithBreakLower(Random(new Random(1), 3), t)),
        new("SlidingWindow", 1, r => { int n = r.Next(1, 6); var xs = Random(r, n + 1, 3); return (Windows.SlidingSumCompiled(xs, n), Windows.SlidingSumEager(xs, n)); }, t => Windows.SlidingSumLower(Random(new Random(1), t + 1, 3), t)),
        new("ColumnWindow", 1, r => { int n = r.Next(1, 5); var m = Random(r, 2, n); return (Windows.ColumnWindowsCompiled(m, n), Windows.ColumnWindowsEager(m, n)); }, t => Windows.ColumnWindowsLower(Random(new Random(1), 2, t), t)),
        new("SwitchOnPhase", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (Switches.ByPhaseCompiled(x, n), Switches.ByPhaseEager(x, n)); }, t => Switches.ByPhaseLower(Random(new Random(1), 3), t)),
        new("SwitchOnRange", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (Switches.ByRangeCompiled(x, n), Switches.ByRangeEager(x, n)); }, t => Switches.ByRangeLower(Random(new Random(1), 3), t)),
        new("SwitchStatement", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (Switches.SwitchStatementCompiled(x, n), Switches.SwitchStatementEager(x, n)); }, t => Switches.SwitchStatementLower(Random(new Random(1), 3), t)),
        new("UnrolledAdd", 0, r => { var x = Random(r, 3); int n = r.Next(1, 6); return (Unrolled.UnrolledAddCompiled(x, n), Unrolled.UnrolledAddEager(x, n)); }, t => Unrolled.UnrolledAddLower(Random(new Random(1), 3), t)),
        new("CropConcat", 1, r => { var (w, splits, crop) = Crops.Random(r); return (Bounded.CropConcatCompiled(w, splits, crop), Bounded.CropConcatEager(w, splits, crop)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.CropConcatLower(w, splits, 4); }),
        new("CropConcatByWidth", 1, r => { var (w, splits, crop) = Crops.Random(r); return (Bounded.CropConcatByWidthCompiled(w, splits, crop), Bounded.CropConcatByWidthEager(w, splits, crop)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.CropConcatByWidthLower(w, splits, 4); }),
        new("CropRows", 1, r => { var (w, splits, crop) = Crops.Random(r); var v = w.Transpose(1, 0); return (Bounded.CropRowsCompiled(v, splits, crop), Bounded.CropRowsEager(v, splits, crop)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.CropRowsLower(w.Transpose(1, 0), splits, 4); }),
        new("CropTwoOutputs", 1, r => { var (w, splits, crop) = Crops.Random(r); var v = Random(r, w.Shape[1], 3); return (Bounded.TwoOutputsCompiled(w, v, splits, crop), Bounded.TwoOutputsEager(w, v, splits, crop)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.TwoOutputsLower(w, Random(new Random(2), w.Shape[1], 3), splits, 4); }),
        new("CropConcatCollected", 1, r => { var (w, splits, crop) = Crops.Random(r); return (Bounded.CropConcatCollectedCompiled(w, splits, crop), Bounded.CropConcatCollectedEager(w, splits, crop)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.CropConcatCollectedLower(w, splits, 4); }),
        new("RowsAfterFirst", 1, r => { var (w, splits, _) = Crops.Random(r); var v = Random(r, w.Shape[1] + 1, 2); return (Bounded.RowsAfterFirstCompiled(v, splits), Bounded.RowsAfterFirstEager(v, splits)); }, t => { var (w, splits) = Crops.ForLowering(t); return Bounded.RowsAfterFirstLower(w.Transpose(1, 0), splits); }),
        new("Prefixes", 1, r => { var xs = Random(r, r.Next(0, 6), 2); var lengths = Tensor.From(Enumerable.Range(0, r.Next(1, 6)).Select(_ => r.Next(0, xs.Shape[0] + 1)).ToArray()); return (Bounded.PrefixesCompiled(xs, lengths), Bounded.PrefixesEager(xs, lengths)); }, t => Bounded.PrefixesLower(Random(new Random(1), 8, 2), Tensor.From(Enumerable.Range(0, t).Select(k => k % 9).ToArray(), t))),
    }.Concat(TranslatedCases.Cases).Concat(LiftedFormCases.Cases).Concat(TranslatedUserCases.Cases).Concat(TranslatedLoopCases.Cases).Concat(LoopSuiteCases.Cases).Concat(LoopSuiteMoreCases.Cases).ToDictionary(c => c.Name);
}
