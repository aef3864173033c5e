namespace LoopGen.EndToEnd.Kernels;

/// <summary>Early <c>return</c> inside lifted loops: a returned flag and a result carry (one per element of a returned tuple), as <c>break</c> is done.</summary>
public static partial class EarlyReturnKernels
{
    [Compile]
    public static float FirstCountAbove(float start, int n)
    {
        float v = start;
        for (int i = 0; i < n; i++)
        {
            v = v * 1.5f + 0.25f;
            if (v > 2f) return v + 100f;
        }
        return v;
    }

    [Compile]
    public static Tensor ReturnFromInnerLoop(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x = x * 1.25f + 0.1f;
                if (x.Max() > 3f) return -x;
            }
            x = x - 0.05f;
        }
        return x * 2f;
    }

    [Compile]
    public static Tensor ReturnFromWhileOverRows(Tensor xs, Tensor acc)
    {
        foreach (var row in xs)
        {
            acc = acc + row;
            if (acc.Sum() < -1f) return acc * 0f;
        }
        return acc;
    }

    // A value tuple returned early: one result carry per element.
    [Compile]
    public static (Tensor, Tensor) Find(Tensor x, int n)
    {
        var acc = x;
        for (int i = 0; i < n; i++)
        {
            acc = acc * 0.5f;
            if (acc.Sum() < 1f) return (acc, x);
        }
        return (acc, x + 1f);
    }

    [Compile]
    public static (Tensor Value, int Step) FindStep(Tensor x, int n)
    {
        var acc = x;
        for (int i = 0; i < n; i++)
        {
            acc = acc * 0.5f;
            if (acc.Sum() < 1f)
            {
                return (acc + 10f, i);
            }
        }
        return (acc, -1);
    }

    [Compile]
    public static (Tensor, Tensor) PairFromInnerLoop(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                x = x * 1.25f + 0.1f;
                if (x.Max() > 3f) return (-x, x * 2f);
            }
            x = x - 0.05f;
        }
        return (x * 2f, x);
    }
}
