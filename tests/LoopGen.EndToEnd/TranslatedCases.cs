using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>
/// The translated corpus (Kernels/Translated*.cs: JAX's, PyTorch's and PyTorch/XLA's loop tests as plain C#), each
/// run compiled and eagerly on random inputs like <see cref="KernelCase.All"/>'s own kernels. A kernel whose trip count
/// is fixed by its data lowers the same module for every requested trip count.
/// </summary>
internal static class TranslatedCases
{
    private static readonly LinearModule Module = new(Random(new Random(11), 3, 3), Random(new Random(12), 3));

    private static Tensor IntScalar(int v) => Tensor.Scalar(v);

    public static KernelCase[] Cases { get; } =
    [
        // JAX: tests/lax_control_flow_test.py
        new("Jax.ForiCount", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.ForiCountCompiled(x, n), TranslatedJax.ForiCountEager(x, n)); }, t => TranslatedJax.ForiCountLower(Random(new Random(1), 3), t)),
        new("Jax.ForiTupleState", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.ForiTupleStateCompiled(x, n), TranslatedJax.ForiTupleStateEager(x, n)); }, t => TranslatedJax.ForiTupleStateLower(Random(new Random(1), 3), t)),
        new("Jax.ForiTupleWithInt", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.ForiTupleWithIntCompiled(x, n), TranslatedJax.ForiTupleWithIntEager(x, n)); }, t => TranslatedJax.ForiTupleWithIntLower(Random(new Random(1), 3), t)),
        new("Jax.ForiDictState", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.ForiDictStateCompiled(x, n), TranslatedJax.ForiDictStateEager(x, n)); }, t => TranslatedJax.ForiDictStateLower(Random(new Random(1), 3), t)),
        new("Jax.NestedFori", 2, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (TranslatedJax.NestedForiCompiled(x, n), TranslatedJax.NestedForiEager(x, n)); }, t => TranslatedJax.NestedForiLower(Random(new Random(1), 3), t)),
        new("Jax.ForiClosure", 1, r => { var x = Random(r, 3); var w = Random(r, 3); var b = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.ForiClosureCompiled(x, w, b, n), TranslatedJax.ForiClosureEager(x, w, b, n)); }, t => TranslatedJax.ForiClosureLower(Random(new Random(1), 3), Random(new Random(2), 3), Random(new Random(3), 3), t)),
        new("Jax.ForiNegativeTrip", 1, r => { var x = Random(r, 3); int u = r.Next(0, 10); return (TranslatedJax.ForiNegativeTripCompiled(x, u), TranslatedJax.ForiNegativeTripEager(x, u)); }, t => TranslatedJax.ForiNegativeTripLower(Random(new Random(1), 3), t)),
        new("Jax.ForiDynamicBounds", 1, r => { var x = Random(r, 3); int lo = r.Next(0, 5), hi = r.Next(0, 9); return (TranslatedJax.ForiDynamicBoundsCompiled(x, lo, hi), TranslatedJax.ForiDynamicBoundsEager(x, lo, hi)); }, t => TranslatedJax.ForiDynamicBoundsLower(Random(new Random(1), 3), 1, t)),
        new("Jax.ForiFloatCarry", 1, r => { float s = (float)r.NextDouble(); int n = r.Next(0, 9); return (TranslatedJax.ForiFloatCarryCompiled(s, n), TranslatedJax.ForiFloatCarryEager(s, n)); }, t => TranslatedJax.ForiFloatCarryLower(0.5f, t)),
        new("Jax.WhileCount", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.WhileCountCompiled(x, n), TranslatedJax.WhileCountEager(x, n)); }, t => TranslatedJax.WhileCountLower(Random(new Random(1), 3), t)),
        new("Jax.WhileTuple", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedJax.WhileTupleCompiled(x, n), TranslatedJax.WhileTupleEager(x, n)); }, t => TranslatedJax.WhileTupleLower(Random(new Random(1), 3), t)),
        new("Jax.WhileCondOnCarry", 1, r => { var x = Random(r, 3); return (TranslatedJax.WhileCondOnCarryCompiled(x), TranslatedJax.WhileCondOnCarryEager(x)); }, _ => TranslatedJax.WhileCondOnCarryLower(Random(new Random(1), 3))),
        new("Jax.NestedWhileInFori", 2, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (TranslatedJax.NestedWhileInForiCompiled(x, n), TranslatedJax.NestedWhileInForiEager(x, n)); }, t => TranslatedJax.NestedWhileInForiLower(Random(new Random(1), 3), t)),
        new("Jax.WhileClosure", 1, r => { var x = Random(r, 3); var s = Random(r, 3); var l = Tensor.Scalar(1f + 9f * (float)r.NextDouble()); return (TranslatedJax.WhileClosureCompiled(x, s, l), TranslatedJax.WhileClosureEager(x, s, l)); }, t => TranslatedJax.WhileClosureLower(Random(new Random(1), 3), Random(new Random(2), 3), Tensor.Scalar((float)t))),
        new("Jax.FixedPointCos", 1, r => { var x = Random(r, 3); return (TranslatedJax.FixedPointCosCompiled(x), TranslatedJax.FixedPointCosEager(x)); }, _ => TranslatedJax.FixedPointCosLower(Random(new Random(1), 3))),
        new("Jax.ScanCumsum", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedJax.ScanCumsumCompiled(xs), TranslatedJax.ScanCumsumEager(xs)); }, t => TranslatedJax.ScanCumsumLower(Random(new Random(1), t, 3))),
        new("Jax.ScanImpl", 1, r => { var c = Random(r, 3); var xs = Random(r, r.Next(1, 7), 3); var d = Random(r, 3); return (TranslatedJax.ScanImplCompiled(c, xs, d), TranslatedJax.ScanImplEager(c, xs, d)); }, t => TranslatedJax.ScanImplLower(Random(new Random(1), 3), Random(new Random(2), t, 3), Random(new Random(3), 3))),
        new("Jax.ScanReverse", 1, r => { int n = r.Next(1, 7); var xs = Random(r, n, 3); return (TranslatedJax.ScanReverseCompiled(xs, n), TranslatedJax.ScanReverseEager(xs, n)); }, t => TranslatedJax.ScanReverseLower(Random(new Random(1), t, 3), t)),
