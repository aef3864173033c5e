using LoopGen.Ir;
using LoopGen.Tracing;
using Xunit.Abstractions;
using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// Gradients through a <c>switch</c> on a traced number inside a rolled loop, in the three forms it reaches the
/// module: the chain of selects a switch expression becomes (nested <c>Tensor.Where</c>, arms tested in order), the
/// chain of <c>stablehlo.if</c> a switch statement becomes (nested <c>Loop.Cond</c>), and one
/// <c>stablehlo.case</c> on an integer index (an index out of range takes the last branch). Each against central
/// finite differences in f64 (seed printed) and against the same loop traced unrolled.
/// </summary>
public sealed class SwitchGradTests(ITestOutputHelper output)
{
    private const int Trips = 8;

    private readonly GradCheck _check = new(output);

    // The arms, over the carry x and parameters p[0..2]; bounded or mildly growing, so finite differences stay resolved.
    private static Tensor A(Tensor x, Tensor[] p) => (x * p[0]).Sin();

    private static Tensor B(Tensor x, Tensor[] p) => (x * x * p[1]).Tanh() + 0.5;

    private static Tensor C(Tensor x, Tensor[] p) => (x * p[2]).Tanh() + p[0].Cos();

    private static Tensor D(Tensor x, Tensor[] p) => ((x - p[1]) * p[2]).Sin() * 0.8;

    // The subject runs through -1, 0, 1, 2 as the counter goes, so every arm is taken (twice in 8 iterations).
    private static Tensor Subject(Tensor i) => (i % 4) - 1;

    /// <summary><c>s switch { 0 => A, 1 => B, &lt; 0 => C, _ => D }</c> as the generator lowers it: nested selects.</summary>
    private static Tensor SwitchExpression(Tensor[] p, int unroll) =>
        Loop.Fori(0, Trips, (i, x) =>
        {
            var s = Subject(i);
            return Tensor.Where(s == 0, A(x, p), Tensor.Where(s == 1, B(x, p), Tensor.Where(s < 0, C(x, p), D(x, p))));
        }, p[3], unroll: unroll).Square().Sum();

    /// <summary>The same switch as a statement (<c>case 0: … break;</c> sections, <c>default</c> last): nested conds.</summary>
    private static Tensor SwitchStatement(Tensor[] p, int unroll) =>
        Loop.Fori(0, Trips, (i, x) =>
        {
            var s = Subject(i);
            return Loop.Cond(s == 0, () => A(x, p), () => Loop.Cond(s == 1, () => B(x, p), () => Loop.Cond(s < 0, () => C(x, p), () => D(x, p))));
        }, p[3], unroll: unroll).Square().Sum();

    /// <summary>One <c>stablehlo.case</c> on i % 5 with four branches: index 4 is out of range and takes the last.</summary>
    private static Tensor SwitchCase(Tensor[] p, int unroll) =>
        Loop.Fori(0, Trips, (i, x) => Case(i % 5, () => A(x, p), () => B(x, p), () => C(x, p), () => D(x, p)), p[3], unroll: unroll).Square().Sum();

    [Fact]
    public void A_switch_expression_inside_a_rolled_loop_matches_finite_differences_and_the_unrolled_gradient()
    {
        var inputs = Inputs();
        var rolled = _check.Check("switch expression in fori", p => SwitchExpression(p, unroll: 1), inputs);
        AssertSameAsUnrolled(rolled, p => SwitchExpression(p, unroll: Trips), inputs);
        var module = Jit.Grad((Tensor[] p) => SwitchExpression(p, unroll: 1)).Lower(inputs).Module;
        Assert.Equal(2, module.CountOperations(IrOps.While));
        Assert.True(module.CountOperations(IrOps.Select) >= 6, "the selects are in the forward and the backward loop");
    }

