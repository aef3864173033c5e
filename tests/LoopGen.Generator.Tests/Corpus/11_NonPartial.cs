using LoopGen;
namespace Demo;
public static class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x + 1;
        return x;
    }

    public static Tensor Use(Tensor x) => Run(x, 2);
}
