namespace LoopGen.Tests.Support;

/// <summary>A fact that needs <c>mlir-opt</c>; reported as skipped (never passed) when it is not installed.</summary>
internal sealed class MlirOptFactAttribute : FactAttribute
{
    /// <summary>The skip reason when mlir-opt is missing.</summary>
    public const string Missing = "mlir-opt not found (apt-get install mlir-19-tools)";

    public MlirOptFactAttribute()
    {
        if (MlirOpt.Path is null) Skip = Missing;
    }
}

/// <summary>A theory that needs <c>mlir-opt</c>; every case is reported as skipped when it is not installed.</summary>
internal sealed class MlirOptTheoryAttribute : TheoryAttribute
{
    public MlirOptTheoryAttribute()
    {
        if (MlirOpt.Path is null) Skip = MlirOptFactAttribute.Missing;
    }
}
