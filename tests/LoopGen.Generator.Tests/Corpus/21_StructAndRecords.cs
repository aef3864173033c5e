using LoopGen;
namespace Demo;
public readonly partial struct S
{
    [Compile] public Tensor Inst(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
    [Compile] public static Tensor Stat(Tensor x) { for (int i = 0; i < 2; i++) x = x + 1; return x; }
}
public partial record R(int A)
{
    [Compile] public Tensor Inst(Tensor x) { for (int i = 0; i < A; i++) x = x + 1; return x; }
}
public partial record struct RS(int A)
{
    [Compile] public static Tensor Stat(Tensor x, int n) { for (int i = 0; i < n; i++) x = x + 1; return x; }
}
