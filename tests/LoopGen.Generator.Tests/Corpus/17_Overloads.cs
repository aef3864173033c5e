using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }

    [Compile]
    public static Tensor Run(Tensor x, int n) { for (int i = 0; i < n; i++) x = x + 1; return x; }

    public static Tensor Run(Tensor x, Tensor y) => x + y;

    [Compile]
    public static Tensor Run(Tensor x, (int, float) c) { for (int i = 0; i < c.Item1; i++) x = x * c.Item2; return x; }

    public static Tensor Use(Tensor x) => Run(x) + Run(x, 2) + Run(x, x) + Run(x, (2, 1f));
}
