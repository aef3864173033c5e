namespace LoopGen.EndToEnd.Kernels;

/// <summary>A compiled method calling another one (traced inline: its loop nests in the caller's).</summary>
public static partial class Calls
{
    [Compile]
    public static Tensor CallsCompiled(Tensor x, int n)
    {
        for (int i = 0; i < n; i++) x = ForLoops.CumulativeAdd(x, 2) * 0.5f;
        return x;
    }
}
