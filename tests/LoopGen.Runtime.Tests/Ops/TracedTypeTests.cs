using LoopGen.Ir;
using static LoopGen.Tests.TensorOps.OpsSupport;

namespace LoopGen.Tests.TensorOps;

/// <summary>
/// Traces each op on symbolic inputs and checks the result type and that every emitted op is well typed (no
/// backend involved): a trace never contains an ill-typed op.
/// </summary>
public class TracedTypeTests
{
    private static (Tensor Result, Block Block) TraceOne(Func<Tensor[], Tensor> f, params (DType, int[])[] inputs)
    {
        Tensor? result = null;
        var block = Trace(() => result = f([.. inputs.Select(i => Param(i.Item1, i.Item2))]));
        IrTypeCheck.Verify(block);
        Assert.True(result!.IsTraced);
        return (result, block);
    }

    private static void Expect(string type, Func<Tensor[], Tensor> f, params (DType, int[])[] inputs)
    {
        var (r, _) = TraceOne(f, inputs);
        Assert.Equal(type, r.Type.ToString());
    }

    [Fact]
    public void Binary_ops_promote_and_broadcast()
    {
        Expect("f32[3,4]", a => a[0] + a[1], (DType.F32, [3, 1]), (DType.F32, [4]));
        Expect("f32[3,4]", a => a[0] * a[1], (DType.S32, [3, 4]), (DType.F32, []));
        Expect("f64[2,3]", a => a[0] - a[1], (DType.F32, [2, 3]), (DType.F64, [2, 3]));
        Expect("s64[5]", a => a[0] / a[1], (DType.S32, [5]), (DType.S64, [1]));
        Expect("pred[2,0,3]", a => a[0] < a[1], (DType.F32, [2, 1, 3]), (DType.S32, [0, 1]));
        Expect("s32[4]", a => a[0] & a[1], (DType.S32, [4]), (DType.Pred, [4]));
        Expect("f32[4]", a => Tensor.Pow(a[0], a[1]), (DType.F32, [4]), (DType.S32, [4]));
        Expect("f32[4]", a => Tensor.Atan2(a[0], a[1]), (DType.S32, [4]), (DType.S32, [4]));
    }

    [Fact]
    public void Weak_literals_adopt_the_tensor_dtype()
    {
        Expect("f32[3]", a => a[0] + 1, (DType.F32, [3]));
        Expect("f32[3]", a => 2.5 * a[0], (DType.F32, [3]));
        Expect("s64[3]", a => a[0] - 1, (DType.S64, [3]));
        Expect("f32[3]", a => a[0] + 0.5, (DType.S32, [3])); // a float literal lifts ints to the default float
        Expect("pred[3]", a => a[0] > 0, (DType.F64, [3]));
        var (r, _) = TraceOne(a => a[0] + 1, (DType.F32, [3]));
        Assert.False(r.IsWeak);
    }

    [Fact]
    public void Compare_uses_the_comparison_type_of_the_promoted_dtype()
    {
        var (_, block) = TraceOne(a => a[0] <= a[1], (DType.S32, [2]), (DType.F32, [2]));
        var cmp = block.Operations.Single(o => o.Name == LoopGen.Ir.Ops.Compare);
        Assert.Equal(new ComparisonTypeAttr("FLOAT"), cmp.Attribute("compare_type"));
        Assert.Equal(new ComparisonDirectionAttr(ComparisonDirection.LE), cmp.Attribute("comparison_direction"));
        var (_, block2) = TraceOne(a => a[0] != a[1], (DType.S64, [2]), (DType.S32, [2]));
        Assert.Equal(new ComparisonTypeAttr("SIGNED"), block2.Operations.Single(o => o.Name == LoopGen.Ir.Ops.Compare).Attribute("compare_type"));
    }

    [Fact]
    public void Unary_math_types()
    {
        Expect("f32[2]", a => a[0].Exp(), (DType.S32, [2]));
        Expect("f64[2]", a => Tensor.Sigmoid(a[0]), (DType.F64, [2]));
        Expect("s32[2]", a => a[0].Abs() + a[0].Sign() + a[0].Floor(), (DType.S32, [2]));
        Expect("f32[0,3]", a => Tensor.Relu(a[0]).Square(), (DType.F32, [0, 3]));
        Expect("s64[2,3]", a => a[0].Clamp(-1, 1), (DType.S64, [2, 3]));
        Expect("f32[2,3]", a => Tensor.Where(a[0], a[1], 0), (DType.Pred, [3]), (DType.F32, [2, 1]));
        Expect("s32[4]", a => a[0].Cast(DType.S32), (DType.F32, [4]));
    }

    [Fact]
    public void Shaping_types()
    {
        Expect("f32[3,2]", a => a[0].Reshape(-1, 2), (DType.F32, [2, 3]));
        Expect("f32[4,2,3]", a => a[0].Transpose(2, 0, 1), (DType.F32, [2, 3, 4]));
        Expect("f32[4,3,2]", a => a[0].Transpose(), (DType.F32, [2, 3, 4]));
        Expect("f32[3,2]", a => a[0].T, (DType.F32, [2, 3]));
        Expect("f32[2,1,3]", a => a[0].ExpandDims(-2), (DType.F32, [2, 3]));
        Expect("f32[3]", a => a[0].Squeeze(), (DType.F32, [1, 3, 1]));
        Expect("f32[2,1,3]", a => a[0].BroadcastTo(2, 1, 3), (DType.F32, [1, 3]));
        Expect("f32[6]", a => a[0].Flatten(), (DType.F32, [2, 3]));
        Expect("f64[2,5]", a => Tensor.Concat([a[0], a[1]], -1), (DType.F32, [2, 3]), (DType.F64, [2, 2]));
        Expect("f32[2,3,2]", a => Tensor.Stack([a[0], a[1]], -1), (DType.F32, [2, 3]), (DType.F32, [2, 3]));
        Expect("s32[2,7]", a => a[0].Pad([1, 2], [0, 3], 9), (DType.S32, [1, 2]));
        Expect("f32[2,3]", a => a[0].Reverse(0, -1), (DType.F32, [2, 3]));
    }

