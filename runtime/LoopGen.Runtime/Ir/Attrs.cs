using System.Collections.Immutable;

namespace LoopGen.Ir;

/// <summary>An attribute value on an operation. Records, so attributes compare by value.</summary>
public abstract record Attr;

/// <summary>A named attribute, as in <c>{dimension = 0 : i64}</c>.</summary>
public sealed record NamedAttr(string Name, Attr Value);

/// <summary>An integer attribute, <c>0 : i64</c>.</summary>
public sealed record IntAttr(long Value, DType Type = DType.S64) : Attr;

/// <summary>A dense i64 array, <c>array&lt;i64: 1, 0&gt;</c> (dimensions, permutations, slice bounds).</summary>
public sealed record I64ArrayAttr(ImmutableArray<long> Values) : Attr
{
    /// <summary>Creates the attribute from values.</summary>
    public static I64ArrayAttr Of(params IEnumerable<long> values) => new([.. values]);

    /// <summary>Creates the attribute from int values.</summary>
    public static I64ArrayAttr Of(params IEnumerable<int> values) => new([.. values.Select(v => (long)v)]);

    /// <inheritdoc/>
    public bool Equals(I64ArrayAttr? other) => other is not null && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => Values.Aggregate(17, (h, v) => h * 31 + v.GetHashCode());
}

/// <summary>
/// Dense elements of a constant, <c>dense&lt;[1.0, 2.0]&gt; : tensor&lt;2xf32&gt;</c>. <see cref="Data"/> is a
/// row-major CLR array of the type's element type (<c>float[]</c> for f32, <c>bool[]</c> for pred, …) with
/// exactly <c>Type.Shape.ElementCount</c> elements, or one element for a splat.
/// </summary>
public sealed record DenseAttr(TensorType Type, Array Data) : Attr
{
    /// <summary>True when <see cref="Data"/> holds one element repeated over the whole shape.</summary>
    public bool IsSplat => Data.Length == 1 && Type.Shape.ElementCount != 1;

    /// <inheritdoc/>
    public bool Equals(DenseAttr? other)
    {
        if (other is null || other.Type != Type || other.Data.Length != Data.Length) return false;
        for (int i = 0; i < Data.Length; i++)
        {
            if (!Equals(Data.GetValue(i), other.Data.GetValue(i))) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Type, Data.Length);
}

/// <summary>The direction of a <c>stablehlo.compare</c>: <c>#stablehlo&lt;comparison_direction LT&gt;</c>.</summary>
public sealed record ComparisonDirectionAttr(ComparisonDirection Direction) : Attr;

/// <summary>Comparison directions of <c>stablehlo.compare</c>.</summary>
public enum ComparisonDirection
{
    /// <summary>Equal.</summary>
    EQ,
    /// <summary>Not equal.</summary>
    NE,
    /// <summary>Less than.</summary>
    LT,
    /// <summary>Less or equal.</summary>
    LE,
    /// <summary>Greater than.</summary>
    GT,
    /// <summary>Greater or equal.</summary>
    GE,
}

/// <summary>The comparison type of <c>stablehlo.compare</c>: <c>#stablehlo&lt;comparison_type FLOAT&gt;</c>.</summary>
public sealed record ComparisonTypeAttr(string Type) : Attr;

/// <summary>
/// Dimension numbers of <c>stablehlo.dot_general</c>:
/// <c>#stablehlo.dot&lt;lhs_batching_dimensions = [0], rhs_batching_dimensions = [0], lhs_contracting_dimensions = [2], rhs_contracting_dimensions = [1]&gt;</c>
/// (empty lists are left out when printed).
/// </summary>
public sealed record DotDimensionsAttr(
    ImmutableArray<long> LhsBatching,
    ImmutableArray<long> RhsBatching,
    ImmutableArray<long> LhsContracting,
    ImmutableArray<long> RhsContracting) : Attr
{
    /// <inheritdoc/>
    public bool Equals(DotDimensionsAttr? other) =>
        other is not null
        && LhsBatching.AsSpan().SequenceEqual(other.LhsBatching.AsSpan())
        && RhsBatching.AsSpan().SequenceEqual(other.RhsBatching.AsSpan())
        && LhsContracting.AsSpan().SequenceEqual(other.LhsContracting.AsSpan())
        && RhsContracting.AsSpan().SequenceEqual(other.RhsContracting.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(LhsBatching.Length, RhsBatching.Length, LhsContracting.Length, RhsContracting.Length);
}

/// <summary>A string attribute, <c>"text"</c>.</summary>
public sealed record StringAttr(string Value) : Attr;

/// <summary>A boolean attribute, <c>true</c> / <c>false</c>.</summary>
public sealed record BoolAttr(bool Value) : Attr;

/// <summary>Any other attribute, kept as its source text so a parse → print round trip preserves it.</summary>
public sealed record OpaqueAttr(string Text) : Attr;
