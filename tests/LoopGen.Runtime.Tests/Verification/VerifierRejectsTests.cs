using LoopGen.Ir;
using LoopGen.Ir.Verification;
using LoopGen.Tests.Interpreter;
using static LoopGen.Tests.Interpreter.IrBuilder;

namespace LoopGen.Tests.Verification;

/// <summary>
/// Hand-built modules that break one StableHLO rule each (one or more per constraint family): the verifier must
/// reject every one, naming the op, where it is, the spec's constraint and the shapes. A verifier that passed
/// everything would fail here.
/// </summary>
public sealed class VerifierRejectsTests
{
    private static IrVerificationException Rejects(Module m, string op, string constraint, params string[] mentions)
    {
        var e = Assert.Throws<IrVerificationException>(() => IrVerifier.Verify(m));
        Assert.Equal(op, e.OpName);
        Assert.Equal(constraint, e.Constraint);
        Assert.Contains("@main", e.Message);
        foreach (var s in mentions) Assert.Contains(s, e.Message);
        return e;
    }

    [Fact]
    public void Binary_operands_of_two_shapes()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var y = b.Arg(DType.F32, 3);
        var e = Rejects(b.Module(b.Op(Ops.Add, x.Type, x, y)), Ops.Add, "add C1", "tensor<2xf32>", "tensor<3xf32>");
        Assert.Contains("op 0", e.Location);
    }

    [Fact]
    public void Unary_float_op_on_integers() =>
        RejectsUnary(Ops.Exp, T(DType.S32, 4), "exponential I1", "floating-point");

    [Fact]
    public void Logical_op_on_floats()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        Rejects(b.Module(b.Binary(Ops.And, x, x)), Ops.And, "and I1", "boolean or integer", "tensor<2xf32>");
    }

    private static void RejectsUnary(string op, TensorType t, string constraint, string mention)
    {
        var b = new IrBuilder();
        var x = b.Arg(t);
        Rejects(b.Module(b.Op(op, t, x)), op, constraint, mention, t.ToMlir());
    }

    [Fact]
    public void Compare_whose_result_is_not_i1()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var r = b.Op(Ops.Compare, x.Type, [x, x], A("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.LT)));
        Rejects(b.Module(r), Ops.Compare, "compare O1", "i1");
    }

    [Fact]
    public void Compare_type_that_does_not_fit_the_element_type()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.S32, 2);
        var r = b.Op(Ops.Compare, T(DType.Pred, 2), [x, x], A("comparison_direction", new ComparisonDirectionAttr(ComparisonDirection.LT)), A("compare_type", new ComparisonTypeAttr("FLOAT")));
        Rejects(b.Module(r), Ops.Compare, "compare C3", "SIGNED", "FLOAT");
    }

    [Fact]
    public void Compare_without_a_direction()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        Rejects(b.Module(b.Op(Ops.Compare, T(DType.Pred, 2), x, x)), Ops.Compare, "compare attributes", "comparison_direction");
    }

    [Fact]
    public void Select_with_a_predicate_of_another_shape()
    {
        var b = new IrBuilder();
        var p = b.Arg(DType.Pred, 3);
        var x = b.Arg(DType.F32, 2);
        Rejects(b.Module(b.Op(Ops.Select, x.Type, p, x, x)), Ops.Select, "select C1", "tensor<3xi1>");
    }

    [Fact]
    public void Broadcast_of_a_dimension_that_is_neither_1_nor_equal()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 3);
        var r = b.Op(Ops.BroadcastInDim, T(DType.F32, 2, 4), [x], Ints("broadcast_dimensions", 1));
        Rejects(b.Module(r), Ops.BroadcastInDim, "broadcast_in_dim C5", "3 vs 4", "tensor<2x4xf32>");
    }

    [Fact]
    public void Broadcast_with_repeated_dimensions()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 1, 1);
        var r = b.Op(Ops.BroadcastInDim, T(DType.F32, 2, 4), [x], Ints("broadcast_dimensions", 1, 1));
        Rejects(b.Module(r), Ops.BroadcastInDim, "broadcast_in_dim C4", "[1, 1]");
    }

    [Fact]
    public void Broadcast_that_permutes_dimensions_is_legal()
    {
        // The spec asks for unique broadcast_dimensions, not increasing ones.
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 3, 2);
        IrVerifier.Verify(b.Module(b.Op(Ops.BroadcastInDim, T(DType.F32, 2, 5, 3), [x], Ints("broadcast_dimensions", 2, 0))));
    }

    [Fact]
    public void Dot_general_with_contracting_dimensions_of_two_sizes()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var y = b.Arg(DType.F32, 4, 5);
        var r = b.Op(Ops.DotGeneral, T(DType.F32, 2, 5), [x, y], A("dot_dimension_numbers", new DotDimensionsAttr([], [], [1], [0])));
        Rejects(b.Module(r), Ops.DotGeneral, "dot_general C10", "tensor<2x3xf32>", "tensor<4x5xf32>");
    }

    [Fact]
    public void Dot_general_with_the_wrong_result_shape()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var y = b.Arg(DType.F32, 3, 5);
        var r = b.Op(Ops.DotGeneral, T(DType.F32, 5, 2), [x, y], A("dot_dimension_numbers", new DotDimensionsAttr([], [], [1], [0])));
        Rejects(b.Module(r), Ops.DotGeneral, "dot_general C12", "[2, 5]");
    }

    [Fact]
    public void Reduce_whose_body_takes_the_wrong_types()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var init = b.Scalar(0f);
        var body = Region(T(DType.F64), T(DType.F64));
        body.Return(body.Binary(Ops.Add, body[0], body[1]));
        var r = b.Emit(Ops.Reduce, [x, init], [T(DType.F32, 2)], [Ints("dimensions", 1)], [body.Block]).Results[0];
        Rejects(b.Module(r), Ops.Reduce, "reduce C6", "tensor<f32>", "tensor<f64>");
    }

    [Fact]
    public void Reduce_whose_result_keeps_the_reduced_dimension()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var init = b.Scalar(0f);
        var body = Region(T(DType.F32), T(DType.F32));
        body.Return(body.Binary(Ops.Add, body[0], body[1]));
        var r = b.Emit(Ops.Reduce, [x, init], [T(DType.F32, 3)], [Ints("dimensions", 1)], [body.Block]).Results[0];
        Rejects(b.Module(r), Ops.Reduce, "reduce C7", "[2]");
    }

    private static (IrBuilder Cond, IrBuilder Body) Loop(TensorType carry)
    {
        var cond = Region(carry);
        var body = Region(carry);
        return (cond, body);
    }

    [Fact]
    public void While_whose_cond_returns_a_non_scalar()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var (cond, body) = Loop(x.Type);
        cond.Return(cond.Compare(ComparisonDirection.LT, cond[0], cond[0]));
        body.Return(body[0]);
        var r = b.Emit(Ops.While, [x], [x.Type], null, [cond.Block, body.Block]).Results[0];
        var e = Rejects(b.Module(r), Ops.While, "while C1", "tensor<i1>", "tensor<2xi1>");
        Assert.Contains("stablehlo.while", e.Location);
    }

    [Fact]
    public void While_whose_body_returns_another_type()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var (cond, body) = Loop(x.Type);
        var zero = cond.Scalar(0f);
        cond.Return(cond.Compare(ComparisonDirection.LT, zero, zero));
        body.Return(body.Op(Ops.Convert, T(DType.F64, 2), body[0]));
        var r = b.Emit(Ops.While, [x], [x.Type], null, [cond.Block, body.Block]).Results[0];
        Rejects(b.Module(r), Ops.While, "while C2", "tensor<2xf64>", "tensor<2xf32>");
    }

    [Fact]
    public void While_whose_body_takes_fewer_arguments_than_its_operands()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var i = b.Arg(DType.S32);
        var cond = Region(x.Type, i.Type);
        cond.Return(cond.Compare(ComparisonDirection.LT, cond[1], cond[1]));
        var body = Region(x.Type);
        body.Return(body[0]);
        var r = b.Emit(Ops.While, [x, i], [x.Type, i.Type], null, [cond.Block, body.Block]).Results[0];
        Rejects(b.Module(r), Ops.While, "while C2", "(tensor<2xf32>, tensor<i32>)");
    }

    [Fact]
    public void If_whose_branches_return_different_types()
    {
        var b = new IrBuilder();
        var p = b.Arg(DType.Pred);
        var x = b.Arg(DType.F32, 2);
        var t = new IrBuilder();
        t.Return(x);
        var f = new IrBuilder();
        f.Return(f.Op(Ops.Convert, T(DType.S32, 2), x));
        var r = b.Emit(Ops.If, [p], [x.Type], null, [t.Block, f.Block]).Results[0];
        Rejects(b.Module(r), Ops.If, "if C2", "tensor<2xi32>", "tensor<2xf32>");
    }

    [Fact]
    public void Case_with_an_s64_index()
    {
        var b = new IrBuilder();
        var i = b.Arg(DType.S64);
        var x = b.Arg(DType.F32, 2);
        var br = new IrBuilder();
        br.Return(x);
        var r = b.Emit(Ops.Case, [i], [x.Type], null, [br.Block]).Results[0];
        Rejects(b.Module(r), Ops.Case, "case I1", "tensor<i64>");
    }

    [Fact]
    public void Dynamic_slice_with_a_float_start_index()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 5);
        var s = b.Arg(DType.F32);
        var r = b.Op(Ops.DynamicSlice, T(DType.F32, 2), [x, s], Ints("slice_sizes", 2));
        Rejects(b.Module(r), Ops.DynamicSlice, "dynamic_slice I3", "tensor<f32>");
    }

    [Fact]
    public void Dynamic_slice_with_starts_of_two_types()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 5, 4);
        var s = b.Arg(DType.S32);
        var t = b.Arg(DType.S64);
        var r = b.Op(Ops.DynamicSlice, T(DType.F32, 2, 2), [x, s, t], Ints("slice_sizes", 2, 2));
        Rejects(b.Module(r), Ops.DynamicSlice, "dynamic_slice C3", "tensor<i32>", "tensor<i64>");
    }

    [Fact]
    public void Dynamic_slice_larger_than_its_operand()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 5);
        var s = b.Arg(DType.S32);
        var r = b.Op(Ops.DynamicSlice, T(DType.F32, 6), [x, s], Ints("slice_sizes", 6));
        Rejects(b.Module(r), Ops.DynamicSlice, "dynamic_slice C4", "[6]");
    }

    [Fact]
    public void Dynamic_update_slice_with_an_update_larger_than_the_operand()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 3);
        var u = b.Arg(DType.F32, 4);
        var s = b.Arg(DType.S32);
        Rejects(b.Module(b.Op(Ops.DynamicUpdateSlice, x.Type, x, u, s)), Ops.DynamicUpdateSlice, "dynamic_update_slice C6", "tensor<4xf32>");
    }

    [Fact]
    public void Slice_past_the_end()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 4);
        var r = b.Op(Ops.Slice, T(DType.F32, 3), [x], Ints("start_indices", 2), Ints("limit_indices", 5), Ints("strides", 1));
        Rejects(b.Module(r), Ops.Slice, "slice C3", "2, 5, 4");
    }

    [Fact]
    public void Concatenate_of_mismatched_other_dimensions()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var y = b.Arg(DType.F32, 3, 3);
        var r = b.Op(Ops.Concatenate, T(DType.F32, 2, 6), [x, y], Int("dimension", 1));
        Rejects(b.Module(r), Ops.Concatenate, "concatenate C2", "tensor<3x3xf32>");
    }

    [Fact]
    public void Pad_with_the_wrong_result_shape()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 3);
        var v = b.Scalar(0f);
        var r = b.Op(Ops.Pad, T(DType.F32, 6), [x, v], Ints("edge_padding_low", 1), Ints("edge_padding_high", 1), Ints("interior_padding", 1));
        Rejects(b.Module(r), Ops.Pad, "pad C4", "[7]");
    }

    [Fact]
    public void Transpose_by_a_non_permutation()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        var r = b.Op(Ops.Transpose, T(DType.F32, 3, 3), [x], Ints("permutation", 1, 1));
        Rejects(b.Module(r), Ops.Transpose, "transpose C2", "[1, 1]");
    }

    [Fact]
    public void Reshape_that_changes_the_element_count()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2, 3);
        Rejects(b.Module(b.Op(Ops.Reshape, T(DType.F32, 7), x)), Ops.Reshape, "reshape C2", "6 vs 7");
    }

    [Fact]
    public void Iota_along_a_missing_dimension()
    {
        var b = new IrBuilder();
        var r = b.Op(Ops.Iota, T(DType.S32, 4), [], Int("iota_dimension", 1));
        Rejects(b.Module(r), Ops.Iota, "iota C1", "iota_dimension = 1");
    }

    [Fact]
    public void Constant_whose_value_has_another_type()
    {
        var b = new IrBuilder();
        var r = b.Op(Ops.Constant, T(DType.F32, 2), [], A("value", new DenseAttr(T(DType.F32, 3), new float[3])));
        Rejects(b.Module(r), Ops.Constant, "constant C1", "tensor<3xf32>");
    }

    [Fact]
    public void Func_return_that_does_not_match_the_signature()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        b.Block.Operations.Add(new Operation(Ops.FuncReturn, [x], Array.Empty<TensorType>()));
        var m = new Module("test", [new Function("main", b.Block, [T(DType.F64, 2)])]);
        Rejects(m, Ops.FuncReturn, "func.return", "tensor<2xf32>", "tensor<2xf64>");
    }

    [Fact]
    public void Use_of_a_value_before_its_definition()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var later = new Operation(Ops.Negate, [x], [x.Type]);
        b.Block.Operations.Add(new Operation(Ops.Add, [x, later.Results[0]], [x.Type]));
        b.Block.Operations.Add(later);
        var e = Rejects(b.Module(b.Block.Operations[0].Results[0]), Ops.Add, "dominance", "operand 1");
        Assert.Contains("op 0", e.Location);
    }

    [Fact]
    public void Use_of_a_value_defined_inside_another_region()
    {
        var b = new IrBuilder();
        var p = b.Arg(DType.Pred);
        var x = b.Arg(DType.F32, 2);
        var t = new IrBuilder();
        var inner = t.Op(Ops.Negate, x.Type, x);
        t.Return(inner);
        var f = new IrBuilder();
        f.Return(inner); // a value of the other branch
        var r = b.Emit(Ops.If, [p], [x.Type], null, [t.Block, f.Block]).Results[0];
        var e = Rejects(b.Module(r), Ops.Return, "dominance");
        Assert.Contains("false_branch", e.Location);
    }

    [Fact]
    public void Region_without_a_terminator()
    {
        var b = new IrBuilder();
        var p = b.Arg(DType.Pred);
        var x = b.Arg(DType.F32, 2);
        var t = new IrBuilder();
        t.Return(x);
        var f = new IrBuilder();
        f.Op(Ops.Negate, x.Type, x);
        var r = b.Emit(Ops.If, [p], [x.Type], null, [t.Block, f.Block]).Results[0];
        Rejects(b.Module(r), Ops.If, "terminator", "stablehlo.return");
    }

    [Fact]
    public void Function_ending_in_a_region_return()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        b.Block.Operations.Add(new Operation(Ops.Return, [x], Array.Empty<TensorType>()));
        var m = new Module("test", [new Function("main", b.Block, [x.Type])]);
        Rejects(m, Ops.Return, "terminator", "func.return");
    }

    [Fact]
    public void Unknown_op()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        Rejects(b.Module(b.Op("stablehlo.fft", x.Type, x)), "stablehlo.fft", "unknown op", "catalogue");
    }

    [Fact]
    public void Value_defined_twice()
    {
        var b = new IrBuilder();
        var x = b.Arg(DType.F32, 2);
        var neg = new Operation(Ops.Negate, [x], [x.Type]);
        b.Block.Operations.Add(neg);
        b.Block.Operations.Add(neg);
        Rejects(b.Module(neg.Results[0]), Ops.Negate, "single definition", "defined twice");
    }

    [Fact]
    public void Eager_op_is_checked_on_its_own()
    {
        var x = new Value(T(DType.F32, 2));
        var y = new Value(T(DType.F32, 3));
        var e = Assert.Throws<IrVerificationException>(() => IrVerifier.Verify(new Operation(Ops.Add, [x, y], [x.Type])));
        Assert.Equal("add C1", e.Constraint);
        IrVerifier.Verify(new Operation(Ops.Add, [x, x], [x.Type]));
    }
}
