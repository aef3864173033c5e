using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            try { x = x + 1; }
            catch (System.Exception) { x = x - 1; }
            finally { x = x * 1; }
        }
        return x;
    }
}
