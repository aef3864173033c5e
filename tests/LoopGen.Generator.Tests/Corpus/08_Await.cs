using System.Threading.Tasks;
using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static async Task<Tensor> Run(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) { await Task.Yield(); x = x + 1; }
        return x;
    }

    [Compile]
    public static Tensor Awaits(Tensor x)
    {
        await Task.Delay(1);
        return x;
    }
}
