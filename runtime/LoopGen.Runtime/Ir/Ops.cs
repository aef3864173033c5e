namespace LoopGen.Ir;

/// <summary>
/// The op catalogue: every operation name LoopGen traces, prints, parses and interprets, with its operands,
/// attributes and regions. Semantics follow the StableHLO specification; where the spec leaves a choice, the
/// note here is the contract the interpreter and the tracer share.
/// </summary>
public static class Ops
{
    // ---- Leaves ---------------------------------------------------------------------------------------------
    /// <summary><c>constant</c>: no operands; attr <c>value</c>: <see cref="DenseAttr"/>.</summary>
    public const string Constant = "stablehlo.constant";

    /// <summary><c>iota</c>: no operands; attr <c>iota_dimension</c>: <see cref="IntAttr"/>. result[i…] = index along that dimension.</summary>
    public const string Iota = "stablehlo.iota";

    // ---- Elementwise binary: (lhs, rhs) of one type → that type -------------------------------------------
    /// <summary>Elementwise sum.</summary>
    public const string Add = "stablehlo.add";

    /// <summary>Elementwise difference.</summary>
    public const string Subtract = "stablehlo.subtract";

    /// <summary>Elementwise product.</summary>
    public const string Multiply = "stablehlo.multiply";

    /// <summary>Elementwise quotient; integers truncate toward zero, x/0 = -1, INT_MIN/-1 = INT_MIN (XLA).</summary>
    public const string Divide = "stablehlo.divide";

    /// <summary>Elementwise remainder with the dividend's sign (C# %); integer x%0 = x (XLA).</summary>
    public const string Remainder = "stablehlo.remainder";

    /// <summary>Elementwise maximum (NaN propagates).</summary>
    public const string Maximum = "stablehlo.maximum";

    /// <summary>Elementwise minimum (NaN propagates).</summary>
    public const string Minimum = "stablehlo.minimum";

    /// <summary>Elementwise power.</summary>
    public const string Power = "stablehlo.power";

    /// <summary>Elementwise atan2(lhs, rhs).</summary>
    public const string Atan2 = "stablehlo.atan2";

    /// <summary>Logical (pred) or bitwise (integer) and.</summary>
    public const string And = "stablehlo.and";

    /// <summary>Logical (pred) or bitwise (integer) or.</summary>
    public const string Or = "stablehlo.or";

    /// <summary>Logical (pred) or bitwise (integer) xor.</summary>
    public const string Xor = "stablehlo.xor";

    // ---- Elementwise unary: (operand) → same type -----------------------------------------------------------
    /// <summary>-x.</summary>
    public const string Negate = "stablehlo.negate";

    /// <summary>|x|.</summary>
    public const string Abs = "stablehlo.abs";

    /// <summary>e^x.</summary>
    public const string Exp = "stablehlo.exponential";

    /// <summary>e^x - 1.</summary>
    public const string Expm1 = "stablehlo.exponential_minus_one";

    /// <summary>Natural log.</summary>
    public const string Log = "stablehlo.log";

    /// <summary>log(1 + x).</summary>
    public const string Log1p = "stablehlo.log_plus_one";

    /// <summary>1 / (1 + e^-x).</summary>
    public const string Logistic = "stablehlo.logistic";

    /// <summary>tanh.</summary>
    public const string Tanh = "stablehlo.tanh";

    /// <summary>Square root.</summary>
    public const string Sqrt = "stablehlo.sqrt";

    /// <summary>1 / sqrt(x).</summary>
    public const string Rsqrt = "stablehlo.rsqrt";

    /// <summary>sin.</summary>
    public const string Sine = "stablehlo.sine";

    /// <summary>cos.</summary>
    public const string Cosine = "stablehlo.cosine";

    /// <summary>Floor (floats).</summary>
    public const string Floor = "stablehlo.floor";

    /// <summary>Ceiling (floats).</summary>
    public const string Ceil = "stablehlo.ceil";

    /// <summary>Round half to even (floats).</summary>
    public const string RoundNearestEven = "stablehlo.round_nearest_even";

    /// <summary>Sign: -1, 0 or 1 (NaN stays NaN).</summary>
    public const string Sign = "stablehlo.sign";

    /// <summary>Logical (pred) or bitwise (integer) not.</summary>
    public const string Not = "stablehlo.not";

    // ---- Other elementwise ----------------------------------------------------------------------------------
    /// <summary>(lhs, rhs) → pred of the same shape; attrs <c>comparison_direction</c>: <see cref="ComparisonDirectionAttr"/>, optional <c>compare_type</c>.</summary>
    public const string Compare = "stablehlo.compare";

