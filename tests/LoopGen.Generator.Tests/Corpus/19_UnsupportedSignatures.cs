using LoopGen;
namespace Demo;
public partial class K
{
    [Compile] public static Tensor Out(Tensor x, out int y) { y = 1; return x; }
    [Compile] public static Tensor In(in Tensor x) => x;
    [Compile] public static string Str(Tensor x) => "";
    [Compile] public static Tensor Dec(Tensor x, decimal d) => x;
    [Compile] public static Tensor Dyn(Tensor x, [Dynamic] (int, int) t) => x;
    [Compile] public static ref Tensor RefRet(Tensor[] x) => ref x[0];
    [Compile] public extern static Tensor Ext(Tensor x);
    [Compile] public static partial Tensor Part(Tensor x);
}
