namespace LoopGen.EndToEnd.Kernels;

/// <summary>An instance method reading a field: compiled per instance.</summary>
public sealed partial class Scaler
{
    private readonly float _scale;

    public Scaler(float scale) => _scale = scale;

    [Compile]
    public Tensor Apply(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x * _scale + 1f;
        return x;
    }
}

/// <summary>A method in a nested partial type.</summary>
public static partial class Outer
{
    public static partial class Inner
    {
        [Compile]
        public static Tensor Smooth(Tensor x, int n)
        {
            for (int i = 0; i < n; i++) x = (x + x * 0.5f) * 0.5f;
            return x;
        }
    }
}

/// <summary>The control group: the same loop traced unrolled.</summary>
public static partial class Unrolled
{
    [Compile(Loops = LoopMode.Unrolled)]
    public static Tensor UnrolledAdd(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x + i;
        return x;
    }
}
