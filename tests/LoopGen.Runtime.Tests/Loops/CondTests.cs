using LoopGen.Tests.Support;
using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Loops;

/// <summary>Loop.Cond (stablehlo.if), the Lifted helpers the generator emits, and foreach over a tensor.</summary>
public sealed class CondTests
{
    private static Tensor Branchy(Tensor x, Tensor t) =>
        Loop.Cond(x.Sum() > t, (x, t), s => s.x * 2f + s.t, s => s.x - 1f);

    [Fact]
    public void Cond_takes_the_right_branch_eagerly_and_compiled()
    {
        var f = Jit.Compile<Tensor, Tensor, Tensor>(Branchy);
        for (int round = 0; round < 6; round++)
        {
            var xs = Rand.Floats(4);
            var x = Tensor.From(xs, 4);
            var t = Tensor.Scalar(Rand.Floats(1)[0]);
            var tv = t.Item<float>();
            var expected = xs.Sum() > tv ? xs.Select(v => v * 2 + tv).ToArray() : xs.Select(v => v - 1).ToArray();
            LoopSemanticsTests.AssertClose(expected, Branchy(x, t).ToArray<float>());
            LoopSemanticsTests.AssertClose(expected, f.Invoke(x, t).ToArray<float>());
        }
        Assert.Equal(1, f.Lower(Tensor.Zeros(DType.F32, 4), Tensor.Scalar(0f)).Module.CountOperations(IrOps.If));
        Assert.Equal(1, f.CacheCount);
    }

    [Fact]
    public void Cond_inside_a_loop_body()
    {
        // Collatz-style: halve even values, else 3x+1, for a fixed number of steps.
        var f = Jit.Compile((Tensor v) => Loop.Fori(0, 12, (i, c) => Loop.Cond(c % 2 == 0, () => c / 2, () => c * 3 + 1), v));
        foreach (var start in new[] { 6, 7, 27 })
        {
            int c = start;
            for (int i = 0; i < 12; i++) c = c % 2 == 0 ? c / 2 : c * 3 + 1;
            Assert.Equal(c, f.Invoke(Tensor.Scalar(start)).Item<int>());
        }
    }

    [Fact]
    public void Branches_of_different_types_are_rejected_naming_the_output()
    {
        var f = Jit.Compile((Tensor x) => Loop.Cond(x.Sum() > 0, () => (x, x), () => (x, x.Sum())));
        var e = Assert.Throws<InvalidOperationException>(() => f.Invoke(Tensor.Zeros(DType.F32, 3)));
        Assert.Contains("'result.Item2' is f32[3] when the condition is true and f32[] when it is false", e.Message);
        Assert.Contains("CondTests.cs:", e.Message);
    }

    [Fact]
    public void Lifted_stack_and_concat_match_the_list_versions()
    {
        var rows = Enumerable.Range(0, 5).Select(_ => Tensor.From(Rand.Floats(6), 2, 3)).ToList();
        var stacked = Tensor.Stack(rows);
        for (int axis = 0; axis < 3; axis++)
        {
            Assert.Equal(Tensor.Stack(rows, axis).ToArray<float>(), Lifted.Stack(stacked, axis).ToArray<float>());
            Assert.Equal(Tensor.Stack(rows, axis).Shape, Lifted.Stack(stacked, axis).Shape);
        }
        for (int axis = 0; axis < 2; axis++)
        {
            Assert.Equal(Tensor.Concat(rows, axis).ToArray<float>(), Lifted.Concat(stacked, axis).ToArray<float>());
            Assert.Equal(Tensor.Concat(rows, axis).Shape, Lifted.Concat(stacked, axis).Shape);
        }
    }

    [Fact]
    public void Lifted_as_gives_the_csharp_type()
    {
        Assert.Equal(DType.F32, Lifted.As<float>(0).DType);
        Assert.Equal(DType.F64, Lifted.As<double>(Tensor.Scalar(3)).DType);
        Assert.Equal(3.0, Lifted.As<double>(Tensor.Scalar(3)).Item<double>());
        Assert.Equal(2, Lifted.As<int>(Tensor.Scalar(2.9f)).Item<int>());
        // Weak, as a C# number meeting a tensor in the plain method: f32 + (long) stays f32.
        Assert.Equal(DType.F32, (Tensor.Scalar(1f) + Lifted.As<long>(3L)).DType);
        Assert.Equal(DType.F32, (Tensor.Scalar(1f) + Lifted.As<double>(Tensor.Scalar(2))).DType);
    }

    [Fact]
    public void Foreach_visits_rows()
    {
        var data = Rand.Floats(6);
        var rows = new List<float[]>();
        foreach (var row in Tensor.From(data, 3, 2)) rows.Add(row.ToArray<float>());
        Assert.Equal(3, rows.Count);
        Assert.Equal(data[2..4], rows[1]);
    }
}
