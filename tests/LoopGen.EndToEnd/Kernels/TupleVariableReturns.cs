namespace LoopGen.EndToEnd.Kernels;

/// <summary><c>return t;</c> of a tuple variable, numbers and nested tuples in it, at the end and early from a loop.</summary>
public static partial class TupleVariableReturns
{
    /// <summary>A carried (Tensor, int) returned as the variable: x doubled n times, and the count.</summary>
    [Compile]
    public static (Tensor, int) Counted(Tensor x, int n)
    {
        var t = (x, 0);
        for (int i = 0; i < n; i++) t = (t.Item1 * 2f, t.Item2 + 1);
        return t;
    }

    /// <summary>A nested tuple with a number, named elements, returned as the variable.</summary>
    [Compile]
    public static (Tensor Sum, (Tensor Last, int Steps) Inner) Nested(Tensor xs)
    {
        var s = (Sum: xs[0] * 0f, Inner: (Last: xs[0], Steps: 0));
        foreach (var x in xs) s = (s.Sum + x, (x, s.Inner.Steps + 1));
        return s;
    }

    /// <summary>A tuple field of a variable returned: the inner tuple of <see cref="Nested"/>'s state.</summary>
    [Compile]
    public static (Tensor, int) InnerOnly(Tensor xs)
    {
        var s = (Sum: xs[0] * 0f, Inner: (Last: xs[0], Steps: 0));
        foreach (var x in xs) s = (s.Sum + x, (x, s.Inner.Steps + 1));
        return s.Inner;
    }

    /// <summary>An early return of the carried tuple variable when its first element's sum passes a limit.</summary>
    [Compile]
    public static (Tensor, int) FirstAbove(Tensor x, int n, float limit)
    {
        var t = (x, 0);
        for (int i = 0; i < n; i++)
        {
            t = (t.Item1 * 2f + 1f, t.Item2 + 1);
            if (t.Item1.Sum() > limit) return t;
        }
        return (t.Item1 * 0f, -1);
    }

    /// <summary>The same with a tuple of tensors.</summary>
    [Compile]
    public static (Tensor, Tensor) PairAbove(Tensor x, int n, float limit)
    {
        var t = (x, x * 0f);
        for (int i = 0; i < n; i++)
        {
            t = (t.Item1 * 2f, t.Item2 + 1f);
            if (t.Item1.Sum() > limit) return t;
        }
        return t;
    }
}
