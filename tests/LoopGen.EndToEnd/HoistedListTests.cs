using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>A list declared before an if on a static value: filled by the branch's loop, or by no loop at all.</summary>
public sealed class HoistedListTests
{
    [Fact]
    public void TheBranchThatFillsItAgreesWithEager()
    {
        var x = Results.Random(new Random(4), 3);
        Results.AssertClose(HoistedLists.OneBranchFillsEager(x, 4, true), HoistedLists.OneBranchFillsCompiled(x, 4, true));
        Assert.Equal(1, HoistedLists.OneBranchFillsLower(x, 4, true).WhileCount);
    }

    [Fact]
    public void NoLoopFilledItFailsBothWaysAsAnEmptyStack()
    {
        var x = Results.Random(new Random(4), 3);
        var eager = Assert.Throws<ArgumentException>(() => HoistedLists.OneBranchFillsEager(x, 4, false));
        var compiled = Assert.Throws<ArgumentException>(() => HoistedLists.OneBranchFillsCompiled(x, 4, false));
        Assert.StartsWith("Stack: needs at least one tensor", eager.Message, StringComparison.Ordinal);
        Assert.StartsWith("Stack: needs at least one tensor", compiled.Message, StringComparison.Ordinal);
    }
}
