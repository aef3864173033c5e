using LoopGen;
namespace Demo;
public partial interface IK
{
    [Compile] static Tensor Run(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
}
file partial class Hidden
{
    [Compile] public static Tensor Run(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
    public static Tensor Use(Tensor x) => Run(x);
}
