using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static T Run<T>(T x, int n) where T : class
    {
        for (int i = 0; i < n; i++) { }
        return x;
    }

    public static Tensor Use(Tensor x) => Run(x, 2);
}
