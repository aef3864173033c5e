using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile] int
    [Compile] public Tensor P { get; }
    [Compile] public static
}
[Compile]
