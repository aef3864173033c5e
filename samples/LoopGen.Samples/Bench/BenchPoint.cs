namespace LoopGen.Samples.Bench;

/// <summary>One mode (rolled or unrolled) of one sample at one trip count.</summary>
/// <param name="N">The trip count.</param>
/// <param name="Mode"><c>rolled</c> or <c>unrolled</c>.</param>
/// <param name="Ops">Operations in the module, nested regions included, terminators not.</param>
/// <param name="Whiles"><c>stablehlo.while</c> operations.</param>
/// <param name="TextBytes">Size of the module's text (UTF-8).</param>
/// <param name="TraceMs">Tracing to IR (median of the timed repetitions).</param>
/// <param name="CompileMs">Compiling the text on the backend (median).</param>
/// <param name="RunMs">One cached call (trace and compile already done).</param>
/// <param name="Heap">Managed memory of one trace + compile, measured apart from the timings.</param>
internal sealed record BenchPoint(int N, string Mode, int Ops, int Whiles, int TextBytes, double TraceMs, double CompileMs, double RunMs, HeapUse Heap)
{
    /// <summary>Trace plus compile: what the first call pays before running.</summary>
    public double TraceCompileMs => TraceMs + CompileMs;
}

/// <summary>Rolled and unrolled at one trip count, and whether their results agree.</summary>
/// <param name="N">The trip count.</param>
/// <param name="Rolled">The generator's rolled module.</param>
/// <param name="Unrolled">The unrolled control group.</param>
/// <param name="Agree">The two compiled results are equal (up to float rounding).</param>
internal sealed record BenchPair(int N, BenchPoint Rolled, BenchPoint Unrolled, bool Agree);
