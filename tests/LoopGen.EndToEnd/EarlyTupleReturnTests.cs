using LoopGen.EndToEnd.Kernels;
using static LoopGen.EndToEnd.Support.Results;

namespace LoopGen.EndToEnd;

/// <summary>
/// An early return of a value tuple from inside a lifted loop (docs/lifting.md): compiled equals eager and a plain-array
/// reference on every path (returned at the first, a middle or no iteration), and each loop stays one rolled while.
/// </summary>
public sealed class EarlyTupleReturnTests
{
    private static Tensor Filled(float v) => Tensor.From(new[] { v, v, v }, 3);

    private static float[] Scaled(float[] a, float k, float b = 0f) => a.Select(v => v * k + b).ToArray();

    /// <summary>Plain-array Find: the halved accumulator, and its step, at the first sum under 1.</summary>
    private static (float[] Value, float[] Other, int Step) FindReference(float[] x, int n)
    {
        var acc = x;
        for (int i = 0; i < n; i++)
        {
            acc = Scaled(acc, 0.5f);
            if (acc.Sum() < 1f) return (acc, x, i);
        }
        return (acc, Scaled(x, 1f, 1f), -1);
    }

    private static (float[], float[]) InnerReference(float[] x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x = Scaled(x, 1.25f, 0.1f);
                if (x.Max() > 3f) return (Scaled(x, -1f), Scaled(x, 2f));
            }
            x = Scaled(x, 1f, -0.05f);
        }
        return (Scaled(x, 2f), x);
    }

    [Theory]
    [InlineData(0.5f, 5, 0)]  // returns on the first iteration
    [InlineData(4f, 6, 3)]    // on a middle one (sums 6, 3, 1.5, 0.75)
    [InlineData(4f, 3, -1)]   // on none: the return after the loop
    [InlineData(4f, 0, -1)]   // no iteration at all
    public void TupleOfTensorsReturnsOnEveryPath(float fill, int n, int step)
    {
        var x = Filled(fill);
        var (value, other, expectedStep) = FindReference(x.ToArray<float>(), n);
        Assert.Equal(step, expectedStep);
        var compiled = EarlyReturnKernels.FindCompiled(x, n);
        AssertClose(EarlyReturnKernels.FindEager(x, n), compiled);
        AssertClose((Tensor.From(value, 3), Tensor.From(other, 3)), compiled);
    }

    [Theory]
    [InlineData(0.5f, 5)]
    [InlineData(4f, 6)]
    [InlineData(4f, 3)]
    [InlineData(4f, 0)]
    public void TupleWithTheLoopCounterReturnsOnEveryPath(float fill, int n)
    {
        var x = Filled(fill);
        var (value, _, step) = FindReference(x.ToArray<float>(), n);
        var compiled = EarlyReturnKernels.FindStepCompiled(x, n);
        AssertClose(EarlyReturnKernels.FindStepEager(x, n), compiled);
        Assert.Equal(step, compiled.Step);
        AssertClose(Tensor.From(step >= 0 ? Scaled(value, 1f, 10f) : value, 3), compiled.Value);
    }

    [Fact]
    public void TupleFromAnInnerLoopMatchesEagerAndTheReference()
    {
        var rng = new Random(5);
        for (int round = 0; round < 12; round++)
        {
            var x = Random(rng, 3);
            int n = rng.Next(0, 6);
            var (a, b) = InnerReference(x.ToArray<float>(), n);
            var compiled = EarlyReturnKernels.PairFromInnerLoopCompiled(x, n);
            AssertClose(EarlyReturnKernels.PairFromInnerLoopEager(x, n), compiled);
            AssertClose((Tensor.From(a, 3), Tensor.From(b, 3)), compiled);
        }
    }

    [Fact]
    public void EachLoopIsOneRolledWhile()
    {
        var x = Filled(4f);
        Assert.Equal(1, EarlyReturnKernels.FindLower(x, 3).WhileCount);
        Assert.Equal(EarlyReturnKernels.FindLower(x, 3).OpCount, EarlyReturnKernels.FindLower(x, 30).OpCount);
        Assert.Equal(1, EarlyReturnKernels.FindStepLower(x, 3).WhileCount);
        Assert.Equal(2, EarlyReturnKernels.PairFromInnerLoopLower(x, 3).WhileCount);
    }
}
