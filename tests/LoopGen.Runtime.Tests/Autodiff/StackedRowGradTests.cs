using LoopGen.Ir;
using Xunit.Abstractions;
using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Autodiff;

/// <summary>
/// The scan_layers pattern: a loop reading row i of a stacked input (<c>ws[i]</c>) each iteration. Its backward loop
/// writes row i of the stacked gradient directly (no earlier backward iteration touched it) instead of reading the
/// row back and adding; where another read of the input could have touched that row, the read-add-write stays. Every case against finite differences and the unrolled gradient.
/// </summary>
public sealed class StackedRowGradTests(ITestOutputHelper output)
{
    private const int Layers = 5;
    private const int Width = 3;

    private readonly GradCheck _check = new(output);

    // h ← h + tanh(h · ws[row(i)]) over the layers, then mean(h²), as the samples app's LayerStack (in f64).
    private static Tensor Stack(Tensor[] p, Func<Tensor, Tensor> row, int unroll, bool useAfter = false)
    {
        var ws = p[0];
        var h = Loop.Fori(0, Layers, (i, c) => c + Tensor.MatMul(c, ws[row(i)]).Tanh(), p[1], unroll: unroll);
        var loss = (h * h).Mean();
        return useAfter ? loss + (ws * ws).Sum() * 0.1 : loss;
    }

    private Tensor[] Inputs() => [_check.Uniform(-0.6, 0.6, Layers, Width, Width), _check.Tensor(2, Width)];

    [Fact]
    public void Row_i_of_a_stacked_weight_gets_its_gradient_written_not_added()
    {
        var inputs = Inputs();
        var rolled = _check.Check("ws[i]", p => Stack(p, i => i, unroll: 1), inputs);
        AssertSameAsUnrolled(rolled, p => Stack(p, i => i, unroll: Layers), inputs);
        Assert.Equal(0, RowAdds(Jit.Grad((Tensor[] p) => Stack(p, i => i, unroll: 1)).Lower(inputs).Module));
    }

    [Fact]
    public void Other_row_reads_keep_the_read_add_write_and_a_use_after_the_loop_does_not_need_it()
    {
        var inputs = Inputs();
        // Row L − 1 − i as well as row i: iteration j also adds to a row a later backward iteration writes.
        Tensor TwoRows(Tensor[] p, int unroll)
        {
            var ws = p[0];
            var h = Loop.Fori(0, Layers, (i, c) => c + Tensor.MatMul(c, ws[i]).Tanh() + Tensor.MatMul(c, ws[(Layers - 1) - i]) * 0.3, p[1], unroll: unroll);
            return (h * h).Mean();
        }
        var cases = new (string Name, Func<Tensor[], int, Tensor> Loss, bool Written)[]
        {
            ("ws[i] and ws[L-1-i]", TwoRows, false),
            // Only the row reads at the counter itself are recognised: a reversed index keeps the general form.
            ("ws[L-1-i]", (p, u) => Stack(p, i => (Layers - 1) - i, u), false),
            // ws itself (not the loop's pass-through of it) is used after the loop: its cotangent is added outside.
            ("ws used after the loop", (p, u) => Stack(p, i => i, u, useAfter: true), true),
        };
        foreach (var (name, loss, written) in cases)
        {
            var rolled = _check.Check(name, p => loss(p, 1), inputs);
            AssertSameAsUnrolled(rolled, p => loss(p, Layers), inputs);
            Assert.Equal(written, RowAdds(Jit.Grad((Tensor[] p) => loss(p, 1)).Lower(inputs).Module) == 0);
        }
    }

    private static void AssertSameAsUnrolled(Tensor[] rolled, Func<Tensor[], Tensor> unrolledLoss, Tensor[] inputs)
    {
        var unrolled = Jit.Grad((Tensor[] p) => unrolledLoss(p)).Invoke(inputs);
        for (int k = 0; k < rolled.Length; k++) GradCheck.AssertClose(unrolled[k], rolled[k], 1e-12, $"input{k}");
    }

    // Adds of one [1, W, W] row inside loop bodies: the read-add-write of a row of the stacked gradient.
    private static int RowAdds(Module module)
    {
        var row = new TensorType(DType.F64, new Shape(1, Width, Width));
        int Count(Block b, bool inLoop) => b.Operations.Sum(o =>
            (inLoop && o.Name == IrOps.Add && o.Results[0].Type == row ? 1 : 0) + o.Regions.Sum(r => Count(r, inLoop || o.Name == IrOps.While)));
        return Count(module.Main.Body, false);
    }
}
