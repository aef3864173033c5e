using LoopGen;
namespace Demo;
public partial class Outer
{
    public partial struct Middle
    {
        private partial class Inner
        {
            [Compile]
            public static Tensor Run(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }

            public static Tensor Use(Tensor x) => Run(x, 2);
        }
    }
}
