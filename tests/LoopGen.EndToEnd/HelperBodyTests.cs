using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// Loop bodies written as helpers that take the counter as an <c>int</c> (<see cref="HelperBodies"/>): compiled and eager
/// against references written here on plain float arrays, each loop one rolled <c>stablehlo.while</c> whose op count
/// does not grow with the trip count, and a gradient through a helper-bodied loop against finite differences.
/// </summary>
public sealed class HelperBodyTests
{
    private static float[] V(Tensor t) => t.ToArray<float>();

    private static Tensor Vec(float[] v) => Tensor.From(v, v.Length);

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    private static Tensor Rand(int seed, params int[] shape) => Results.Random(new Random(seed), shape);

    private static void Agree(float[] reference, Tensor eager, Tensor compiled)
    {
        Results.AssertClose(Vec(reference), eager, "eager");
        Results.AssertClose(Vec(reference), compiled, "compiled");
    }

    private static void Rolled(Func<int, Lowered> lower, int loops)
    {
        var three = lower(3);
        var seven = lower(7);
        Assert.Equal(loops, three.WhileCount);
        Assert.Equal(loops, seven.WhileCount);
        Assert.Equal(three.OpCount, seven.OpCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void CounterAsIntParameter(int n)
    {
        var x = Rand(500, 4);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => e * k + 1); }
        Agree(v, HelperBodies.ForiEager(x, n), HelperBodies.ForiCompiled(x, n));
    }

    [Fact]
    public void CounterAsIntParameterIsOneRolledLoop() => Rolled(t => HelperBodies.ForiLower(Rand(1, 4), t), 1);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void CounterInIfIndexAndMin(int rows)
    {
        var x = Rand(501, 3);
        var table = Rand(502, rows, 3);
        var t = table.ToArray<float>();
        var v = V(x);
        for (int i = 0; i < rows; i++)
        {
            var y = Map(v, e => e * 0.5f);
            if (i % 2 == 0) y = y.Select((e, j) => e + t[i * 3 + j]).ToArray();
            int m = Math.Min(i, 2);
            v = Map(y, e => e + m);
        }
        Agree(v, HelperBodies.BranchyEager(x, table), HelperBodies.BranchyCompiled(x, table));
    }

    [Fact]
    public void CounterInIfIndexAndMinIsOneRolledLoop() => Rolled(t => HelperBodies.BranchyLower(Rand(1, 3), Rand(2, t, 3)), 1);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void HelpersCallingHelpers(int n)
    {
        var x = Rand(503, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => e + (k + 1) * 0.25f - 2 * k + 2 * k); }
        Agree(v, HelperBodies.NestedEager(x, n), HelperBodies.NestedCompiled(x, n));
        Rolled(t => HelperBodies.NestedLower(Rand(1, 3), t), 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void HelpersInAnotherPartAndAnotherTypeAndCompiled(int n)
    {
        var x = Rand(504, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => (e - 0.1f * k) + e * (1f / (k + 1))); }
        for (int j = 0; j < n; j++) { int k = j; v = Map(v, e => e * 0.5f + k); }
        Agree(v, HelperBodies.ElsewhereEager(x, n), HelperBodies.ElsewhereCompiled(x, n));
        Rolled(t => HelperBodies.ElsewhereLower(Rand(1, 3), t), 2);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void CounterConvertedToAFloatParameter(int n)
    {
        var x = Rand(507, 3);
        var v = V(x);
        for (int i = 0; i < n; i++) { float s = i; v = Map(v, e => e + s / 2); }
        Agree(v, HelperBodies.WidenedEager(x, n), HelperBodies.WidenedCompiled(x, n));
        Rolled(t => HelperBodies.WidenedLower(Rand(1, 3), t), 1);
    }

    [Fact]
    public void CompiledHelperCalledWithAnIntRunsItsOwnEntry()
    {
        var x = Rand(505, 3);
        Agree(Map(V(x), e => e * 0.5f + 4), HelperBodies.CompiledStepEager(x, 4), HelperBodies.CompiledStepCompiled(x, 4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void InstanceHelperReadingAField(int n)
    {
        var x = Rand(506, 3);
        var scaler = new HelperScaler(0.75f);
        var v = V(x);
        for (int i = 0; i < n; i++) { int k = i; v = Map(v, e => e * 0.75f + k); }
        Agree(v, scaler.RunEager(x, n), scaler.RunCompiled(x, n));
        Rolled(t => scaler.RunLower(Rand(1, 3), t), 1);
    }

    [Fact]
    public void GradientThroughAHelperBodiedLoop()
    {
        int seed = Environment.TickCount;
        var x = Gradients.RandomF64(new Random(seed), 4);
        var grad = Jit.Grad((Tensor p) => (HelperBodies.SmoothLoop(p, 6) * HelperBodies.SmoothLoop(p, 6)).Sum()).Invoke(x);
        var fd = Gradients.FiniteDifferences(p =>
        {
            var y = HelperBodies.SmoothLoopEager(p, 6);
            return (y * y).Sum().Item<double>();
        }, x);
        Gradients.Matches(fd, grad, seed);
        Rolled(t => HelperBodies.SmoothLoopLower(Gradients.RandomF64(new Random(1), 4), t), 1);
    }
}
