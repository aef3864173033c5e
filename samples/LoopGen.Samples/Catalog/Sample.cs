namespace LoopGen.Samples.Catalog;

/// <summary>
/// One runnable example. Every entry takes the trip count <c>n</c> (ignored where the sample fixes it) so that
/// <c>run</c>, <c>hlo --n</c> and <c>bench</c> build the same inputs the same way.
/// </summary>
/// <param name="Name">The name verbs take, e.g. <c>cumulative-for</c>.</param>
/// <param name="Description">One line for <c>list</c>.</param>
/// <param name="DefaultN">The trip count <c>run</c> uses.</param>
/// <param name="TripCount">What <c>--n</c> sets, or null where the trip count is fixed or only known at run time.</param>
/// <param name="Eager">The plain method, run op by op: the reference.</param>
/// <param name="Compiled">The compiled entry (loops rolled).</param>
/// <param name="Lower">The compiled entry's module for these inputs, not run.</param>
/// <param name="Unrolled">The <c>[Compile(Loops = LoopMode.Unrolled)]</c> twin, where the trip count is static.</param>
/// <param name="Expected">The expected result for a trip count, as headers print it (<c>[10]</c>), where it has a short form.</param>
internal sealed record Sample(
    string Name,
    string Description,
    int DefaultN,
    string? TripCount,
    Func<int, Tensor> Eager,
    Func<int, Tensor> Compiled,
    Func<int, Lowered> Lower,
    CompiledEntry? Unrolled = null,
    Func<int, string>? Expected = null)
{
    /// <summary>The one-line description with the result expected for <paramref name="n"/>: <c>… → [n]</c>.</summary>
    public string DescribeFor(int n) => Expected is null ? Description : $"{Description} → {Expected(n)}";
}

/// <summary>A compiled entry and its lowering, as functions of the trip count.</summary>
/// <param name="Compiled">Runs it.</param>
/// <param name="Lower">Traces it without running.</param>
internal sealed record CompiledEntry(Func<int, Tensor> Compiled, Func<int, Lowered> Lower);
