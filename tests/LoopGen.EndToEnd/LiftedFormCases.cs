using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>The kernels of <see cref="LiftedForms"/> run compiled and eagerly, and lowered for a trip count (see <see cref="KernelCase"/>).</summary>
internal static class LiftedFormCases
{
    public static KernelCase[] Cases { get; } =
    [
        new("DeconstructCarry", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (LiftedForms.DeconstructCarryCompiled(x, n), LiftedForms.DeconstructCarryEager(x, n)); }, t => LiftedForms.DeconstructCarryLower(Random(new Random(1), 3), t)),
        new("FibonacciSwap", 1, r => { var x = Random(r, 3); int n = r.Next(0, 12); return (LiftedForms.FibonacciSwapCompiled(x, n), LiftedForms.FibonacciSwapEager(x, n)); }, t => LiftedForms.FibonacciSwapLower(Random(new Random(1), 3), t)),
        new("SwapConverts", 1, r => { var x = Random(r, 3); int n = r.Next(0, 8); return (LiftedForms.SwapConvertsCompiled(x, n), LiftedForms.SwapConvertsEager(x, n)); }, t => LiftedForms.SwapConvertsLower(Random(new Random(1), 3), t)),
        new("CarriedTupleParameter", 1, r => { var x = Random(r, 3); var cfg = (r.Next(0, 4), 0.5f + (float)r.NextDouble()); int n = r.Next(0, 7); return (LiftedForms.CarriedTupleParameterCompiled(x, cfg, n), LiftedForms.CarriedTupleParameterEager(x, cfg, n)); }, t => LiftedForms.CarriedTupleParameterLower(Random(new Random(1), 3), (2, 0.75f), t)),
        new("SwitchWithGuard", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10), after = r.Next(0, 6); return (LiftedForms.SwitchWithGuardCompiled(x, n, after), LiftedForms.SwitchWithGuardEager(x, n, after)); }, t => LiftedForms.SwitchWithGuardLower(Random(new Random(1), 3), t, 2)),
        new("SwitchExpressionWithGuards", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (LiftedForms.SwitchExpressionWithGuardsCompiled(x, n), LiftedForms.SwitchExpressionWithGuardsEager(x, n)); }, t => LiftedForms.SwitchExpressionWithGuardsLower(Random(new Random(1), 3), t)),
        new("SwitchThatContinues", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10); return (LiftedForms.SwitchThatContinuesCompiled(x, n), LiftedForms.SwitchThatContinuesEager(x, n)); }, t => LiftedForms.SwitchThatContinuesLower(Random(new Random(1), 3), t)),
        new("SwitchKeepsTheOldValue", 1, r => { var x = Random(r, 3); int n = r.Next(0, 10), shift = r.Next(0, 3); return (LiftedForms.SwitchKeepsTheOldValueCompiled(x, n, shift), LiftedForms.SwitchKeepsTheOldValueEager(x, n, shift)); }, t => LiftedForms.SwitchKeepsTheOldValueLower(Random(new Random(1), 3), t, 0)),
    ];
}
