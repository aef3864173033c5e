namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Everyday C# in loop bodies that lifts: Math functions on carried numbers, checked arithmetic, Enumerable.Range,
/// counters as dynamic-slice starts, C# array constants indexed by the counter, and default arguments.
/// </summary>
public static partial class Constructs
{
    private static readonly float[] Weights = [0.5f, 1.5f, -2f];

    [Compile]
    public static Tensor MinMaxClamp(Tensor x, int n)
    {
        int m = 0;
        float s = -1.5f;
        for (int i = 0; i < n; i++)
        {
            m = Math.Min(m + 2, 5);
            s = Math.Max(s * 0.5f, -0.5f) + Math.Abs(s) - MathF.Sqrt(4f);
            x = x + m + Math.Clamp(m - 3, -1, 1) + s;
        }
        return x;
    }

    [Compile]
    public static Tensor SignKeepsIntDivision(Tensor x, int n)
    {
        float v = -3f;
        for (int i = 0; i < n; i++)
        {
            v = v + 1.25f;
            x = x + Math.Sign(v) / 2 + Math.Sign(v); // int division of Math.Sign's int, as in C#
        }
        return x;
    }

    [Compile]
    public static Tensor CheckedArithmetic(Tensor x, int n)
    {
        int c = 0;
        for (int i = 0; i < n; i++)
        {
            checked
            {
                c = c + 1;
            }
            int d = unchecked(c * 3);
            x = x + checked(c + d);
        }
        return x;
    }

    [Compile]
    public static Tensor OverRange(Tensor x, int n)
    {
        foreach (var i in Enumerable.Range(2, n)) x = x * 0.5f + i;
        return x;
    }

    [Compile]
    public static Tensor CollectOverRange(Tensor x, int n)
    {
        var ys = new List<Tensor>();
        foreach (var k in Enumerable.Range(1, n)) ys.Add(x * k);
        return Tensor.Stack(ys);
    }

    [Compile]
    public static Tensor CounterAsSliceStart(Tensor x, int n)
    {
        // x is [4]: each step doubles the element at i % 4 in place.
        for (int i = 0; i < n; i++) x = Tensor.DynamicUpdateSlice(x, Tensor.DynamicSlice(x, [i % 4], [1]) * 2f, [i % 4]);
        return x;
    }

    [Compile]
    public static Tensor ArrayConstants(Tensor x, int n)
    {
        int[] offsets = [1, 2, 3, 4];
        for (int i = 0; i < n; i++) x = x * Weights[i % 3] + offsets[i % 4];
        return x;
    }

    [Compile]
    public static Tensor AddTimes(Tensor x, int times = 3)
    {
        for (int i = 0; i < times; i++) x = x + 1f;
        return x;
    }

    [Compile]
    public static Tensor DefaultArgumentOmitted(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = AddTimes(x) * 0.5f;
        return x;
    }
}

/// <summary>Tuple results holding C# numbers: the numbers come back from the compiled code as C# values.</summary>
public static partial class TupleResults
{
    [Compile]
    public static (Tensor, int) WithCount(Tensor x, int n)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            count += 2;
            x = x * 0.5f + count;
        }
        return (x, count);
    }

    [Compile]
    public static (Tensor Value, float Total, bool Positive) Named(Tensor x, int n)
    {
        float total = 0f;
        for (int i = 0; i < n; i++)
        {
            total += 1.5f;
            x = x + total;
        }
        return (Value: x, Total: total, Positive: total > 0f);
    }
}

/// <summary>foreach loops that leave early: a while over the index, the row read by it.</summary>
public static partial class ForeachExits
{
    [Compile]
    public static Tensor SumUntilLarge(Tensor xs)
    {
        var acc = xs[0] * 0f;
        foreach (var row in xs)
        {
            if (acc.Sum() > 1.5f) break;
            acc = acc + row;
        }
        return acc;
    }

    [Compile]
    public static Tensor SkipNegativeRows(Tensor xs)
    {
        var acc = xs[0] * 0f;
        foreach (var row in xs)
        {
            if (row.Sum() < 0f) continue;
            acc = acc + row * 2f;
        }
        return acc;
    }

    [Compile]
    public static Tensor RangeWithBreak(Tensor x, int n)
    {
        foreach (var i in Enumerable.Range(1, n))
        {
            x = x * 1.5f + i;
            if (x.Max() > 20f) break;
        }
        return x;
    }

    /// <summary>A foreach over a tensor with no rows runs no iteration: the initial carry comes back, as in C#.</summary>
    [Compile]
    public static Tensor SumFrom(Tensor init, Tensor xs)
    {
        foreach (var row in xs) init = init + row;
        return init;
    }
}

/// <summary>Ranges at a traced start with a static length: windows read at the loop counter.</summary>
public static partial class Windows
{
    [Compile]
    public static Tensor SlidingSum(Tensor xs, int n)
    {
        var acc = xs[0..2] * 0f;
        for (int i = 0; i < n; i++) acc = acc + xs[i..(i + 2)];
        return acc;
    }

    [Compile]
    public static Tensor ColumnWindows(Tensor m, int n)
    {
        var acc = m[.., 0..1] * 0f;
        for (int j = 0; j < n; j++) acc = acc * 0.5f + m[.., j..(j + 1)];
        return acc;
    }
}

/// <summary>switch expressions on carried numbers: nested selects tested in arm order.</summary>
public static partial class Switches
{
    [Compile]
    public static Tensor ByPhase(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x + (i % 4) switch { 0 => 1f, 1 or 2 => -0.5f, _ => 2f };
        }
        return x;
    }

    [Compile]
    public static Tensor ByRange(Tensor x, int n)
    {
        float t = -2f;
        for (int i = 0; i < n; i++)
        {
            t += 0.75f;
            int scale = t switch { < -1f => 3, < 0f => 2, >= 1f and < 2f => 5, _ => 1 };
            x = x * 0.5f + scale;
        }
        return x;
    }

    [Compile]
    public static Tensor SwitchStatement(Tensor x, int n)
    {
        float scale = 1f;
        for (int i = 0; i < n; i++)
        {
            switch (i % 5)
            {
                case 0:
                    x = x + 1f;
                    break;
                case 1:
                case 2:
                    scale = scale * 0.5f;
                    x = x * scale;
                    break;
                case > 3:
                    x = x - scale;
                    break;
                default:
                    x = -x;
                    break;
            }
        }
        return x + scale;
    }
}
