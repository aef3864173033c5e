using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>Shape and dtype errors: raised at call time with the op, the argument and the shapes in the message, before any op is emitted.</summary>
public class ShapeErrorTests
{
    private static T ThrowsWhileTracing<T>(Func<Tensor[], object> act, params (DType, int[])[] inputs)
        where T : Exception
    {
        T? ex = null;
        var block = Trace(() =>
        {
            var args = inputs.Select(i => Param(i.Item1, i.Item2)).ToArray();
            ex = Assert.Throws<T>(() => act(args));
        });
        Assert.Empty(block.Operations); // checks run before any op is emitted
        return ex!;
    }

    [Fact]
    public void Binary_op_with_incompatible_shapes_names_op_shapes_and_dimension()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => a[0] + a[1], (DType.F32, [3, 4]), (DType.F32, [5]));
        Assert.Equal("Add: shapes f32[3,4] and f32[5] do not broadcast (dimension 1: 4 vs 5)", ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
    }

    [Theory]
    [InlineData("Subtract")]
    [InlineData("Multiply")]
    [InlineData("Divide")]
    [InlineData("Less")]
    [InlineData("Maximum")]
    public void Every_binary_op_names_itself(string name)
    {
        Func<Tensor, Tensor, Tensor> f = name switch
        {
            "Subtract" => (a, b) => a - b,
            "Multiply" => (a, b) => a * b,
            "Divide" => (a, b) => a / b,
            "Less" => (a, b) => a < b,
            _ => Tensor.Maximum,
        };
        var ex = ThrowsWhileTracing<TensorShapeException>(a => f(a[0], a[1]), (DType.S32, [2, 3]), (DType.F32, [4, 1, 2]));
        Assert.StartsWith($"{name}: shapes s32[2,3] and f32[4,1,2] do not broadcast", ex.Message);
    }

    [Fact]
    public void Where_with_bad_condition_dtype_and_shapes()
    {
        var ex = ThrowsWhileTracing<ArgumentException>(a => Tensor.Where(a[0], a[1], a[1]), (DType.F32, [3]), (DType.F32, [3]));
        Assert.Contains("Where: condition must be a pred tensor, got f32[3]", ex.Message);
        var ex2 = ThrowsWhileTracing<TensorShapeException>(a => Tensor.Where(a[0], a[1], a[2]), (DType.Pred, [2]), (DType.F32, [3]), (DType.F32, [3]));
        Assert.StartsWith("Where: shapes", ex2.Message);
    }

    [Fact]
    public void Reshape_to_wrong_element_count()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => a[0].Reshape(4, 2), (DType.F32, [2, 3]));
        Assert.Equal("Reshape: cannot reshape f32[2,3] (6 elements) into [4,2] (8 elements)", ex.Message);
        var ex2 = ThrowsWhileTracing<TensorShapeException>(a => a[0].Reshape(4, -1), (DType.F32, [2, 3]));
        Assert.Equal("Reshape: cannot reshape f32[2,3] (6 elements) into [4,-1]", ex2.Message);
        var ex3 = ThrowsWhileTracing<TensorShapeException>(a => a[0].Reshape(-1, -1), (DType.F32, [2, 3]));
        Assert.Contains("more than one -1", ex3.Message);
    }

    [Fact]
    public void Concat_with_mismatched_shapes()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => Tensor.Concat([a[0], a[1]], axis: 1), (DType.F32, [2, 3]), (DType.F32, [4, 3]));
        Assert.Equal("Concat: tensor 1 has type f32[4,3], which does not match tensor 0 (f32[2,3]) on the axes other than axis 1", ex.Message);
        var ex2 = ThrowsWhileTracing<TensorShapeException>(a => Tensor.Stack([a[0], a[1]]), (DType.F32, [2, 3]), (DType.F32, [3, 2]));
        Assert.Contains("Stack: tensor 1 has type f32[3,2], tensor 0 has f32[2,3]", ex2.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Concat([]));
    }

    [Fact]
    public void Bad_axis_names_op_axis_and_type()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => a[0].Sum(2), (DType.F32, [3, 4]));
        Assert.Equal("Sum: axes 2 is out of range for f32[3,4] (valid: -2..1)", ex.Message);
        var ex2 = ThrowsWhileTracing<TensorShapeException>(a => a[0].ExpandDims(-4), (DType.F32, [3, 4]));
        Assert.Equal("ExpandDims: axis -4 is out of range for f32[3,4] (valid: -3..2)", ex2.Message);
        var ex3 = ThrowsWhileTracing<TensorShapeException>(a => Tensor.Concat([a[0], a[0]], 2), (DType.F32, [3, 4]));
        Assert.StartsWith("Concat: axis 2 is out of range for f32[3,4]", ex3.Message);
        var ex4 = ThrowsWhileTracing<TensorShapeException>(a => a[0].Transpose(0, 0), (DType.F32, [3, 4]));
        Assert.Contains("Transpose: permutation (0, 0) is not a permutation", ex4.Message);
        var ex5 = ThrowsWhileTracing<TensorShapeException>(a => a[0].Squeeze(1), (DType.F32, [3, 4]));
        Assert.Equal("Squeeze: axis 1 of f32[3,4] has size 4, not 1", ex5.Message);
        var ex6 = ThrowsWhileTracing<TensorShapeException>(a => a[0].Max(0, 0), (DType.F32, [3, 4]));
        Assert.Contains("name axis 0 twice", ex6.Message);
    }

    [Fact]
    public void BroadcastTo_incompatible()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => a[0].BroadcastTo(3, 2), (DType.F32, [3]));
        Assert.Equal("BroadcastTo: f32[3] does not broadcast to [3,2]", ex.Message);
    }

    [Fact]
    public void MatMul_mismatch_names_shapes()
    {
        var ex = ThrowsWhileTracing<TensorShapeException>(a => Tensor.MatMul(a[0], a[1]), (DType.F32, [2, 3]), (DType.F32, [4, 5]));
        Assert.Equal("MatMul: shapes f32[2,3] and f32[4,5] do not match for contraction (3 vs 4)", ex.Message);
        var ex2 = ThrowsWhileTracing<TensorShapeException>(a => Tensor.MatMul(a[0], a[1]), (DType.F32, [2, 2, 3]), (DType.F32, [3, 3, 4]));
        Assert.Equal("MatMul: batch dimensions of f32[2,2,3] and f32[3,3,4] do not broadcast ([2] vs [3])", ex2.Message);
        var ex3 = ThrowsWhileTracing<TensorShapeException>(a => Tensor.MatMul(a[0], a[1]), (DType.F32, []), (DType.F32, [3]));
        Assert.Contains("at least 1-d", ex3.Message);
    }

    [Fact]
    public void Index_errors_name_axis_index_and_size()
    {
        var ex = ThrowsWhileTracing<ArgumentOutOfRangeException>(a => a[0][3], (DType.F32, [3, 4]));
        Assert.Contains("Index: index 3 is out of range for axis 0 of size 3 (tensor f32[3,4])", ex.Message);
        var ex2 = ThrowsWhileTracing<ArgumentOutOfRangeException>(a => a[0][1, ^5], (DType.F32, [3, 4]));
        Assert.Contains("index ^5 is out of range for axis 1 of size 4", ex2.Message);
        var ex3 = ThrowsWhileTracing<ArgumentOutOfRangeException>(a => a[0][.., 2..6], (DType.F32, [3, 4]));
        Assert.Contains("range 2..6 is out of bounds for axis 1 of size 4", ex3.Message);
        var ex4 = ThrowsWhileTracing<TensorShapeException>(a => a[0][0, 0, 0], (DType.F32, [3, 4]));
        Assert.Contains("3 indices for the rank-2 tensor f32[3,4]", ex4.Message);
        var ex5 = ThrowsWhileTracing<ArgumentException>(a => a[0][a[1]], (DType.F32, [3, 4]), (DType.F32, []));
        Assert.Contains("must be a 0-d integer tensor, got f32[]", ex5.Message);
        var ex6 = ThrowsWhileTracing<ArgumentOutOfRangeException>(a => a[0][-4], (DType.F32, [3]));
        Assert.Contains("index ^4 is out of range for axis 0 of size 3", ex6.Message);
    }

    [Fact]
    public void Dtype_errors()
    {
        Assert.Contains("Add: not defined for pred operands", ThrowsWhileTracing<ArgumentException>(a => a[0] + a[0], (DType.Pred, [2])).Message);
        Assert.Contains("And: needs pred or integer operands", ThrowsWhileTracing<ArgumentException>(a => a[0] & a[0], (DType.F32, [2])).Message);
        Assert.Contains("'!' needs a pred tensor", ThrowsWhileTracing<ArgumentException>(a => !a[0], (DType.S32, [2])).Message);
        Assert.Contains("'~' needs an integer or pred tensor", ThrowsWhileTracing<ArgumentException>(a => ~a[0], (DType.F32, [2])).Message);
    }
}