#if LIFT_PENDING
        new("Jax.ScanEitherWay", 1, r => { var xs = Random(r, 4, 3); bool rev = r.Next(2) == 0; return (TranslatedJax.ScanEitherWayCompiled(xs, rev), TranslatedJax.ScanEitherWayEager(xs, rev)); }, _ => TranslatedJax.ScanEitherWayLower(Random(new Random(1), 4, 3), true)),
#endif
        new("Jax.ScanTupleCarry", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedJax.ScanTupleCarryCompiled(xs), TranslatedJax.ScanTupleCarryEager(xs)); }, t => TranslatedJax.ScanTupleCarryLower(Random(new Random(1), t, 3))),
        new("Jax.ScanLengthOnly", 1, r => { var c = Random(r, 3); return (TranslatedJax.ScanLengthOnlyCompiled(c), TranslatedJax.ScanLengthOnlyEager(c)); }, _ => TranslatedJax.ScanLengthOnlyLower(Random(new Random(1), 3))),
        new("Jax.ScanUnrolledByTwo", 1, r => { int h = r.Next(0, 4); var xs = Random(r, 2 * h + 1, 3); return (TranslatedJax.ScanUnrolledByTwoCompiled(xs, h), TranslatedJax.ScanUnrolledByTwoEager(xs, h)); }, t => TranslatedJax.ScanUnrolledByTwoLower(Random(new Random(1), 2 * t + 1, 3), t)),
        new("Jax.ScanRnn", 1, r => { var xs = Random(r, r.Next(1, 6), 4, 1); var w = Random(r, 3, 4); var u = Random(r, 3, 3); var b = Random(r, 3, 1); var h = Random(r, 3, 1); return (TranslatedJax.ScanRnnCompiled(xs, w, u, b, h), TranslatedJax.ScanRnnEager(xs, w, u, b, h)); }, t => TranslatedJax.ScanRnnLower(Random(new Random(1), t, 4, 1), Random(new Random(2), 3, 4), Random(new Random(3), 3, 3), Random(new Random(4), 3, 1), Random(new Random(5), 3, 1))),
        new("Jax.CumMax", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedJax.CumMaxCompiled(xs), TranslatedJax.CumMaxEager(xs)); }, t => TranslatedJax.CumMaxLower(Random(new Random(1), t, 3))),
        new("Jax.MapRows", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedJax.MapRowsCompiled(xs), TranslatedJax.MapRowsEager(xs)); }, t => TranslatedJax.MapRowsLower(Random(new Random(1), t, 3))),
        new("Jax.CondInFori", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (TranslatedJax.CondInForiCompiled(x, n), TranslatedJax.CondInForiEager(x, n)); }, t => TranslatedJax.CondInForiLower(Random(new Random(1), 3), t)),
        new("Jax.SwitchInFori", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (TranslatedJax.SwitchInForiCompiled(x, n), TranslatedJax.SwitchInForiEager(x, n)); }, t => TranslatedJax.SwitchInForiLower(Random(new Random(1), 3), t)),
        new("Jax.WhileAnyAbove", 1, r => { var x = Random(r, 3); float th = 1f + 2f * (float)r.NextDouble(); return (TranslatedJax.WhileAnyAboveCompiled(x, th), TranslatedJax.WhileAnyAboveEager(x, th)); }, _ => TranslatedJax.WhileAnyAboveLower(Random(new Random(1), 3), 2f)),

        // Carried tuples holding numbers (issue 15's "tuple carries with primitive elements updated through their fields")
        new("TupleFieldUpdates", 1, r => { var xs = Random(r, r.Next(1, 6), 3); return (NumberTupleCarries.FieldUpdatesCompiled(xs), NumberTupleCarries.FieldUpdatesEager(xs)); }, t => NumberTupleCarries.FieldUpdatesLower(Random(new Random(1), t, 3))),
        new("TupleFloatField", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (NumberTupleCarries.FloatFieldKeepsItsTypeCompiled(x, n), NumberTupleCarries.FloatFieldKeepsItsTypeEager(x, n)); }, t => NumberTupleCarries.FloatFieldKeepsItsTypeLower(Random(new Random(1), 3), t)),

        // Early returns (issue 15's "early return inside a loop")
        new("ReturnNumber", 1, r => { float s = (float)r.NextDouble() - 0.5f; int n = r.Next(0, 8); return (EarlyReturnKernels.FirstCountAboveCompiled(s, n), EarlyReturnKernels.FirstCountAboveEager(s, n)); }, t => EarlyReturnKernels.FirstCountAboveLower(0.5f, t)),
        new("ReturnFromInnerLoop", 2, r => { var x = Random(r, 3); int n = r.Next(0, 6); return (EarlyReturnKernels.ReturnFromInnerLoopCompiled(x, n), EarlyReturnKernels.ReturnFromInnerLoopEager(x, n)); }, t => EarlyReturnKernels.ReturnFromInnerLoopLower(Random(new Random(1), 3), t)),
        new("ReturnFromForeach", 1, r => { var xs = Random(r, r.Next(0, 7), 3); var acc = Random(r, 3); return (EarlyReturnKernels.ReturnFromWhileOverRowsCompiled(xs, acc), EarlyReturnKernels.ReturnFromWhileOverRowsEager(xs, acc)); }, t => EarlyReturnKernels.ReturnFromWhileOverRowsLower(Random(new Random(1), t, 3), Random(new Random(2), 3))),

        // PyTorch: test/functorch/test_control_flow.py
        new("Torch.WhileSimple", 1, r => { var x = Random(r, 3); return (TranslatedTorch.WhileSimpleCompiled(x), TranslatedTorch.WhileSimpleEager(x)); }, _ => TranslatedTorch.WhileSimpleLower(Random(new Random(1), 3))),
        new("Torch.WhileNested", 2, r => { var x = Random(r, 3); int a = r.Next(0, 4), b = r.Next(0, 4); return (TranslatedTorch.WhileNestedCompiled(x, a, b), TranslatedTorch.WhileNestedEager(x, a, b)); }, t => TranslatedTorch.WhileNestedLower(Random(new Random(1), 3), t, t)),
        new("Torch.WhileIntCarry", 1, r => { var x = Random(r, 3); return (TranslatedTorch.WhileIntCarryCompiled(x), TranslatedTorch.WhileIntCarryEager(x)); }, _ => TranslatedTorch.WhileIntCarryLower(Random(new Random(1), 3))),
        new("Torch.WhilePytree", 1, r => { var a = Random(r, 3); var b = Random(r, 3); var c = Random(r, 3); int n = r.Next(0, 7); return (TranslatedTorch.WhilePytreeCompiled(a, b, c, n), TranslatedTorch.WhilePytreeEager(a, b, c, n)); }, t => TranslatedTorch.WhilePytreeLower(Random(new Random(1), 3), Random(new Random(2), 3), Random(new Random(3), 3), t)),
        new("Torch.WhileLinear", 1, r => { var x = Random(r, 2, 3); var w = Random(r, 3, 3); var b = Random(r, 3); int n = r.Next(0, 6); return (TranslatedTorch.WhileLinearCompiled(x, w, b, n), TranslatedTorch.WhileLinearEager(x, w, b, n)); }, t => TranslatedTorch.WhileLinearLower(Random(new Random(1), 2, 3), Random(new Random(2), 3, 3), Random(new Random(3), 3), t)),
        new("Torch.WhileOuterCode", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (TranslatedTorch.WhileOuterCodeCompiled(x, n), TranslatedTorch.WhileOuterCodeEager(x, n)); }, t => TranslatedTorch.WhileOuterCodeLower(Random(new Random(1), 3), t)),
        new("Torch.ScanSimple", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedTorch.ScanSimpleCompiled(xs), TranslatedTorch.ScanSimpleEager(xs)); }, t => TranslatedTorch.ScanSimpleLower(Random(new Random(1), t, 3))),
        new("Torch.ScanTuple", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedTorch.ScanTupleCompiled(xs), TranslatedTorch.ScanTupleEager(xs)); }, t => TranslatedTorch.ScanTupleLower(Random(new Random(1), t, 3))),
        new("Torch.ScanDim", 1, r => { var xs = Random(r, 3, r.Next(1, 6)); return (TranslatedTorch.ScanDimCompiled(xs), TranslatedTorch.ScanDimEager(xs)); }, t => TranslatedTorch.ScanDimLower(Random(new Random(1), 3, t))),
        new("Torch.ScanReverseStacked", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedTorch.ScanReverseStackedCompiled(xs), TranslatedTorch.ScanReverseStackedEager(xs)); }, t => TranslatedTorch.ScanReverseStackedLower(Random(new Random(1), t, 3))),
        new("Torch.ScanPytree", 1, r => { var xs = Random(r, r.Next(1, 7), 3); var h = Random(r, 3); return (TranslatedTorch.ScanPytreeCompiled(xs, h), TranslatedTorch.ScanPytreeEager(xs, h)); }, t => TranslatedTorch.ScanPytreeLower(Random(new Random(1), t, 3), Random(new Random(2), 3))),
        new("Torch.ScanRnnCell", 1, r => { var xs = Random(r, r.Next(0, 6), 2, 4); var wih = Random(r, 4, 3); var whh = Random(r, 3, 3); var h = Random(r, 2, 3); return (TranslatedTorch.ScanRnnCellCompiled(xs, wih, whh, h), TranslatedTorch.ScanRnnCellEager(xs, wih, whh, h)); }, t => TranslatedTorch.ScanRnnCellLower(Random(new Random(1), t, 2, 4), Random(new Random(2), 4, 3), Random(new Random(3), 3, 3), Random(new Random(4), 2, 3))),
        new("Torch.ScanInitFromFirst", 1, r => { int n = r.Next(1, 7); var xs = Random(r, n, 3); return (TranslatedTorch.ScanInitFromFirstCompiled(xs, n), TranslatedTorch.ScanInitFromFirstEager(xs, n)); }, t => TranslatedTorch.ScanInitFromFirstLower(Random(new Random(1), t, 3), t)),
        new("Torch.CondInWhile", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (TranslatedTorch.CondInWhileCompiled(x, n), TranslatedTorch.CondInWhileEager(x, n)); }, t => TranslatedTorch.CondInWhileLower(Random(new Random(1), 3), t)),
        new("Torch.WhileBreak", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (TranslatedTorch.WhileBreakCompiled(x, n), TranslatedTorch.WhileBreakEager(x, n)); }, t => TranslatedTorch.WhileBreakLower(Random(new Random(1), 3), t)),
        new("Torch.FirstStepAbove", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (TranslatedTorch.FirstStepAboveCompiled(x, n), TranslatedTorch.FirstStepAboveEager(x, n)); }, t => TranslatedTorch.FirstStepAboveLower(Random(new Random(1), 3), t)),
        new("Torch.ScanClosureBias", 1, r => { int n = r.Next(0, 6); var xs = Random(r, n, 3, 1); var bs = Random(r, n, 3, 1); var w = Random(r, 3, 3); var h = Random(r, 3, 1); return (TranslatedTorch.ScanClosureBiasCompiled(xs, bs, w, h), TranslatedTorch.ScanClosureBiasEager(xs, bs, w, h)); }, t => TranslatedTorch.ScanClosureBiasLower(Random(new Random(1), t, 3, 1), Random(new Random(2), t, 3, 1), Random(new Random(3), 3, 3), Random(new Random(4), 3, 1))),

        // PyTorch/XLA: test/test_fori_loop_with_while_loop_simple_add_dispatch_in_torch.py, test/test_while_loop.py
        new("Xla.WhileAddition", 1, r => { var it = IntScalar(r.Next(0, 7)); var x = Random(r, 3); return (TranslatedXla.WhileAdditionCompiled(it, x), TranslatedXla.WhileAdditionEager(it, x)); }, t => TranslatedXla.WhileAdditionLower(IntScalar(t), Random(new Random(1), 3))),
        new("Xla.WhileAdditionNested", 1, r => { int it = r.Next(0, 7); var x = Random(r, 3); return (TranslatedXla.WhileAdditionNestedCompiled(it, x), TranslatedXla.WhileAdditionNestedEager(it, x)); }, t => TranslatedXla.WhileAdditionNestedLower(t, Random(new Random(1), 3))),
        new("Xla.ForiAddition", 1, r => { var one = Random(r, 3); var init = Random(r, 3); int lo = r.Next(0, 4), hi = r.Next(0, 8); return (TranslatedXla.ForiAdditionCompiled(one, init, lo, hi), TranslatedXla.ForiAdditionEager(one, init, lo, hi)); }, t => TranslatedXla.ForiAdditionLower(Random(new Random(1), 3), Random(new Random(2), 3), 0, t)),
        new("Xla.LinearInLoop", 1, r => { var x = Random(r, 2, 3); var w = Random(r, 3, 3); var b = Random(r, 3); int n = r.Next(0, 6); return (TranslatedXla.LinearInLoopCompiled(x, w, b, n), TranslatedXla.LinearInLoopEager(x, w, b, n)); }, t => TranslatedXla.LinearInLoopLower(Random(new Random(1), 2, 3), Random(new Random(2), 3, 3), Random(new Random(3), 3), t)),
        new("Xla.AccumulateWithWeight", 1, r => { var xs = Random(r, r.Next(1, 7), 3); var w = Random(r, 3); return (TranslatedXla.AccumulateWithWeightCompiled(xs, w), TranslatedXla.AccumulateWithWeightEager(xs, w)); }, t => TranslatedXla.AccumulateWithWeightLower(Random(new Random(1), t, 3), Random(new Random(2), 3))),
        new("Xla.TensorCounter", 1, r => { var x = Random(r, 3); var l = IntScalar(r.Next(0, 7)); return (TranslatedXla.TensorCounterCompiled(x, l), TranslatedXla.TensorCounterEager(x, l)); }, t => TranslatedXla.TensorCounterLower(Random(new Random(1), 3), IntScalar(t))),
        new("Xla.LinearSgd", 1, r => { var w = Random(r, 3, 1); var x = Random(r, 5, 3); var y = Random(r, 5, 1); int s = r.Next(0, 8); return (TranslatedXla.LinearSgdCompiled(w, x, y, s), TranslatedXla.LinearSgdEager(w, x, y, s)); }, t => TranslatedXla.LinearSgdLower(Random(new Random(1), 3, 1), Random(new Random(2), 5, 3), Random(new Random(3), 5, 1), t)),
        new("Xla.DoAtLeastOnce", 1, r => { var x = Random(r, 3); int n = r.Next(0, 7); return (TranslatedXla.DoAtLeastOnceCompiled(x, n), TranslatedXla.DoAtLeastOnceEager(x, n)); }, t => TranslatedXla.DoAtLeastOnceLower(Random(new Random(1), 3), t)),
        new("Xla.LinearModule", 1, r => { var x = Random(r, 2, 3); int n = r.Next(0, 6); return (Module.RepeatCompiled(x, n), Module.RepeatEager(x, n)); }, t => Module.RepeatLower(Random(new Random(1), 2, 3), t)),
    ];
}
