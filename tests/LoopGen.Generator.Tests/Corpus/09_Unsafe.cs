using LoopGen;
namespace Demo;
public static unsafe partial class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        int* p = stackalloc int[4];
        for (int i = 0; i < n; i++) { p[0] = i; unsafe { x = x + p[0]; } }
        return x;
    }
}
