namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Forms that were refused and now lift (issue 15): deconstructions of carried tuples and swaps of carries, a tuple
/// parameter holding numbers that a loop carries, and switches with guards, with sections leaving by continue, and
/// without a final discard arm where the assigned variable's old value is the default.
/// </summary>
public static partial class LiftedForms
{
    [Compile]
    public static Tensor DeconstructCarry(Tensor x, int n)
    {
        (int Count, Tensor V) s = (0, x);
        for (int i = 0; i < n; i++)
        {
            var (c, v) = s;
            s = (c + 1, v * 0.5f + c);
        }
        return s.V + s.Count;
    }

    [Compile]
    public static Tensor FibonacciSwap(Tensor x, int n)
    {
        int a = 0, b = 1;
        Tensor p = x, q = x * 2f;
        for (int i = 0; i < n; i++)
        {
            (a, b) = (b, a + b);
            (p, q) = (q, p - q * 0.5f);
        }
        return p * a + b;
    }

    [Compile]
    public static Tensor SwapConverts(Tensor x, int n)
    {
        // f = k converts an int to a float, as the plain assignment does.
        float f = 0.5f;
        int k = 3;
        for (int i = 0; i < n; i++) (f, k) = (k, k + 1);
        return x * f + k;
    }

    [Compile]
    public static Tensor CarriedTupleParameter(Tensor x, (int Steps, float Scale) cfg, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x * cfg.Scale + cfg.Steps;
            cfg.Scale *= 0.5f;
            cfg.Steps += 1;
        }
        return x;
    }

    [Compile]
    public static Tensor SwitchWithGuard(Tensor x, int n, int after)
    {
        for (int i = 0; i < n; i++)
        {
            switch (i % 3)
            {
                case 0 when i > after:
                    x = x + 1f;
                    break;
                case 1:
                    x = x * 0.5f;
                    break;
                default:
                    x = x - 0.25f;
                    break;
            }
        }
        return x;
    }

    [Compile]
    public static Tensor SwitchExpressionWithGuards(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = (i % 4) switch
            {
                0 when i > 2 => x + 1f,
                < 2 => x * 0.5f,
                _ when i > 5 => x - 1f,
                _ => x + 0.25f,
            };
        }
        return x;
    }

    [Compile]
    public static Tensor SwitchThatContinues(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            switch (i % 3)
            {
                case 0:
                    x = x + 1f;
                    continue;
                case 1:
                    x = x * 2f;
                    break;
                default:
                    break;
            }
            x = x - 0.5f;
        }
        return x;
    }

    // The guard divides by (i - 3): eager evaluates it only when i % 4 == 0 (never at i = 3); the compiled select
    // evaluates it on every iteration, i = 3 included (docs/lifting.md, "a when guard of a lifted switch").
    [Compile]
    public static Tensor GuardDividingByZeroOffItsPattern(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = (i % 4) switch
            {
                0 when 12 / (i - 3) < 0 => x + 1f,
                _ => x * 0.5f,
            };
        }
        return x;
    }

#pragma warning disable CS8509 // not exhaustive over int: (i - shift) % 3 may be negative (see SwitchKeepsTheOldValue's test)
    [Compile]
    public static Tensor SwitchKeepsTheOldValue(Tensor x, int n, int shift)
    {
        int k = 1;
        for (int i = 0; i < n; i++)
        {
            x = ((i + shift) % 3) switch { 0 => x + 1f, 1 => x * 0.5f, 2 => x - k };
            k = (i % 2) switch { 0 => k + 1, 1 => k * 2 };
        }
        return x + k;
    }
#pragma warning restore CS8509
}
