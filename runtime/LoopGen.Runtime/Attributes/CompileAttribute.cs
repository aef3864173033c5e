namespace LoopGen;

/// <summary>
/// Marks a method whose loops the LoopGen generator lifts into rolled StableHLO <c>while</c> loops. Calls in
/// the same project run the compiled twin; the method itself stays callable as the eager reference.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class CompileAttribute : Attribute
{
    /// <summary>How loops are traced: rolled (one <c>while</c> per loop, the default) or unrolled (the control group).</summary>
    public LoopMode Loops { get; init; } = LoopMode.Rolled;
}

/// <summary>How the loops of a <see cref="CompileAttribute"/> method are traced.</summary>
public enum LoopMode
{
    /// <summary>Each loop becomes one <c>stablehlo.while</c>: the graph stays one body long whatever the trip count.</summary>
    Rolled,

    /// <summary>The plain loop is traced as written, repeating the body per iteration (the benchmarks' control group).</summary>
    Unrolled,
}

/// <summary>
/// Makes a primitive parameter of a compiled method a run-time scalar instead of a static value: one compiled
/// module serves every value, and loops bounded by it get a dynamic trip count (while semantics).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false, AllowMultiple = false)]
public sealed class DynamicAttribute : Attribute
{
}
