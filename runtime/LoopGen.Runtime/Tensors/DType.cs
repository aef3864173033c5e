namespace LoopGen;

/// <summary>The element type of a <see cref="Tensor"/>. Names follow XLA (<c>f32</c>, <c>s32</c>, <c>pred</c>).</summary>
public enum DType
{
    /// <summary>Boolean; <c>i1</c> in StableHLO.</summary>
    Pred,
    /// <summary>32-bit signed integer; <c>i32</c> in StableHLO.</summary>
    S32,
    /// <summary>64-bit signed integer; <c>i64</c> in StableHLO.</summary>
    S64,
    /// <summary>16-bit IEEE float (reserved: printed and parsed, no interpreter kernels yet).</summary>
    F16,
    /// <summary>bfloat16 (reserved: printed and parsed, no interpreter kernels yet).</summary>
    BF16,
    /// <summary>32-bit IEEE float.</summary>
    F32,
    /// <summary>64-bit IEEE float.</summary>
    F64,
}

/// <summary>Facts about <see cref="DType"/> values: names, sizes, CLR types and promotion.</summary>
public static class DTypes
{
    /// <summary>The XLA short name: <c>f32</c>, <c>s32</c>, <c>pred</c>, ….</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Pred => "pred",
        DType.S32 => "s32",
        DType.S64 => "s64",
        DType.F16 => "f16",
        DType.BF16 => "bf16",
        DType.F32 => "f32",
        DType.F64 => "f64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The MLIR element type: <c>f32</c>, <c>i32</c>, <c>i1</c>, ….</summary>
    public static string MlirName(this DType dtype) => dtype switch
    {
        DType.Pred => "i1",
        DType.S32 => "i32",
        DType.S64 => "i64",
        DType.F16 => "f16",
        DType.BF16 => "bf16",
        DType.F32 => "f32",
        DType.F64 => "f64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>Parses an MLIR element type name (<c>f32</c>, <c>i32</c>, <c>i1</c>, …).</summary>
    public static bool TryParseMlir(string name, out DType dtype)
    {
        switch (name)
        {
            case "i1": dtype = DType.Pred; return true;
            case "i32": dtype = DType.S32; return true;
            case "i64": dtype = DType.S64; return true;
            case "f16": dtype = DType.F16; return true;
            case "bf16": dtype = DType.BF16; return true;
            case "f32": dtype = DType.F32; return true;
            case "f64": dtype = DType.F64; return true;
            default: dtype = default; return false;
        }
    }

    /// <summary>Size of one element in bytes (pred is stored as one byte).</summary>
    public static int ByteSize(this DType dtype) => dtype switch
    {
        DType.Pred => 1,
        DType.F16 or DType.BF16 => 2,
        DType.S32 or DType.F32 => 4,
        DType.S64 or DType.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>True for f16, bf16, f32, f64.</summary>
    public static bool IsFloat(this DType dtype) => dtype is DType.F16 or DType.BF16 or DType.F32 or DType.F64;

    /// <summary>True for s32, s64.</summary>
    public static bool IsInteger(this DType dtype) => dtype is DType.S32 or DType.S64;

    /// <summary>The CLR element type that holds this dtype on the host (<c>float</c> for f32, <c>bool</c> for pred, …).</summary>
    public static Type ClrType(this DType dtype) => dtype switch
    {
        DType.Pred => typeof(bool),
        DType.S32 => typeof(int),
        DType.S64 => typeof(long),
        DType.F16 => typeof(Half),
        DType.F32 => typeof(float),
        DType.F64 => typeof(double),
        _ => throw new NotSupportedException($"dtype {dtype.Name()} has no host representation yet"),
    };

    /// <summary>The dtype whose host element type is <typeparamref name="T"/>.</summary>
    public static DType Of<T>() => FromClr(typeof(T));

    /// <summary>The dtype whose host element type is <paramref name="type"/>.</summary>
    public static DType FromClr(Type type)
    {
        if (type == typeof(bool)) return DType.Pred;
        if (type == typeof(int)) return DType.S32;
        if (type == typeof(long)) return DType.S64;
        if (type == typeof(Half)) return DType.F16;
        if (type == typeof(float)) return DType.F32;
        if (type == typeof(double)) return DType.F64;
        throw new NotSupportedException($"no LoopGen dtype for element type {type.Name}; use bool, int, long, float or double");
    }

    // Promotion lattice, as in JAX: pred < ints < floats, wider wins within a kind.
    private static int Kind(DType d) => d == DType.Pred ? 0 : d.IsInteger() ? 1 : 2;

    private static int Rank(DType d) => d switch
    {
        DType.Pred => 0,
        DType.S32 => 1,
        DType.S64 => 2,
        DType.F16 => 3,
        DType.BF16 => 3,
        DType.F32 => 4,
        DType.F64 => 5,
        _ => 0,
    };

    /// <summary>
    /// The dtype of a binary operation on <paramref name="a"/> and <paramref name="b"/>. A weak operand (a C#
    /// literal converted implicitly) adopts the other operand's dtype unless its kind is higher, as in JAX.
    /// </summary>
    public static (DType DType, bool Weak) Promote(DType a, bool aWeak, DType b, bool bWeak)
    {
        if (a == b) return (a, aWeak && bWeak);
        if (aWeak && !bWeak) return Kind(a) <= Kind(b) ? (b, false) : (DefaultOfKind(Kind(a)), false);
        if (bWeak && !aWeak) return Kind(b) <= Kind(a) ? (a, false) : (DefaultOfKind(Kind(b)), false);
        if (a == DType.F16 && b == DType.BF16 || a == DType.BF16 && b == DType.F16) return (DType.F32, aWeak && bWeak);
        return (Rank(a) >= Rank(b) ? a : b, aWeak && bWeak);
    }

    private static DType DefaultOfKind(int kind) => kind switch
    {
        0 => DType.Pred,
        1 => DType.S32,
        _ => DType.F32,
    };
}
