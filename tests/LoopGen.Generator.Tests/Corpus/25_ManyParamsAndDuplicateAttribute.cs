using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile, Compile]
    public static Tensor Twice(Tensor x) => x;

    [Compile]
    public static Tensor Nine(Tensor a, Tensor b, Tensor c, Tensor d, Tensor e, Tensor f, Tensor g, Tensor h, Tensor i) => a;

    [Compile(Loops = (LoopMode)7)]
    public static Tensor OddMode(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
}
