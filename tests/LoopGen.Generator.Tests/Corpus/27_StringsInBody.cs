using LoopGen;
namespace Demo;
public static partial class K
{
    [Compile]
    public static Tensor Run(Tensor x, int n)
    {
        var text = @"line one
    line two";
        var raw = """
            raw {x}
            """;
        for (int i = 0; i < n; i++) x = x + text.Length + raw.Length;
        return x;
    }

    public static Tensor Use(Tensor x) => Run(x, 1);
}
