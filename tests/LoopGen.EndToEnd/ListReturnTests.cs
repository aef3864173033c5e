using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// <see cref="ListReturns"/>: the list the compiled call returns has the count and the elements of the eager one and of
/// a reference written here on plain float arrays (none for zero trips), and its loop is one rolled while.
/// </summary>
public sealed class ListReturnTests
{
    private static float[] V(Tensor t) => t.ToArray<float>();

    private static Tensor Rand(int seed, params int[] shape) => Results.Random(new Random(seed), shape);

    private static void Agree(List<float[]> reference, List<Tensor> eager, List<Tensor> compiled)
    {
        Assert.Equal(reference.Count, eager.Count);
        Assert.Equal(reference.Count, compiled.Count);
        for (int k = 0; k < reference.Count; k++)
        {
            var row = Tensor.From(reference[k], reference[k].Length);
            Results.AssertClose(row, eager[k], $"eager[{k}]");
            Results.AssertClose(row, compiled[k], $"compiled[{k}]");
            Assert.Equal(eager[k].Shape.ToArray(), compiled[k].Shape.ToArray());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ScanStates(int rows)
    {
        var xs = Rand(600, rows, 3);
        var h = Rand(601, 3);
        var x = xs.ToArray<float>();
        var state = V(h);
        var expected = new List<float[]>();
        for (int t = 0; t < rows; t++)
        {
            state = state.Select((e, j) => MathF.Tanh(e + x[t * 3 + j])).ToArray();
            expected.Add(state);
        }
        Agree(expected, ListReturns.StatesEager(xs, h), ListReturns.StatesCompiled(xs, h));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void StepsCountAndValues(int n)
    {
        var x = Rand(602, 4);
        var v = V(x);
        var expected = new List<float[]>();
        for (int i = 0; i < n; i++)
        {
            int k = i;
            v = v.Select(e => e * 0.5f + k).ToArray();
            expected.Add(v.Select(e => e * 2f).ToArray());
        }
        Agree(expected, ListReturns.StepsEager(x, n), ListReturns.StepsCompiled(x, n));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public void ListFilledInOneBranch(int n, bool fill)
    {
        var x = Rand(603, 2);
        var expected = new List<float[]>();
        if (fill) for (int i = 0; i < n; i++) { int k = i; expected.Add(V(x).Select(e => e + k).ToArray()); }
        Agree(expected, ListReturns.EitherEager(x, n, fill), ListReturns.EitherCompiled(x, n, fill));
    }

    [Fact]
    public void OneRolledLoop()
    {
        var x = Rand(1, 4);
        var three = ListReturns.StepsLower(x, 3);
        var seven = ListReturns.StepsLower(x, 7);
        Assert.Equal(1, three.WhileCount);
        Assert.Equal(1, seven.WhileCount);
        Assert.Equal(three.OpCount, seven.OpCount);
        Assert.Equal(ListReturns.StatesLower(Rand(2, 3, 3), x.Reshape(4)[..3]).OpCount, ListReturns.StatesLower(Rand(2, 9, 3), x.Reshape(4)[..3]).OpCount);
    }
}
