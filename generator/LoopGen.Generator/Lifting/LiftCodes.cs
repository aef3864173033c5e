namespace LoopGen.Generator.Lifting;

/// <summary>
/// The stable codes of <see cref="LiftProblem"/>s and notes. The generator writes them into its "not compiled"
/// comments; the analyzers map each to a diagnostic id in one table, so a new code without an id fails their tests.
/// </summary>
internal static class LiftCodes
{
    // ---- Problems: the method is not compiled (the analyzers report errors). ----

    /// <summary>The method has no body, or the runtime is not referenced.</summary>
    public const string NoBody = "no-body";

    /// <summary>Roslyn could not analyse a loop's or if's data flow (broken code).</summary>
    public const string NoDataFlow = "no-dataflow";

    /// <summary>A returned tuple holds a C# number.</summary>
    public const string TupleReturn = "tuple-return";

    /// <summary><c>return</c> inside a lifted loop.</summary>
    public const string ReturnInLoop = "return-in-loop";

    /// <summary><c>goto</c>, <c>try</c>, <c>lock</c>, <c>using</c>, <c>await</c>, … inside a lifted loop.</summary>
    public const string UnsupportedStatement = "unsupported-statement";

    /// <summary><c>break</c>/<c>continue</c> where the lifter cannot flag it.</summary>
    public const string BreakContinue = "break-continue";

    /// <summary><c>return</c>/<c>goto</c>/<c>break</c> leaving a traced <c>if</c>.</summary>
    public const string ExitInTracedIf = "exit-in-traced-if";

    /// <summary>A write to a field, property or array element inside a lifted loop.</summary>
    public const string OutsideState = "outside-state";

    /// <summary>A carry whose type cannot be carried (not a tensor, number or tuple of tensors).</summary>
    public const string CarryType = "carry-type";

    /// <summary>A carry reassigned from an expression that changes its shape every iteration.</summary>
    public const string CarryShape = "carry-shape";

    /// <summary>A carry reassigned a tensor of another dtype than it starts with.</summary>
    public const string CarryDType = "carry-dtype";

    /// <summary>A C# number the compiled code computes, used where only a C# value can go.</summary>
    public const string TracedPrimitiveUse = "traced-primitive-use";

    /// <summary>A list filled in a loop used other than as a collected output.</summary>
    public const string CollectedOutput = "collected-output";

    /// <summary>A collected output in a loop whose trip count is not static.</summary>
    public const string CollectedNeedsStaticTripCount = "collected-needs-static-trip-count";

    /// <summary>A <c>[Compile]</c> callee that cannot be called from compiled code.</summary>
    public const string CompiledCallee = "compiled-callee";

    /// <summary>A call in a lifted region that cannot be traced (I/O, clocks, randomness, side effects).</summary>
    public const string UntraceableCall = "untraceable-call";

    /// <summary><c>Item&lt;T&gt;()</c> / <c>ToArray&lt;T&gt;()</c> of a tensor inside a lifted loop.</summary>
    public const string HostRead = "host-read";

    /// <summary><c>Item&lt;T&gt;()</c> / <c>ToArray&lt;T&gt;()</c> of a tensor argument outside the loops (it is traced in the compiled method).</summary>
    public const string ArgumentRead = "argument-read";

    /// <summary>A size read from the data, used where a size must be known when tracing (no bound can be derived).</summary>
    public const string UnboundedSize = "unbounded-size";

    /// <summary>A list of pieces whose sizes depend on the data, used other than by <c>Tensor.Concat(list, axis)</c> with a static axis.</summary>
    public const string BoundedCollected = "bounded-collected";

    /// <summary>A range with a traced bound that cannot be a dynamic slice (from the end, mixed with indices).</summary>
    public const string UnslicedRange = "unsliced-range";

    /// <summary>A tensor whose size depends on the data, used where its whole shape must be known (its shape read whole, a carry).</summary>
    public const string BoundedShape = "bounded-shape";

    /// <summary>A <c>switch</c> on a number the compiled code computes, in a form no chain of selects or conds expresses.</summary>
    public const string UnliftedSwitch = "unlifted-switch";

    /// <summary>The condition of a loop lifted as a while writes a variable (<c>while (++i &lt; n)</c>).</summary>
    public const string ConditionWrites = "condition-writes";

    /// <summary>A tensor turned into text (interpolation, <c>ToString()</c>, string concatenation) in a compiled method.</summary>
    public const string TensorAsText = "tensor-as-text";

    // ---- Notes: the method compiles; the analyzers report information (the generator ignores notes). ----

    /// <summary>A lifted loop whose trip count is known only at run time (while semantics, no gradient).</summary>
    public const string DynamicTripCount = "dynamic-trip-count";

    /// <summary>A static primitive parameter that only feeds trip counts (each new value recompiles).</summary>
    public const string RecompilesPerValue = "recompiles-per-value";

    /// <summary>A <c>foreach</c> over a C# collection, run (unrolled) when the method is traced.</summary>
    public const string UnrolledForeach = "unrolled-foreach";
}
