namespace LoopGen.EndToEnd.Kernels;

/// <summary>A collected list declared before an if on a static value, filled by the loop in one branch.</summary>
public static partial class HoistedLists
{
    [Compile]
    public static Tensor OneBranchFills(Tensor x, int n, bool scale)
    {
        var ys = new List<Tensor>();
        if (scale)
        {
            for (int i = 0; i < n; i++)
            {
                x = x * 0.5f;
                ys.Add(x);
            }
        }
        return Tensor.Stack(ys);
    }
}
