namespace LoopGen.Tests.Loops;

/// <summary>Bad loops fail with messages that name the carry, both types and the loop's source line.</summary>
public sealed class LoopErrorTests
{
    [Fact]
    public void A_carry_that_grows_is_a_carry_exception_naming_both_shapes_and_the_line()
    {
        var x = Tensor.Zeros(DType.F32, 3);
        int line = 0;
        var e = Assert.Throws<LoopCarryException>(() =>
        {
            line = Line(); Loop.Fori(0, 4, (i, acc) => Tensor.Concat([acc, acc]), x);
        });
        Assert.Equal("init", e.CarryName);
        Assert.Equal("f32[3]", e.Expected);
        Assert.Equal("f32[6]", e.Actual);
        Assert.Equal(line, e.Line);
        Assert.Contains("Loop.Fori at LoopErrorTests.cs:" + line, e.Message);
        Assert.Contains("enters as f32[3] and the body returns f32[6]", e.Message);
        Assert.Contains("cannot grow or shrink", e.Message);
    }

    [Fact]
    public void A_carry_that_changes_dtype_is_a_carry_exception()
    {
        var e = Assert.Throws<LoopCarryException>(() =>
            Loop.While(c => c.Item1 < 3, c => (c.Item1 + 1, c.Item2.Cast(DType.F64)), (Tensor.Scalar(0), Tensor.Zeros(DType.F32, 2)), names: ["i", "acc"]));
        Assert.Equal("acc", e.CarryName);
        Assert.Equal(1, e.CarryIndex);
        Assert.Contains("carry 'acc' (carry 2 of 2)", e.Message);
        Assert.Contains("enters as f32[2] and the body returns f64[2]", e.Message);
        Assert.Contains("Cast", e.Message);
    }

    [Fact]
    public void Carry_paths_name_tuple_items()
    {
        var e = Assert.Throws<LoopCarryException>(() =>
            Loop.Fori(0, 2, (i, c) => (c.Item1, c.Item2.Reshape(1, 4)), (Tensor.Scalar(1f), Tensor.Zeros(DType.F32, 4))));
        Assert.Equal("init.Item2", e.CarryName);
        Assert.Contains("f32[4]", e.Message);
        Assert.Contains("f32[1,4]", e.Message);
    }

    [Fact]
    public void A_carry_changing_inside_a_compiled_function_is_reported_at_trace_time()
    {
        var f = Jit.Compile((Tensor x) => Loop.Scan((Tensor c, Tensor r) => (c.Sum(), r), x, x));
        var e = Assert.Throws<LoopCarryException>(() => f.Invoke(Tensor.Zeros(DType.F32, 2, 2)));
        Assert.Contains("Loop.Scan", e.Message);
        Assert.Equal("f32[2,2]", e.Expected);
        Assert.Equal("f32[]", e.Actual);
    }

    [Fact]
    public void A_condition_that_is_not_a_scalar_pred_is_rejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Loop.While(x => x, x => x + 1f, Tensor.Zeros(DType.F32, 3)));
        Assert.Contains("condition must return a 0-d pred tensor", e.Message);
        Assert.Contains("f32[3]", e.Message);
    }

    [Fact]
    public void A_csharp_primitive_carry_is_explained()
    {
        var e = Assert.Throws<NotSupportedException>(() => Loop.Fori(0, 3, (i, c) => (c.Item1 + 1, c.Item2 + 1), ((Tensor)Tensor.Scalar(0), 5)));
        Assert.Contains("'init.Item2' is a C# Int32", e.Message);
        Assert.Contains("Make it a Tensor", e.Message);
    }

    [Fact]
    public void A_traced_condition_in_csharp_control_flow_is_explained()
    {
        var f = Jit.Compile((Tensor x) =>
        {
            while (x > 0) x = x - 1;
            return x;
        });
        var e = Assert.Throws<InvalidOperationException>(() => f.Invoke(Tensor.Scalar(3)));
        Assert.Contains("traced tensor was used as a C# condition", e.Message);
        Assert.Contains("Loop.While", e.Message);
    }

    [Fact]
    public void A_tensor_leaked_from_a_loop_body_is_explained()
    {
        Tensor? leaked = null;
        var f = Jit.Compile((Tensor x) =>
        {
            var r = Loop.Fori(0, 2, (i, c) =>
            {
                leaked = c * 2;
                return c + 1;
            }, x);
            return r + leaked!;
        });
        var e = Assert.Throws<InvalidOperationException>(() => f.Invoke(Tensor.Scalar(1f)));
        Assert.Contains("used outside the loop body", e.Message);
    }

    [Fact]
    public void Reading_a_traced_value_is_explained()
    {
        var f = Jit.Compile((Tensor x) => Tensor.Scalar(x.Item<float>()));
        var e = Assert.Throws<InvalidOperationException>(() => f.Invoke(Tensor.Scalar(1f)));
        Assert.Contains("traced tensor", e.Message);
        Assert.Contains("f32[]", e.Message);
    }

    [Fact]
    public void Unroll_must_be_positive_and_bounds_integral()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Loop.Fori(0, 3, (i, c) => c, Tensor.Scalar(0), unroll: 0));
        var e = Assert.Throws<ArgumentException>(() => Loop.Fori(Tensor.Scalar(0f), Tensor.Scalar(3), (i, c) => c, Tensor.Scalar(0)));
        Assert.Contains("lower bound must be a 0-d s32 or s64 tensor; it is f32[]", e.Message);
    }

    private static int Line([System.Runtime.CompilerServices.CallerLineNumber] int line = 0) => line;
}
