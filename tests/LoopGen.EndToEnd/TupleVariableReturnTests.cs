using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// <see cref="TupleVariableReturns"/>: tuples returned as variables, compiled and eager against references written here
/// on plain float arrays, each loop one rolled while whose op count does not grow with the trip count.
/// </summary>
public sealed class TupleVariableReturnTests
{
    private static float[] V(Tensor t) => t.ToArray<float>();

    private static Tensor Vec(float[] v) => Tensor.From(v, v.Length);

    private static Tensor Rand(int seed, params int[] shape) => Results.Random(new Random(seed), shape);

    private static void Agree(object reference, object eager, object compiled)
    {
        Results.AssertClose(reference, eager, "eager");
        Results.AssertClose(reference, compiled, "compiled");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void NumberTupleVariable(int n)
    {
        var x = Rand(700, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) v = v.Select(e => e * 2f).ToArray();
        Agree((Vec(v), n), TupleVariableReturns.CountedEager(x, n), TupleVariableReturns.CountedCompiled(x, n));
        var lowered = new[] { 3, 7 }.Select(t => TupleVariableReturns.CountedLower(Rand(1, 3), t)).ToList();
        Assert.All(lowered, l => Assert.Equal(1, l.WhileCount));
        Assert.Equal(lowered[0].OpCount, lowered[1].OpCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void NestedTupleVariableAndItsField(int rows)
    {
        var xs = Rand(701, rows, 2);
        var a = xs.ToArray<float>();
        var sum = new float[2];
        for (int r = 0; r < rows; r++) for (int j = 0; j < 2; j++) sum[j] += a[r * 2 + j];
        var last = a.Skip((rows - 1) * 2).Take(2).ToArray();
        Agree((Vec(sum), (Vec(last), rows)), TupleVariableReturns.NestedEager(xs), TupleVariableReturns.NestedCompiled(xs));
        Agree((Vec(last), rows), TupleVariableReturns.InnerOnlyEager(xs), TupleVariableReturns.InnerOnlyCompiled(xs));
        Assert.Equal(TupleVariableReturns.NestedLower(Rand(1, 3, 2)).OpCount, TupleVariableReturns.NestedLower(Rand(1, 9, 2)).OpCount);
    }

    [Theory]
    [InlineData(-1000f)]
    [InlineData(20f)]
    [InlineData(1e9f)]
    public void EarlyReturnOfATupleVariable(float limit)
    {
        const int n = 6;
        var x = Rand(702, 3);
        var v = V(x);
        (Tensor, int) expected = (Vec(v.Select(e => e * 0f).ToArray()), -1);
        for (int i = 0; i < n; i++)
        {
            v = v.Select(e => e * 2f + 1f).ToArray();
            if (v.Sum() > limit) { expected = (Vec(v), i + 1); break; }
            if (i == n - 1) expected = (Vec(v.Select(e => e * 0f).ToArray()), -1);
        }
        Agree(expected, TupleVariableReturns.FirstAboveEager(x, n, limit), TupleVariableReturns.FirstAboveCompiled(x, n, limit));
        Assert.Equal(TupleVariableReturns.FirstAboveLower(x, 3, limit).OpCount, TupleVariableReturns.FirstAboveLower(x, 30, limit).OpCount);
    }

    [Theory]
    [InlineData(-1000f)]
    [InlineData(20f)]
    [InlineData(1e9f)]
    public void EarlyReturnOfATensorTupleVariable(float limit)
    {
        const int n = 5;
        var x = Rand(703, 3);
        var p = V(x);
        var q = new float[3];
        for (int i = 0; i < n; i++)
        {
            p = p.Select(e => e * 2f).ToArray();
            q = q.Select(e => e + 1f).ToArray();
            if (p.Sum() > limit) break;
        }
        Agree((Vec(p), Vec(q)), TupleVariableReturns.PairAboveEager(x, n, limit), TupleVariableReturns.PairAboveCompiled(x, n, limit));
    }
}
