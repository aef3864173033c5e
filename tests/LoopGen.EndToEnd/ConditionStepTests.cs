using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// Loops whose condition steps a counter (<see cref="ConditionSteps"/>): compiled, eager and a reference written here
/// on plain floats (the loop's own C#, run on each element) agree, the counter's final value included, and the
/// lowered module keeps one rolled while.
/// </summary>
public sealed class ConditionStepTests
{
    private static float[] Values(Tensor t) => t.ToArray<float>();

    private static void Agree((Tensor X, long Counter) reference, object eager, object compiled)
    {
        var expected = (Tensor.From(Values(reference.X), reference.X.Shape.ToArray()), reference.Counter);
        foreach (var (name, actual) in new[] { ("eager", eager), ("compiled", compiled) })
        {
            var t = (System.Runtime.CompilerServices.ITuple)actual;
            Results.AssertClose(expected.Item1, t[0], name);
            Assert.Equal(expected.Counter, Convert.ToInt64(t[1]));
        }
    }

    public static TheoryData<int> Counts() => [0, 1, 2, 5, 9];

    [Theory]
    [MemberData(nameof(Counts))]
    public void PreIncrementWhile(int n)
    {
        var x = Results.Random(new Random(n), 3);
        var v = Values(x);
        int i = 1; // the first test steps i to 1
        for (; i < n; i++) v = v.Select(e => e * 0.5f + i).ToArray();
        Agree((Tensor.From(v, 3), i), ConditionSteps.PreIncrementWhileEager(x, n), ConditionSteps.PreIncrementWhileCompiled(x, n));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void PreIncrementDo(int n)
    {
        var x = Results.Random(new Random(n + 1), 3);
        var v = Values(x);
        int trips = Math.Max(n, 1);
        for (int k = 0; k < trips; k++) v = v.Select(e => e * 0.5f + 1f).ToArray();
        Agree((Tensor.From(v, 3), trips), ConditionSteps.PreIncrementDoEager(x, n), ConditionSteps.PreIncrementDoCompiled(x, n));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void PostIncrementBreak(int n)
    {
        var x = Results.Random(new Random(n + 2), 3);
        var v = Values(x);
        int tests = 0;
        while (true)
        {
            tests++; // each test steps the counter
            if (tests - 1 >= n) break;
            if (v.Sum() > 2f) break;
            v = v.Select(e => e + 0.75f).ToArray();
        }
        Agree((Tensor.From(v, 3), tests), ConditionSteps.PostIncrementBreakEager(x, n), ConditionSteps.PostIncrementBreakCompiled(x, n));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void CountDownContinue(int n)
    {
        var x = Results.Random(new Random(n + 3), 3);
        var v = Values(x);
        long k = n - 1;
        for (; k > 0; k--)
        {
            long step = k;
            if (step % 2 == 0) v = v.Select(e => e + step).ToArray();
        }
        Agree((Tensor.From(v, 3), Math.Min(n - 1, 0)), ConditionSteps.CountDownContinueEager(x, n), ConditionSteps.CountDownContinueCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(12)]
    public void PostDecrementDo(int left)
    {
        var x = Results.Random(new Random(left + 4), 3);
        var v = Values(x);
        int l = left;
        while (true)
        {
            int now = l;
            v = v.Select(e => e * 0.9f + now).ToArray();
            bool more = l > 0;
            l--;
            if (!more || l % 5 == 3) break;
        }
        Agree((Tensor.From(v, 3), l), ConditionSteps.PostDecrementDoEager(x, left), ConditionSteps.PostDecrementDoCompiled(x, left));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void ForStepsInCondition(int n)
    {
        var x = Results.Random(new Random(n + 5), 3);
        var v = Values(x);
        int i = 1, j = 0;
        for (; i < n; i++, j += 2)
        {
            int d = i - j;
            v = v.Select(e => e + d).ToArray();
        }
        var expected = (Tensor.From(v, 3), i, j);
        var eager = ConditionSteps.ForStepsInConditionEager(x, n);
        var compiled = ConditionSteps.ForStepsInConditionCompiled(x, n);
        Results.AssertClose(expected, eager, "eager");
        Results.AssertClose(expected, compiled, "compiled");
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void CounterAfterBreak(int n)
    {
        var x = Results.Random(new Random(n + 6), 3) + 0.5f;
        var v = Values(x);
        int i = 0;
        for (; i < n; i++)
        {
            if (v.Sum() > 3f) break;
            v = v.Select(e => e + 1f).ToArray();
        }
        Agree((Tensor.From(v, 3), i), ConditionSteps.CounterAfterBreakEager(x, n), ConditionSteps.CounterAfterBreakCompiled(x, n));
    }

    [Fact]
    public void TheLoopStaysRolled()
    {
        var x = Results.Random(new Random(7), 3);
        var three = ConditionSteps.PreIncrementWhileLower(x, 3);
        Assert.Equal(1, three.WhileCount);
        Assert.Equal(three.OpCount, ConditionSteps.PreIncrementWhileLower(x, 30).OpCount);
        Assert.Equal(1, ConditionSteps.PostIncrementBreakLower(x, 3).WhileCount);
        Assert.Equal(1, ConditionSteps.PostDecrementDoLower(x, 3).WhileCount);
    }
}
