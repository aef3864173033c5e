using LoopGen;
namespace Demo;
public static partial class K
{
    private static readonly object Gate = new();

    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            lock (Gate) { x = x + 1; }
        }
        return x;
    }
}
