namespace LoopGen.EndToEnd.Kernels;

/// <summary>Loops whose trip count depends on the data, each with its own bound for the gradient (Loop.MaxTrips).</summary>
public static partial class BoundedLoops
{
    /// <summary>Grows x until its largest element passes 10 (at most 12 steps), then shrinks it while its sum exceeds 1 (at most 30 steps).</summary>
    [Compile]
    public static Tensor GrowThenShrink(Tensor x, int n)
    {
        Loop.MaxTrips(12);
        for (int i = 0; i < n; i++)
        {
            x = x * 1.5f + 0.1f;
            if (x.Max() > 10f) break;
        }
        Loop.MaxTrips(30);
        while (x.Sum() > 1f)
        {
            x = x * 0.8f;
        }
        return x;
    }
}
