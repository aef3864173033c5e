namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Loops a C# user writes that the translated tests do not spell out (found while trying to break the lifter):
/// switches that move a counter or continue, swaps of tuples holding numbers, deconstructed carries, state machines.
/// </summary>
public static partial class UserForms
{
    /// <summary>A switch statement that moves the while loop's own counter.</summary>
    [Compile]
    public static Tensor SwitchMovesTheCounter(Tensor x, int n)
    {
        int i = 0;
        while (i < n) { switch (i % 2) { case 0: i += 1; break; default: i += 3; break; } x = x + i; }
        return x;
    }

    /// <summary>A while whose switch continues in one section and tests the data in a guard.</summary>
    [Compile]
    public static Tensor WhileSwitchContinues(Tensor x, int n)
    {
        int i = 0;
        while (i < n) { i++; switch (i % 3) { case 0: continue; case 1 when x.Sum() > 0f: x = x * 0.5f; break; default: break; } x = x + 1f; }
        return x;
    }

    /// <summary>Two carried tuples holding numbers swapped, then one deconstructed and rebuilt.</summary>
    [Compile]
    public static Tensor SwapTuplesOfNumbers(Tensor x, int n)
    {
        (int C, Tensor V) s = (0, x), t = (1, x * 2f);
        for (int i = 0; i < n; i++) { (s, t) = (t, s); var (c, v) = s; c += 2; s = (c, v + c); }
        return s.V + t.V;
    }

    /// <summary>A switch on a checked cast of a float carry, a relational arm for negatives.</summary>
    [Compile]
    public static Tensor SwitchOnCheckedCast(Tensor x, float t0, int n)
    {
        float t = t0;
        for (int i = 0; i < n; i++) { switch (checked((int)t % 3)) { case 0: x = x + 1f; break; case < 0: x = -x; break; default: x = x * 0.5f; break; } t += 0.7f; }
        return x;
    }

    /// <summary>The first step whose sum passes 1, kept by a ternary on a traced condition, returned beside the tensor.</summary>
    [Compile]
    public static (Tensor X, int First) FirstIndexAbove(Tensor x, int n)
    {
        int best = -1;
        for (int i = 0; i < n; i++) { var y = x * i; best = y.Sum() > 1f && best < 0 ? i : best; x = x - 0.1f; }
        return (x, best);
    }

    /// <summary>A mean over rows whose sum and count are declared by one deconstruction and updated by another.</summary>
    [Compile]
    public static Tensor MeanByDeconstruction(Tensor xs)
    {
        var (sum, count) = (Tensor.ZerosLike(xs[0]), 0);
        foreach (var row in xs) (sum, count) = (sum + row, count + 1);
        return sum / Math.Max(count, 1);
    }

    /// <summary>A three-state machine: a switch expression on its int carry.</summary>
    [Compile]
    public static Tensor PhaseMachine(Tensor x, int n)
    {
        int phase = 0;
        for (int i = 0; i < n; i++)
        {
            phase = phase switch { 0 => 1, 1 => 2, _ => 0 };
            x = phase == 0 ? x * 2f : x + phase;
        }
        return x;
    }

    /// <summary>A for reusing an outer counter, and a for halving its counter.</summary>
    [Compile]
    public static Tensor LoopsWithoutDeclarations(Tensor x, int n)
    {
        int i = 0, acc = 0;
        for (; i < n; i += 2) acc += i;
        for (int k = n; k > 0; k /= 2) x = x + k;
        return x + acc;
    }
}
