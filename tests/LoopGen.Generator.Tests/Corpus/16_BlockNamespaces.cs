namespace A
{
    using LoopGen;
    namespace B.C
    {
        using Alias = LoopGen.Tensor;
        public static partial class K
        {
            [Compile]
            public static Alias Run(Alias x, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }
        }
    }
    public static class Use
    {
        public static Tensor Call(Tensor x) => B.C.K.Run(x, 1);
    }
}
