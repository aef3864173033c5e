using System.Collections.Generic;
using System.Linq;
using LoopGen;

namespace Demo;

// Loops translated from JAX's / PyTorch's loop tests in the forms that do not lift (each method gets its diagnostic and
// stays eager: the generated code must still build) beside the forms that do.
public static partial class TranslatedEdges
{
    private static Tensor Body(int i, Tensor v) => v * 0.5f + i;

    [Compile]
    public static Tensor IntHelper(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = Body(i, x);
        return x;
    }

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

    [Compile]
    public static Tensor ArrayCarry(Tensor a, Tensor b, int n)
    {
        Tensor[] state = [a, b];
        for (int i = 0; i < n; i++) state[0] = state[0] + state[1];
        return state[0];
    }

    [Compile]
    public static (Tensor X, int At) TupleReturn(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            x = x * 1.5f;
            if (x.Sum() > 6f) return (x, i);
        }
        return (x, -1);
    }

    [Compile]
    public static Tensor UpperFromTensor(Tensor x, Tensor upper)
    {
        int n = upper.Item<int>();
        for (int i = 0; i < n; i++) x = x + 0.5f;
        return x;
    }

    [Compile]
    public static int FirstIndexAbove(Tensor xs, float threshold)
    {
        for (int i = 0; i < xs.Shape[0]; i++)
        {
            if (xs[i].Sum() > threshold) return i;
        }
        return -1;
    }

    [Compile]
    public static long LastOddIndex(Tensor xs)
    {
        foreach (var i in Enumerable.Range(0, xs.Shape[0]).Reverse())
        {
            if (xs[i].Sum() > 0f) return (long)i * 2 + 1;
        }
        return -1;
    }
}
