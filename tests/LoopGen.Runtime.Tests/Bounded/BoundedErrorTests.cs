namespace LoopGen.Tests.Bounded;

/// <summary>Where a data-dependent size cannot be honoured, a clear exception: never the padded size, never padding read.</summary>
public sealed class BoundedErrorTests
{
    private static readonly Tensor X = Tensor.From(Enumerable.Range(0, 20).Select(i => (float)i).ToArray(), 2, 10);

    private static Exception TraceError(Func<Tensor, Tensor, Tensor, Tensor> fn) =>
        Assert.ThrowsAny<Exception>(() => Jit.Compile(fn).Invoke(X, Tensor.Scalar(2), Tensor.Scalar(6)));

    [Fact]
    public void Shape_of_a_bounded_axis_throws_and_names_SizeOf()
    {
        var e = TraceError((x, a, b) => Tensor.Scalar(Tensor.SliceDynamic(x, 1, a, b).Shape[1]));
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("Shape[1]", e.Message);
        Assert.Contains("Tensor.SizeOf(x, 1)", e.Message);
    }

    [Fact]
    public void Shape_of_a_static_axis_of_a_bounded_tensor_is_its_size()
    {
        var f = Jit.Compile((Tensor x, Tensor a, Tensor b) => Tensor.Scalar(Tensor.SliceDynamic(x, 1, a, b).Shape[0]));
        Assert.Equal(2, f.Invoke(X, Tensor.Scalar(2), Tensor.Scalar(6)).Item<int>());
    }

    [Fact]
    public void A_reduction_over_a_bounded_axis_names_the_op_the_axis_and_the_line()
    {
        var e = TraceError((x, a, b) => Tensor.SliceDynamic(x, 1, a, b).Sum(1));
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("reduce: axis 1", e.Message);
        Assert.Contains("BoundedErrorTests.cs:", e.Message);
    }

    [Fact]
    public void A_matmul_contracting_a_bounded_axis_names_the_op()
    {
        var e = TraceError((x, a, b) => Tensor.SliceDynamic(x, 1, a, b).MatMul(Tensor.Ones(DType.F32, 10, 3)));
        Assert.IsType<TensorShapeException>(e);
    }

    [Fact]
    public void A_reshape_across_a_bounded_axis_names_the_op_and_the_line()
    {
        var e = TraceError((x, a, b) => Tensor.SliceDynamic(x, 1, a, b).Reshape(-1));
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("reshape", e.Message);
        Assert.Contains("BoundedErrorTests.cs:", e.Message);
    }

    [Fact]
    public void A_bounded_tensor_combined_with_a_static_one_of_the_padded_size_is_an_error()
    {
        var e = TraceError((x, a, b) => Tensor.SliceDynamic(x, 1, a, b) + x);
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("axis 1", e.Message);
    }

    [Fact]
    public void A_bounded_loop_carry_names_the_loop_and_the_carry()
    {
        var e = TraceError((x, a, b) => Loop.Fori(0, 3, (i, c) => c, Tensor.SliceDynamic(x, 1, a, b), names: ["window"]));
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("Loop.Fori at BoundedErrorTests.cs:", e.Message);
        Assert.Contains("'window'", e.Message);
        Assert.Contains("Loop.ForConcat", e.Message);
    }

    [Fact]
    public void A_piece_bounded_off_its_concatenation_axis_is_an_error()
    {
        var e = TraceError((x, a, b) => Loop.ForConcat(0, 3, k => [Tensor.SliceDynamic(x, 1, a, b)], [0], ["piece"])[0]);
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("'piece'", e.Message);
        Assert.Contains("axis 1", e.Message);
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(4, 11)]
    [InlineData(5, 4)]
    public void Eager_ranges_out_of_bounds_throw_like_the_range_indexer(int start, int end)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.SliceDynamic(X, 1, Tensor.Scalar(start), Tensor.Scalar(end)));
        Assert.Contains($"range {start}..{end} is out of bounds for axis 1 of size 10", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => X[.., start..end]); // the indexer agrees
    }

    [Fact]
    public void An_eager_window_longer_than_max_length_throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.SliceDynamic(X, 1, Tensor.Scalar(1), Tensor.Scalar(6), maxLength: 3));
        Assert.Contains("maxLength 3", e.Message);
    }

    [Fact]
    public void Traced_positions_out_of_range_are_clamped_and_a_window_past_max_length_is_cut()
    {
        // The documented rule (docs/bounded-sizes.md): the eager call throws for these; the compiled one clamps as XLA does.
        var f = Jit.Compile((Tensor x, Tensor a, Tensor b) => Tensor.SliceDynamic(x, 1, a, b, maxLength: 4));
        Assert.Equal(X[.., 8..10].ToArray<float>(), f.Invoke(X, Tensor.Scalar(8), Tensor.Scalar(30)).ToArray<float>());
        Assert.Equal(X[.., 0..3].ToArray<float>(), f.Invoke(X, Tensor.Scalar(-5), Tensor.Scalar(3)).ToArray<float>());
        Assert.Equal(X[.., 1..5].ToArray<float>(), f.Invoke(X, Tensor.Scalar(1), Tensor.Scalar(9)).ToArray<float>());
    }

    [Fact]
    public void A_bounded_branch_result_names_the_value()
    {
        var e = TraceError((x, a, b) => Loop.Cond(a > 1, () => Tensor.SliceDynamic(x, 1, a, b), () => Tensor.SliceDynamic(x, 1, b, a)));
        Assert.IsType<TensorShapeException>(e);
        Assert.Contains("depends on the data", e.Message);
    }

    [Fact]
    public void The_vjp_of_a_bounded_output_is_a_gradient_exception()
    {
        var vjp = Jit.Vjp((Tensor x, Tensor a) => Tensor.SliceDynamic(x, 1, a, a + 2));
        var e = Assert.Throws<GradientException>(() => vjp.Invoke(X, Tensor.Scalar(1), Tensor.Ones(DType.F32, 2, 2)));
        Assert.Contains("depends on the data", e.Message);
    }
}
