using LoopGen;
namespace Demo;
public abstract partial class K
{
    [Compile]
    public abstract Tensor Run(Tensor x);

    [Compile]
    public virtual Tensor Virt(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
}
public sealed partial class D : K
{
    public override Tensor Run(Tensor x) => x;
    public override Tensor Virt(Tensor x) => base.Virt(x);
}
