using LoopGen;
namespace Demo;
public partial class K
{
    private readonly Tensor _bias = Tensor.Scalar(1f);

    [Compile]
    public Tensor Instance(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x + _bias;
        return x;
    }

    [Compile]
    public static Tensor Static(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = x - 1;
        return x;
    }

    public Tensor Use(Tensor x) => Instance(x, 1) + Static(x, 1) + this.Instance(x, 2) + new K().Instance(x, 3);
}
