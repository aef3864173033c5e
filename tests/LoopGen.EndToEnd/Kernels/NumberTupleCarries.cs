namespace LoopGen.EndToEnd.Kernels;

/// <summary>Tuples holding C# numbers next to tensors, carried by a loop and updated through their fields.</summary>
public static partial class NumberTupleCarries
{
    [Compile]
    public static Tensor FieldUpdates(Tensor xs)
    {
        (int Count, Tensor Sum) s = (0, Tensor.ZerosLike(xs[0]));
        foreach (var x in xs)
        {
            s.Count++;
            s.Sum += x * s.Count;
        }
        return s.Sum / (s.Count + 1);
    }

    [Compile]
    public static Tensor FloatFieldKeepsItsType(Tensor x, int n)
    {
        // s.Scale starts from an int literal: it is a float in C#, so the halving is not an integer division.
        var s = (Scale: 1f, Steps: 0, X: x);
        for (int i = 0; i < n; i++)
        {
            s.Scale = s.Scale / 2;
            s.Steps += 1;
            s.X = s.X + s.Scale * s.Steps;
        }
        return s.X;
    }
}
