namespace LoopGen.Analyzers;

/// <summary>The diagnostic ids, shared with the code fixes. Stable: users name them in <c>.editorconfig</c>.</summary>
internal static class DiagnosticIds
{
    public const string MethodCannotBeCompiled = "LG0001";
    public const string TypeNotPartial = "LG0002";
    public const string UnsupportedStatement = "LG0003";
    public const string UntraceableCall = "LG0004";
    public const string OutsideStateWritten = "LG0005";
    public const string CarryShapeVaries = "LG0006";
    public const string CarryTypeVaries = "LG0007";
    public const string UnsupportedCarry = "LG0008";
    public const string TracedNumberAsValue = "LG0009";
    public const string CollectedNeedsStaticTripCount = "LG0010";
    public const string CollectedOutputMisused = "LG0011";
    public const string DynamicTripCount = "LG0012";
    public const string RecompilesPerValue = "LG0013";
    public const string HostRead = "LG0014";
    public const string UnrolledForeach = "LG0015";
    public const string UnliftedSwitch = "LG0016";
    public const string ConditionWrites = "LG0017";
    public const string ArgumentRead = "LG0018";
    public const string UnboundedSize = "LG0020";
    public const string BoundedCollected = "LG0021";
    public const string UnslicedRange = "LG0022";
    public const string BoundedShape = "LG0023";
    public const string TensorAsText = "LG0024";
    public const string InternalError = LoopGen.Generator.Model.InternalErrors.Id;
}
