namespace LoopGen.Backends.Pjrt;

/// <summary>LoopGen dtypes as <c>PJRT_Buffer_Type</c> values (not xla_data.proto numbers: BF16 differs).</summary>
internal static class PjrtTypes
{
    public const int Pred = 1;
    public const int S32 = 4;
    public const int S64 = 5;
    public const int F16 = 10;
    public const int F32 = 11;
    public const int F64 = 12;
    public const int BF16 = 13;

    public static int ToPjrt(DType dtype) => dtype switch
    {
        DType.Pred => Pred,
        DType.S32 => S32,
        DType.S64 => S64,
        DType.F16 => F16,
        DType.F32 => F32,
        DType.F64 => F64,
        DType.BF16 => BF16,
        _ => throw new NotSupportedException($"dtype {dtype.Name()} has no PJRT buffer type"),
    };

    public static DType FromPjrt(int type) => type switch
    {
        Pred => DType.Pred,
        S32 => DType.S32,
        S64 => DType.S64,
        F16 => DType.F16,
        F32 => DType.F32,
        F64 => DType.F64,
        BF16 => DType.BF16,
        _ => throw new NotSupportedException($"PJRT buffer type {type} has no LoopGen dtype"),
    };
}
