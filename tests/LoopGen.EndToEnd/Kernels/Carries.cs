namespace LoopGen.EndToEnd.Kernels;

/// <summary>
/// Carried state of every supported kind: tensors, int, long, float, double, bool and value tuples. The carried numbers
/// are returned through tensor arithmetic: the lifter does not yet accept them as tuple elements or casts.
/// </summary>
public static partial class Carries
{
    [Compile]
    public static Tensor IntCarry(Tensor x, int n)
    {
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            count += 2;
            x = x + count;
        }
        return x + count;
    }

    [Compile]
    public static Tensor WideCarries(Tensor x, int n)
    {
        long a = 1;
        float b = 0.5f;
        double c = 0.25;
        for (int i = 0; i < n; i++)
        {
            a *= 2;
            b += 1f;
            c *= 1.5;
            x = x + b;
        }
        return x + a + c;
    }

    [Compile]
    public static Tensor BoolCarry(Tensor x, int n)
    {
        bool flip = false;
        for (int i = 0; i < n; i++)
        {
            flip = !flip;
            if (flip) x = x + 1f;
        }
        return Tensor.Where(flip, x, -x);
    }

    [Compile]
    public static Tensor TupleCarry(Tensor a, Tensor b, int n)
    {
        var state = (a, b);
        for (int i = 0; i < n; i++) state = (state.Item2, state.Item1 + state.Item2);
        return state.Item1;
    }

    [Compile]
    public static float ScalarReturn(float start, int n)
    {
        float v = start;
        for (int i = 0; i < n; i++) v = v * 1.5f + 1f;
        return v;
    }

    [Compile]
    public static Tensor TupleParameter(Tensor x, (int Steps, float Scale) config)
    {
        for (int i = 0; i < config.Steps; i++) x = x * config.Scale;
        return x;
    }

    [Compile]
    public static Tensor[] ArrayResult(Tensor x, int n)
    {
        var y = x;
        for (int i = 0; i < n; i++) y = y * 2f;
        return [x, y];
    }
}
