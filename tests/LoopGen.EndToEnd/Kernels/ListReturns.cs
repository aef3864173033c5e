namespace LoopGen.EndToEnd.Kernels;

/// <summary><c>[Compile]</c> methods returning the <c>List&lt;Tensor&gt;</c> their loop collects: the same list eager returns.</summary>
public static partial class ListReturns
{
    /// <summary>A scan's states, one per row of <paramref name="xs"/> (torch's scan RNN test, its ys kept as a list).</summary>
    [Compile]
    public static List<Tensor> States(Tensor xs, Tensor h)
    {
        var states = new List<Tensor>();
        foreach (var x in xs)
        {
            h = (h + x).Tanh();
            states.Add(h);
        }
        return states;
    }

    /// <summary>n values of <c>x = x * 0.5 + i</c>; none for n ≤ 0.</summary>
    [Compile]
    public static List<Tensor> Steps(Tensor x, int n)
    {
        var ys = new List<Tensor>();
        for (int i = 0; i < n; i++)
        {
            x = x * 0.5f + i;
            ys.Add(x * 2f);
        }
        return ys;
    }

    /// <summary>A list declared before an if on a C# value, filled by the loop of one branch: empty from the other.</summary>
    [Compile]
    public static List<Tensor> Either(Tensor x, int n, bool fill)
    {
        var ys = new List<Tensor>();
        if (fill)
        {
            for (int i = 0; i < n; i++) ys.Add(x + i);
        }
        return ys;
    }
}