    /// <summary>(pred, on_true, on_false) → on_true's type; pred has the result's shape or is 0-d.</summary>
    public const string Select = "stablehlo.select";

    /// <summary>(min, operand, max) → operand's type; min/max have the operand's shape or are 0-d.</summary>
    public const string Clamp = "stablehlo.clamp";

    /// <summary>(operand) → same shape, the result's dtype. Float→int truncates toward zero; →pred is x != 0.</summary>
    public const string Convert = "stablehlo.convert";

    // ---- Shape ----------------------------------------------------------------------------------------------
    /// <summary>(operand) → result shape; attr <c>broadcast_dimensions</c>: <see cref="I64ArrayAttr"/> mapping operand dim i to result dim; operand dims are 1 or equal.</summary>
    public const string BroadcastInDim = "stablehlo.broadcast_in_dim";

    /// <summary>(operand) → the result's shape, same element count, row-major order kept.</summary>
    public const string Reshape = "stablehlo.reshape";

    /// <summary>(operand) → permuted; attr <c>permutation</c>: <see cref="I64ArrayAttr"/> (result dim i = operand dim permutation[i]).</summary>
    public const string Transpose = "stablehlo.transpose";

    /// <summary>(operand) → reversed along attr <c>dimensions</c>: <see cref="I64ArrayAttr"/>.</summary>
    public const string Reverse = "stablehlo.reverse";

    /// <summary>(operand) → static slice; attrs <c>start_indices</c>, <c>limit_indices</c>, <c>strides</c>: <see cref="I64ArrayAttr"/>.</summary>
    public const string Slice = "stablehlo.slice";

    /// <summary>(operand, start_0, …, start_{r-1}: 0-d integers) → slice of attr <c>slice_sizes</c>; starts are clamped into range (spec).</summary>
    public const string DynamicSlice = "stablehlo.dynamic_slice";

    /// <summary>(operand, update, start_0, …): operand with update written at the (clamped) starts.</summary>
    public const string DynamicUpdateSlice = "stablehlo.dynamic_update_slice";

    /// <summary>(inputs…) → joined along attr <c>dimension</c>: <see cref="IntAttr"/>.</summary>
    public const string Concatenate = "stablehlo.concatenate";

    /// <summary>(operand, padding_value: 0-d) with attrs <c>edge_padding_low</c>, <c>edge_padding_high</c>, <c>interior_padding</c>: <see cref="I64ArrayAttr"/> (non-negative).</summary>
    public const string Pad = "stablehlo.pad";

    // ---- Linear algebra and reductions -----------------------------------------------------------------------
    /// <summary>(lhs, rhs) with attr <c>dot_dimension_numbers</c>: <see cref="DotDimensionsAttr"/>. Result dims: batch, lhs free, rhs free.</summary>
    public const string DotGeneral = "stablehlo.dot_general";

    /// <summary>
    /// (inputs…, init_values…) with attr <c>dimensions</c>: <see cref="I64ArrayAttr"/>, one region whose block takes
    /// 2N 0-d arguments (accumulators then elements) and returns N 0-d values. Result dims: the input's dims not reduced.
    /// </summary>
    public const string Reduce = "stablehlo.reduce";

    // ---- Control flow ---------------------------------------------------------------------------------------
    /// <summary>
    /// (operands…) → same types. Regions: cond (args = carries, returns one 0-d pred) then body (args = carries,
    /// returns new carries of the same types). Zero iterations return the operands.
    /// </summary>
    public const string While = "stablehlo.while";

    /// <summary>(pred: 0-d) → results; regions: true branch then false branch, each returning the results. Branches may use values defined above.</summary>
    public const string If = "stablehlo.if";

    /// <summary>(index: 0-d s32) → results; one region per branch; an index out of range runs the last branch (spec).</summary>
    public const string Case = "stablehlo.case";

    /// <summary>Terminator of a region: returns its operands to the parent op.</summary>
    public const string Return = "stablehlo.return";

    /// <summary>Terminator of a function.</summary>
    public const string FuncReturn = "func.return";

    /// <summary>Names of elementwise binary ops (operands and result share one type).</summary>
    public static readonly IReadOnlySet<string> ElementwiseBinary = new HashSet<string>
    {
        Add, Subtract, Multiply, Divide, Remainder, Maximum, Minimum, Power, Atan2, And, Or, Xor,
    };

    /// <summary>Names of elementwise unary ops (operand and result share one type).</summary>
    public static readonly IReadOnlySet<string> ElementwiseUnary = new HashSet<string>
    {
        Negate, Abs, Exp, Expm1, Log, Log1p, Logistic, Tanh, Sqrt, Rsqrt, Sine, Cosine, Floor, Ceil, RoundNearestEven, Sign, Not,
    };
}
