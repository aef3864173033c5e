using IrOps = LoopGen.Ir.Ops;

namespace LoopGen.Tests.Loops;

/// <summary>The examples of the seed documents (PyTorch/XLA loop docs, JAX's fori_loop) through the explicit loop API.</summary>
public sealed class SeedExampleTests
{
    [Fact]
    public void Cumulative_plus_one_ten_times_gives_ten()
    {
        var init = Tensor.From(new[] { 0 }, 1);
        var one = Tensor.Ones(DType.S32, 1);
        var result = Loop.Fori(0, 10, (i, x) => x + one, init);
        Assert.Equal(new[] { 10 }, result.ToArray<int>());
    }

    [Fact]
    public void While_countdown_from_ten_with_init_three_gives_thirteen()
    {
        var (_, res) = Loop.While(
            c => c.Item1 > 0,
            c => (c.Item1 - 1, c.Item2 + 1),
            (Tensor.Scalar(10), Tensor.Scalar(3)));
        Assert.Equal(13, res.Item<int>());
    }

    [Fact]
    public void While_with_limit_carry_counts_to_eleven()
    {
        // PyTorch/XLA's loop guide (docs/fori_loop.md), while_loop example: cond limit[0] >= init[0]; body init + 1 → [11].
        var (res, limit) = Loop.While(
            c => c.Item2[0] >= c.Item1[0],
            c => (c.Item1 + Tensor.Ones(DType.S32, 1), c.Item2),
            (Tensor.From(new[] { 0 }, 1), Tensor.From(new[] { 10 }, 1)));
        Assert.Equal(new[] { 11 }, res.ToArray<int>());
        Assert.Equal(new[] { 10 }, limit.ToArray<int>());
    }

    [Fact]
    public void Fori_from_two_to_fifty_two_with_init_one_gives_fifty_one()
    {
        var result = Loop.Fori(2, 52, (i, x) => x + 1, 1);
        Assert.Equal(51, result.Item<int>());
    }

    [Fact]
    public void Fori_with_traced_bounds_from_two_to_fifty_two_gives_fifty_one()
    {
        var result = Loop.Fori(Tensor.Scalar(2), Tensor.Scalar(52), (i, x) => x + 1, Tensor.From(new[] { 1 }, 1));
        Assert.Equal(new[] { 51 }, result.ToArray<int>());
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(7, 3)]
    [InlineData(0, -4)]
    public void Upper_not_above_lower_runs_zero_iterations(int lower, int upper)
    {
        var init = Tensor.From(new[] { 1.5f, -2f }, 2);
        Assert.Equal(new[] { 1.5f, -2f }, Loop.Fori(lower, upper, (i, x) => x * 2f, init).ToArray<float>());
        Assert.Equal(new[] { 1.5f, -2f }, Loop.Fori(Tensor.Scalar(lower), Tensor.Scalar(upper), (i, x) => x * 2f, init).ToArray<float>());
    }

    [Fact]
    public void Python_control_group_while_gives_fifty_one_eagerly()
    {
        // The guide's control group: the plain C# loop over tensors, run eagerly, is the reference.
        Tensor initVal = Tensor.Scalar(1);
        Tensor iteri = Tensor.Scalar(50);
        while (iteri > 0)
        {
            initVal = initVal + 1;
            iteri = iteri - 1;
        }
        Assert.Equal(51, initVal.Item<int>());
    }

    [Fact]
    public void Rolled_fori_is_one_while_whatever_the_trip_count()
    {
        var f = Jit.Compile((Tensor x, int n) => Loop.Fori(0, n, (i, c) => c + 1, x));
        var x = Tensor.From(new[] { 0 }, 1);
        var small = f.Lower(x, 10);
        var large = f.Lower(x, 100_000);
        Assert.Equal(1, small.WhileCount);
        Assert.Equal(small.OpCount, large.OpCount);
        Assert.Equal(new[] { 100_000 }, f.Invoke(x, 100_000).ToArray<int>());
    }

    [Fact]
    public void Unrolled_control_group_grows_with_the_trip_count()
    {
        var f = Jit.Compile((Tensor x, int n) =>
        {
            for (int i = 0; i < n; i++) x = x + 1;
            return x;
        });
        var x = Tensor.From(new[] { 0 }, 1);
        Assert.Equal(0, f.Lower(x, 10).WhileCount);
        Assert.True(f.Lower(x, 100).OpCount >= 10 * f.Lower(x, 10).OpCount / 2);
        Assert.Equal(new[] { 100 }, f.Invoke(x, 100).ToArray<int>());
        Assert.Equal(0, f.Lower(x, 10).Module.CountOperations(IrOps.While));
    }
}