    [Fact]
    public void A_switch_statement_inside_a_rolled_loop_matches_finite_differences_and_the_unrolled_gradient()
    {
        var inputs = Inputs();
        var rolled = _check.Check("switch statement in fori", p => SwitchStatement(p, unroll: 1), inputs);
        AssertSameAsUnrolled(rolled, p => SwitchStatement(p, unroll: Trips), inputs);
        var module = Jit.Grad((Tensor[] p) => SwitchStatement(p, unroll: 1)).Lower(inputs).Module;
        Assert.Equal(2, module.CountOperations(IrOps.While));
        Assert.True(module.CountOperations(IrOps.If) >= 6, "three nested ifs forward and three backward");
    }

    [Fact]
    public void A_case_on_a_traced_index_inside_a_rolled_loop_matches_finite_differences_and_the_unrolled_gradient()
    {
        var inputs = Inputs();
        var rolled = _check.Check("case in fori", p => SwitchCase(p, unroll: 1), inputs);
        AssertSameAsUnrolled(rolled, p => SwitchCase(p, unroll: Trips), inputs);
        var module = Jit.Grad((Tensor[] p) => SwitchCase(p, unroll: 1)).Lower(inputs).Module;
        Assert.Equal(2, module.CountOperations(IrOps.While));
        Assert.True(module.CountOperations(IrOps.Case) >= 2, "a case in the forward and one in the backward loop");

        // The branch an index picks, against the plain arms evaluated on the host: the out-of-range index 4 takes D.
        var x = inputs[3];
        for (int k = 0; k < 6; k++)
        {
            int index = k;
            var f = Jit.Compile((Tensor[] q) => Case(Tensor.Scalar(index), () => A(q[3], q), () => B(q[3], q), () => C(q[3], q), () => D(q[3], q)), $"case_{k}");
            Func<Tensor, Tensor[], Tensor> expected = k switch { 0 => A, 1 => B, 2 => C, _ => D };
            GradCheck.AssertClose(Eager(() => expected(x, inputs)), f.Invoke(inputs), 1e-15, $"index {k}");
        }
    }

    private Tensor[] Inputs() => [_check.Tensor(4), _check.Tensor(4), _check.Tensor(4), _check.Tensor(4)];

    private static void AssertSameAsUnrolled(Tensor[] rolled, Func<Tensor[], Tensor> unrolledLoss, Tensor[] inputs)
    {
        var unrolled = Jit.Grad((Tensor[] p) => unrolledLoss(p)).Invoke(inputs);
        Assert.Equal(0, Jit.Grad((Tensor[] p) => unrolledLoss(p)).Lower(inputs).WhileCount);
        for (int k = 0; k < rolled.Length; k++) GradCheck.AssertClose(unrolled[k], rolled[k], 1e-12, $"input{k}");
    }

    // An arm run eagerly, op by op outside any trace: the reference for the branch a case picks.
    private static Tensor Eager(Func<Tensor> arm) => arm();

    /// <summary>
    /// <c>stablehlo.case</c> on a 0-d integer index with one branch per function, traced as the loop API traces
    /// <c>Loop.Cond</c>'s branches (regions that read outer values directly). The tracer has no public switch of its
    /// own; this builds the op a lowering to <c>case</c> would emit.
    /// </summary>
    private static Tensor Case(Tensor index, params Func<Tensor>[] branches)
    {
        var outer = TraceScope.Current;
        if (outer is null)
        {
            long i = index.Item<int>();
            return branches[i < 0 || i >= branches.Length ? ^1 : (int)i]();
        }
        var selector = outer.Use(index);
        var blocks = new Block[branches.Length];
        TensorType? type = null;
        for (int b = 0; b < branches.Length; b++)
        {
            var block = new Block();
            var scope = TraceScope.OpenRegion(ScopeKind.Branch, block);
            try
            {
                var result = branches[b]();
                type ??= result.Type;
                Assert.Equal(type, result.Type);
                block.Operations.Add(new Operation(IrOps.Return, [scope.Use(result)], Array.Empty<TensorType>()));
            }
            finally
            {
                scope.Close();
            }
            blocks[b] = block;
        }
        var op = new Operation(IrOps.Case, [selector], [type!], null, blocks);
        outer.Append(op, weak: false);
        return outer.Wrap(op.Results[0], false);
    }
}
