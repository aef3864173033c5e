using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Expr(Tensor x) => x + 1;

    [Compile]
    public static Tensor Local(Tensor x, int n)
    {
        Tensor Step(Tensor t) => t * 2f;
        for (int i = 0; i < n; i++) x = Step(x);
        return x;
    }

    public static Tensor Use(Tensor x) => Expr(x) + Local(x, 2);
}
