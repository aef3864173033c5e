namespace LoopGen.EndToEnd.Kernels;

/// <summary>A helper in another part of <see cref="HelperBodies"/> (another file).</summary>
public static partial class HelperBodies
{
    private static Tensor PartStep(Tensor x, int i) => x - 0.1f * i;
}