    [Fact]
    public void Indexing_types()
    {
        Expect("f32[4]", a => a[0][1], (DType.F32, [3, 4]));
        Expect("f32[]", a => a[0][^1, 2], (DType.F32, [3, 4]));
        Expect("f32[2,4]", a => a[0][1..], (DType.F32, [3, 4]));
        Expect("f32[3,2]", a => a[0][.., 1..^1], (DType.F32, [3, 4]));
        Expect("f32[0,4]", a => a[0][2..2], (DType.F32, [3, 4]));
        Expect("f32[4]", a => a[0][a[1]], (DType.F32, [3, 4]), (DType.S32, []));
        Expect("f32[2]", a => a[0][a[1], 1..3], (DType.F32, [3, 4]), (DType.S64, []));
        Expect("f32[3,4]", a => a[0].SetAt(a[1], 1f), (DType.F32, [3, 4]), (DType.S32, []));
        Expect("f32[3,4]", a => a[0].SetAt(1, 1..3, a[1]), (DType.F32, [3, 4]), (DType.S32, [2]));
        Expect("f32[2,4]", a => Tensor.DynamicSlice(a[0], [a[1], 0], [2, 4]), (DType.F32, [3, 4]), (DType.S64, []));
        Expect("f32[3,4]", a => Tensor.DynamicUpdateSlice(a[0], a[1], [a[2], 0]), (DType.F32, [3, 4]), (DType.F32, [1, 4]), (DType.S32, []));
    }

    [Fact]
    public void Tensor_index_lowers_to_dynamic_slice()
    {
        var (_, block) = TraceOne(a => a[0][a[1]], (DType.F32, [3, 4]), (DType.S32, []));
        Assert.Equal(1, block.CountOperations(LoopGen.Ir.Ops.DynamicSlice));
        Assert.Equal(1, block.CountOperations(LoopGen.Ir.Ops.Reshape));
        var (_, block2) = TraceOne(a => a[0][1..2], (DType.F32, [3, 4]));
        Assert.Equal(1, block2.CountOperations(LoopGen.Ir.Ops.Slice));
        Assert.Equal(0, block2.CountOperations(LoopGen.Ir.Ops.DynamicSlice));
    }

    [Fact]
    public void Reduction_types()
    {
        Expect("f32[]", a => a[0].Sum(), (DType.F32, [3, 4]));
        Expect("f32[4]", a => a[0].Sum(0), (DType.F32, [3, 4]));
        Expect("f32[3,1]", a => a[0].Max(1, keepDims: true), (DType.F32, [3, 4]));
        Expect("s32[]", a => a[0].Sum(), (DType.Pred, [5]));
        Expect("f32[3]", a => a[0].Mean(-1), (DType.S32, [3, 4]));
        Expect("pred[4]", a => a[0].Any(0), (DType.F32, [3, 4]));
        Expect("s32[3]", a => a[0].ArgMax(1), (DType.F64, [3, 4]));
        Expect("s32[1,4]", a => a[0].ArgMin(0, keepDims: true), (DType.S64, [3, 4]));
        Expect("s64[]", a => a[0].Prod(), (DType.S64, []));
    }

    [Fact]
    public void MatMul_types()
    {
        Expect("f32[]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [3]), (DType.F32, [3]));
        Expect("f32[2,4]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [2, 3]), (DType.F32, [3, 4]));
        Expect("f32[4]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [3]), (DType.F32, [3, 4]));
        Expect("f64[2]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [2, 3]), (DType.F64, [3]));
        Expect("f32[5,2,4]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [5, 2, 3]), (DType.F32, [3, 4]));
        Expect("f32[6,5,2,4]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [5, 2, 3]), (DType.F32, [6, 1, 3, 4]));
        Expect("f32[5,4]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [3]), (DType.F32, [5, 3, 4]));
        Expect("f32[5,2]", a => Tensor.MatMul(a[0], a[1]), (DType.F32, [5, 2, 3]), (DType.F32, [3]));
        Expect("f32[2,5,4]", a => Tensor.Dot(a[0], a[1]), (DType.F32, [2, 3]), (DType.F32, [5, 3, 4]));
        Expect("f32[3,4]", a => Tensor.Outer(a[0], a[1]), (DType.F32, [3]), (DType.F32, [2, 2]));
    }

    [Fact]
    public void Creation_types()
    {
        Expect("f32[2,3]", _ => Tensor.Zeros(DType.F32, 2, 3));
        Expect("s64[4]", _ => Tensor.Ones<long>(4));
        Expect("pred[2]", _ => Tensor.Full(1, DType.Pred, 2));
        Expect("s32[5]", _ => Tensor.Arange(5));
        Expect("f32[2,3]", _ => Tensor.Iota(DType.F32, new Shape(2, 3), 1));
        var (_, block) = TraceOne(_ => Tensor.Zeros(DType.F32, 100, 100));
        Assert.All(block.Operations.Where(o => o.Name == LoopGen.Ir.Ops.Constant),
            o => Assert.Equal(0, o.Results[0].Type.Shape.Rank)); // a 0-d constant broadcast, not a dense 10k one
    }
}
