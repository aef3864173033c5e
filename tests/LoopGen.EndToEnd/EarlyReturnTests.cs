using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>The documented rule of early returns: both returns must give one type in compiled code.</summary>
public sealed class EarlyReturnTests
{
    [Fact]
    public void ReturnsOfTwoShapesFailClearlyInsteadOfBroadcasting()
    {
        var x = Results.Random(new Random(2), 2, 3);
        Assert.Equal([2, 3], EarlyReturnShapes.FirstRowOrAllEager(x, 2).Shape.ToArray());
        var e = Assert.Throws<InvalidOperationException>(() => EarlyReturnShapes.FirstRowOrAllCompiled(x, 2));
        Assert.Contains("the early return inside the compiled loop gives f32[3], the return after the loop gives f32[2,3]", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>An early return whose value has another shape than the return after the loop: a clear error when compiled.</summary>
public static partial class EarlyReturnShapes
{
    [Compile]
    public static Tensor FirstRowOrAll(Tensor x, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (x.Sum() > 100f) return x[0];
            x = x * 2f;
        }
        return x;
    }
}
