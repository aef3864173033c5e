using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>The kernels of <see cref="TranslatedUsers"/> run compiled and eagerly, and lowered for a trip count (see <see cref="KernelCase"/>).</summary>
internal static class TranslatedUserCases
{
    public static KernelCase[] Cases { get; } =
    [
        new("Users.WhileDeconstructedState", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedUsers.WhileDeconstructedStateCompiled(x, n), TranslatedUsers.WhileDeconstructedStateEager(x, n)); }, t => TranslatedUsers.WhileDeconstructedStateLower(Random(new Random(1), 3), t)),
        new("Users.FloatClock", 1, r => { var x = Random(r, 3); float l = 2f * (float)r.NextDouble(); return (TranslatedUsers.FloatClockCompiled(x, l), TranslatedUsers.FloatClockEager(x, l)); }, t => TranslatedUsers.FloatClockLower(Random(new Random(1), 3), t * 0.25f)),
        new("Users.GrowUntilLarge", 1, r => { var x = Random(r, 3); return (TranslatedUsers.GrowUntilLargeCompiled(x), TranslatedUsers.GrowUntilLargeEager(x)); }, _ => TranslatedUsers.GrowUntilLargeLower(Random(new Random(1), 3))),
        new("Users.Gcd", 1, r => { int a = r.Next(1, 500), b = r.Next(1, 500); return (TranslatedUsers.GcdCompiled(a, b), TranslatedUsers.GcdEager(a, b)); }, t => TranslatedUsers.GcdLower(12 * t + 1, 8)),
        new("Users.CollatzSteps", 1, r => { int v = r.Next(1, 200); return (TranslatedUsers.CollatzStepsCompiled(v), TranslatedUsers.CollatzStepsEager(v)); }, t => TranslatedUsers.CollatzStepsLower(t + 1)),
        new("Users.NewtonSqrt", 1, r => { var a = Random(r, 3) * 0.5f + 1.5f; return (TranslatedUsers.NewtonSqrtCompiled(a), TranslatedUsers.NewtonSqrtEager(a)); }, _ => TranslatedUsers.NewtonSqrtLower(Random(new Random(1), 3) * 0.5f + 1.5f)),
        new("Users.DecayingSgd", 1, r => { var w = Random(r, 3, 1); var x = Random(r, 4, 3); var y = Random(r, 4, 1); var opt = (r.Next(0, 6), 0.05f + 0.1f * (float)r.NextDouble()); return (TranslatedUsers.DecayingSgdCompiled(w, x, y, opt), TranslatedUsers.DecayingSgdEager(w, x, y, opt)); }, t => TranslatedUsers.DecayingSgdLower(Random(new Random(1), 3, 1), Random(new Random(2), 4, 3), Random(new Random(3), 4, 1), (t, 0.1f))),
        new("Users.RangeWithPhases", 1, r => { var x = Random(r, 3); int s = r.Next(-3, 4), c = r.Next(0, 8); return (TranslatedUsers.RangeWithPhasesCompiled(x, s, c), TranslatedUsers.RangeWithPhasesEager(x, s, c)); }, t => TranslatedUsers.RangeWithPhasesLower(Random(new Random(1), 3), 0, t)),
        new("Users.CappedStep", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9), cap = r.Next(0, 5); return (TranslatedUsers.CappedStepCompiled(x, n, cap), TranslatedUsers.CappedStepEager(x, n, cap)); }, t => TranslatedUsers.CappedStepLower(Random(new Random(1), 3), t, 2)),
        new("Users.ModularPower", 1, r => { var x = Random(r, 3); int n = r.Next(0, 30); return (TranslatedUsers.ModularPowerCompiled(x, n), TranslatedUsers.ModularPowerEager(x, n)); }, t => TranslatedUsers.ModularPowerLower(Random(new Random(1), 3), t)),
        new("Users.CountPhases", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (TranslatedUsers.CountPhasesCompiled(x, n), TranslatedUsers.CountPhasesEager(x, n)); }, t => TranslatedUsers.CountPhasesLower(Random(new Random(1), 3), t)),
        new("Users.SkipLowerHalf", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (TranslatedUsers.SkipLowerHalfCompiled(x, n), TranslatedUsers.SkipLowerHalfEager(x, n)); }, t => TranslatedUsers.SkipLowerHalfLower(Random(new Random(1), 3), t)),
        new("Users.MovingAverage", 1, r => { var xs = Random(r, r.Next(1, 7), 3); float d = (float)r.NextDouble(); return (TranslatedUsers.MovingAverageCompiled(xs, d), TranslatedUsers.MovingAverageEager(xs, d)); }, t => TranslatedUsers.MovingAverageLower(Random(new Random(1), t, 3), 0.3f)),
        new("Users.NestedBreakOnData", 2, r => { var x = Random(r, 3); int n = r.Next(0, 6); return (TranslatedUsers.NestedBreakOnDataCompiled(x, n), TranslatedUsers.NestedBreakOnDataEager(x, n)); }, t => TranslatedUsers.NestedBreakOnDataLower(Random(new Random(1), 3), t)),
        new("Users.CounterAfterBody", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedUsers.CounterAfterBodyCompiled(x, n), TranslatedUsers.CounterAfterBodyEager(x, n)); }, t => TranslatedUsers.CounterAfterBodyLower(Random(new Random(1), 3), t)),
        new("Users.Converging", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (TranslatedUsers.ConvergingCompiled(x, n), TranslatedUsers.ConvergingEager(x, n)); }, t => TranslatedUsers.ConvergingLower(Random(new Random(1), 3), t)),
        new("Users.WhileTrueBreak", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (TranslatedUsers.WhileTrueBreakCompiled(x, n), TranslatedUsers.WhileTrueBreakEager(x, n)); }, t => TranslatedUsers.WhileTrueBreakLower(Random(new Random(1), 3), t)),
        new("Users.ScanWithSwap", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (TranslatedUsers.ScanWithSwapCompiled(xs), TranslatedUsers.ScanWithSwapEager(xs)); }, t => TranslatedUsers.ScanWithSwapLower(Random(new Random(1), t, 3))),
        new("Users.CyclicWeights", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (TranslatedUsers.CyclicWeightsCompiled(x, n), TranslatedUsers.CyclicWeightsEager(x, n)); }, t => TranslatedUsers.CyclicWeightsLower(Random(new Random(1), 3), t)),
        new("Users.GuardOnData", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (TranslatedUsers.GuardOnDataCompiled(x, n), TranslatedUsers.GuardOnDataEager(x, n)); }, t => TranslatedUsers.GuardOnDataLower(Random(new Random(1), 3), t)),
        // Forms users write (Kernels/UserForms.cs)
        new("Users.SwitchMovesTheCounter", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (UserForms.SwitchMovesTheCounterCompiled(x, n), UserForms.SwitchMovesTheCounterEager(x, n)); }, t => UserForms.SwitchMovesTheCounterLower(Random(new Random(1), 3), t)),
        new("Users.WhileSwitchContinues", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (UserForms.WhileSwitchContinuesCompiled(x, n), UserForms.WhileSwitchContinuesEager(x, n)); }, t => UserForms.WhileSwitchContinuesLower(Random(new Random(1), 3), t)),
        new("Users.SwapTuplesOfNumbers", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (UserForms.SwapTuplesOfNumbersCompiled(x, n), UserForms.SwapTuplesOfNumbersEager(x, n)); }, t => UserForms.SwapTuplesOfNumbersLower(Random(new Random(1), 3), t)),
        new("Users.SwitchOnCheckedCast", 1, r => { var x = Random(r, 3); float t0 = 6f * (float)r.NextDouble() - 3f; int n = r.Next(0, 9); return (UserForms.SwitchOnCheckedCastCompiled(x, t0, n), UserForms.SwitchOnCheckedCastEager(x, t0, n)); }, t => UserForms.SwitchOnCheckedCastLower(Random(new Random(1), 3), -1.5f, t)),
        new("Users.FirstIndexAbove", 1, r => { var x = Random(r, 3); int n = r.Next(0, 9); return (UserForms.FirstIndexAboveCompiled(x, n), UserForms.FirstIndexAboveEager(x, n)); }, t => UserForms.FirstIndexAboveLower(Random(new Random(1), 3), t)),
        new("Users.MeanByDeconstruction", 1, r => { var xs = Random(r, r.Next(1, 7), 3); return (UserForms.MeanByDeconstructionCompiled(xs), UserForms.MeanByDeconstructionEager(xs)); }, t => UserForms.MeanByDeconstructionLower(Random(new Random(1), t, 3))),
        new("Users.PhaseMachine", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (UserForms.PhaseMachineCompiled(x, n), UserForms.PhaseMachineEager(x, n)); }, t => UserForms.PhaseMachineLower(Random(new Random(1), 3), t)),
        new("Users.LoopsWithoutDeclarations", 2, r => { var x = Random(r, 3); int n = r.Next(0, 20); return (UserForms.LoopsWithoutDeclarationsCompiled(x, n), UserForms.LoopsWithoutDeclarationsEager(x, n)); }, t => UserForms.LoopsWithoutDeclarationsLower(Random(new Random(1), 3), t)),
    ];
}
