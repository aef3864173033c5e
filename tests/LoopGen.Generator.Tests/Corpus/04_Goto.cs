using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        int i = 0;
    top:
        x = x + 1;
        if (++i < n) goto top;
        return x;
    }
}
