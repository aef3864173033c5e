using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// The newly lifted forms (<see cref="LiftedForms"/>) against a reference written here on plain float arrays, not with
/// the kernel's own code: the compiled and the eager call must both give it.
/// </summary>
public sealed class LiftedFormTests
{
    private static float[] Values(Tensor t) => t.ToArray<float>();

    private static void Agree(float[] reference, Tensor eager, Tensor compiled)
    {
        Results.AssertClose(Tensor.From(reference, reference.Length), eager, "eager");
        Results.AssertClose(Tensor.From(reference, reference.Length), compiled, "compiled");
    }

    private static float[] Map(float[] x, Func<float, float> f) => x.Select(f).ToArray();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void DeconstructCarry(int n)
    {
        var x = Results.Random(new Random(n), 3);
        var v = Values(x);
        for (int c = 0; c < n; c++) v = Map(v, e => e * 0.5f + c);
        Agree(Map(v, e => e + n), LiftedForms.DeconstructCarryEager(x, n), LiftedForms.DeconstructCarryCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void FibonacciSwap(int n)
    {
        var x = Results.Random(new Random(n + 10), 3);
        int[] fib = new int[n + 2];
        fib[1] = 1;
        for (int k = 2; k < n + 2; k++) fib[k] = fib[k - 1] + fib[k - 2];
        var reference = Values(x).Select(e =>
        {
            float p = e, q = 2f * e;
            for (int i = 0; i < n; i++) (p, q) = (q, p - q * 0.5f);
            return p * fib[n] + fib[n + 1];
        }).ToArray();
        Agree(reference, LiftedForms.FibonacciSwapEager(x, n), LiftedForms.FibonacciSwapCompiled(x, n));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void SwapConvertsAnIntToAFloat(int n)
    {
        var x = Results.Random(new Random(n + 20), 3);
        float f = n == 0 ? 0.5f : 3 + n - 1;
        Agree(Map(Values(x), e => e * f + 3 + n), LiftedForms.SwapConvertsEager(x, n), LiftedForms.SwapConvertsCompiled(x, n));
    }

    [Theory]
    [InlineData(0, 1f, 0)]
    [InlineData(2, 0.75f, 3)]
    [InlineData(1, 2f, 5)]
    public void CarriedTupleParameter(int steps, float scale, int n)
    {
        var x = Results.Random(new Random(n + 30), 3);
        var v = Values(x);
        for (int i = 0; i < n; i++)
        {
            float s = scale;
            int k = steps;
            v = Map(v, e => e * s + k);
            scale *= 0.5f;
            steps += 1;
        }
        var cfg = (steps - n, scale * MathF.Pow(2f, n)); // the values the loop above started from
        Agree(v, LiftedForms.CarriedTupleParameterEager(x, cfg, n), LiftedForms.CarriedTupleParameterCompiled(x, cfg, n));
    }

    [Theory]
    [InlineData(7, 0)]
    [InlineData(9, 4)]
    public void SwitchWithGuard(int n, int after)
    {
        var x = Results.Random(new Random(n + 40), 3);
        var v = Values(x);
        for (int i = 0; i < n; i++)
        {
            int phase = i % 3;
            bool guard = i > after;
            v = Map(v, e => phase == 0 && guard ? e + 1f : phase == 1 ? e * 0.5f : e - 0.25f);
        }
        Agree(v, LiftedForms.SwitchWithGuardEager(x, n, after), LiftedForms.SwitchWithGuardCompiled(x, n, after));
    }

    [Fact]
    public void SwitchExpressionWithGuards()
    {
        var x = Results.Random(new Random(50), 3);
        var v = Values(x);
        for (int i = 0; i < 9; i++)
        {
            int m = i % 4, j = i;
            v = Map(v, e => m == 0 && j > 2 ? e + 1f : m < 2 ? e * 0.5f : j > 5 ? e - 1f : e + 0.25f);
        }
        Agree(v, LiftedForms.SwitchExpressionWithGuardsEager(x, 9), LiftedForms.SwitchExpressionWithGuardsCompiled(x, 9));
    }

    [Fact]
    public void SwitchThatContinues()
    {
        var x = Results.Random(new Random(60), 3);
        var v = Values(x);
        for (int i = 0; i < 8; i++)
        {
            if (i % 3 == 0)
            {
                v = Map(v, e => e + 1f);
                continue;
            }
            if (i % 3 == 1) v = Map(v, e => e * 2f);
            v = Map(v, e => e - 0.5f);
        }
        Agree(v, LiftedForms.SwitchThatContinuesEager(x, 8), LiftedForms.SwitchThatContinuesCompiled(x, 8));
    }

    [Fact]
    public void ASwitchWithoutADiscardKeepsTheOldValueOnlyWhenCompiled()
    {
        // The documented rule: when no arm matches, C# throws; the compiled select keeps the assigned variable's value.
        var x = Results.Random(new Random(70), 3);
        var v = Values(x);
        int k = 1;
        for (int i = 0; i < 6; i++)
        {
            int phase = (i + 0) % 3, kk = k;
            v = Map(v, e => phase == 0 ? e + 1f : phase == 1 ? e * 0.5f : e - kk);
            k = i % 2 == 0 ? k + 1 : k * 2;
        }
        Agree(Map(v, e => e + k), LiftedForms.SwitchKeepsTheOldValueEager(x, 6, 0), LiftedForms.SwitchKeepsTheOldValueCompiled(x, 6, 0));

        // shift = -2: (0 - 2) % 3 = -2 matches no arm.
        Assert.Throws<System.Runtime.CompilerServices.SwitchExpressionException>(() => LiftedForms.SwitchKeepsTheOldValueEager(x, 1, -2));
        Results.AssertClose(Tensor.From(Map(Values(x), e => e + 2), 3), LiftedForms.SwitchKeepsTheOldValueCompiled(x, 1, -2));
    }

    [Fact]
    public void A_guard_evaluated_off_its_pattern_does_not_change_the_result()
    {
        // Compiled evaluates the guard at i = 3 too (12 / 0 in traced integers); its value is not selected there.
        var x = Results.Random(new Random(71), 3);
        var v = Values(x);
        for (int i = 0; i < 8; i++) v = i % 4 == 0 && 12 / (i - 3) < 0 ? Map(v, e => e + 1f) : Map(v, e => e * 0.5f);
        Agree(v, LiftedForms.GuardDividingByZeroOffItsPatternEager(x, 8), LiftedForms.GuardDividingByZeroOffItsPatternCompiled(x, 8));
    }
}
