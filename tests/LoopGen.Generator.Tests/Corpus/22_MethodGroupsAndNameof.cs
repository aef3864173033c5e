using System;
using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }

    public static Func<Tensor, Tensor> Group() => Run;
    public static string Name() => nameof(Run);
    public static Tensor Lambda(Tensor x) => ((Func<Tensor, Tensor>)(t => Run(t)))(x);
}
