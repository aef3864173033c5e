namespace LoopGen.Ir;

/// <summary>A ranked tensor type: element type and static shape. Printed <c>tensor&lt;2x3xf32&gt;</c>.</summary>
public sealed record TensorType(DType DType, Shape Shape)
{
    /// <summary>The static shape (a bounded tensor's padded shape: bounded-axis marks are dropped here).</summary>
    public Shape Shape { get; init; } = Shape.Plain;

    /// <summary>A 0-d tensor type.</summary>
    public static TensorType Scalar(DType dtype) => new(dtype, Shape.Scalar);

    /// <summary>The MLIR spelling, <c>tensor&lt;2x3xf32&gt;</c>.</summary>
    public string ToMlir() => $"tensor<{Shape.ToMlirPrefix()}{DType.MlirName()}>";

    /// <summary>The JAX-style spelling used in messages, <c>f32[2,3]</c>.</summary>
    public override string ToString() => DType.Name() + Shape;
}
