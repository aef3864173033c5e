using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++
