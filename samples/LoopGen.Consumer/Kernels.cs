using LoopGen;

namespace LoopGen.Consumer;

/// <summary>A user's kernel: a plain C# loop, compiled by the generator that came with the package.</summary>
public static partial class Kernels
{
    /// <summary>PyTorch/XLA's loop guide (docs/fori_loop.md): [0] plus one, <paramref name="n"/> times → [n].</summary>
    [Compile]
    public static Tensor CumulativeAdd(Tensor init, int n)
    {
        for (int i = 0; i < n; i++)
            init = init + 1;
        return init;
    }
}
