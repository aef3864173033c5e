using LoopGen.EndToEnd.Kernels;
using LoopGen.EndToEnd.Support;

namespace LoopGen.EndToEnd;

/// <summary>
/// Every <c>[Compile]</c> kernel run both ways on fresh random inputs (the plain method is the oracle), and its
/// lowered module inspected: one <c>stablehlo.while</c> per loop, and an op count that does not grow with the trip count.
/// </summary>
public sealed class EndToEndTests
{
    public static TheoryData<string> Names() => [.. KernelCase.All.Keys];

    public static TheoryData<string> RolledWithVariableTrip() =>
        [.. KernelCase.All.Values.Where(c => c.Lower is not null && c.Loops > 0).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void CompiledAgreesWithEager(string name)
    {
        int seed = Environment.TickCount;
        for (int round = 0; round < 3; round++)
        {
            var (compiled, eager) = KernelCase.All[name].Run(new Random(seed + round));
            try
            {
                Results.AssertClose(eager, compiled);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{name}, seed {seed + round}: {e.Message}", e);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void OneWhilePerLoop(string name)
    {
        var c = KernelCase.All[name];
        var lowered = c.Lower is { } lower ? lower(4) : LowerFixed(name);
        Assert.Equal(c.Loops, lowered.WhileCount);
    }

    [Theory]
    [MemberData(nameof(RolledWithVariableTrip))]
    public void OpCountDoesNotGrowWithTripCount(string name)
    {
        var lower = KernelCase.All[name].Lower!;
        Assert.Equal(lower(3).OpCount, lower(7).OpCount);
    }

    [Fact]
    public void UnrolledModeTracesThePlainLoop()
    {
        var lower = KernelCase.All["UnrolledAdd"].Lower!;
        Assert.Equal(0, lower(3).WhileCount);
        Assert.True(lower(7).OpCount > lower(3).OpCount, "the unrolled control group grows with the trip count");
    }

    [Fact]
    public void ALoopWithNoIterationThatCollectsGivesTheSameErrorBothWays()
    {
        // Stacking what a loop of zero iterations collected: Tensor.Stack of an empty list fails eagerly, and the
        // compiled call fails with the same error, never an empty tensor the plain method cannot produce.
        var x = Results.Random(new Random(3), 2);
        var eager = Assert.Throws<ArgumentException>(() => Collect.StackOutputsEager(x, 0));
        var compiled = Assert.Throws<ArgumentException>(() => Collect.StackOutputsCompiled(x, 0));
        Assert.StartsWith("Stack: needs at least one tensor", eager.Message, StringComparison.Ordinal);
        Assert.StartsWith("Stack: needs at least one tensor", compiled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWindowPastTheEndFailsBothWaysNamingTheRange()
    {
        // xs has 3 rows; the loop reads xs[i..(i + 2)] for i = 0, 1, 2: the last window ends past the axis.
        var xs = Results.Random(new Random(5), 3, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => Windows.SlidingSumEager(xs, 3));
        var compiled = Assert.Throws<ArgumentOutOfRangeException>(() => Windows.SlidingSumCompiled(xs, 3));
        Assert.Contains("range 2..4 is out of bounds for axis 0 of size 3", compiled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainCallsInTheProjectAreInterceptedAndAgree()
    {
        // This call is intercepted to CumulativeAddCompiled (the project sets InterceptorsNamespaces).
        var x = Results.Random(new Random(7), 3);
        Results.AssertClose(ForLoops.CumulativeAddEager(x, 4), ForLoops.CumulativeAdd(x, 4));
    }

    [Fact]
    public void InstancesCompileSeparately()
    {
        var x = Results.Random(new Random(3), 3);
        var a = new Scaler(0.5f);
        var b = new Scaler(2f);
        Results.AssertClose(a.ApplyEager(x, 3), a.ApplyCompiled(x, 3));
        Results.AssertClose(b.ApplyEager(x, 3), b.ApplyCompiled(x, 3));
    }

    [Fact]
    public void AtLeastTwentyFiveKernels() => Assert.True(KernelCase.All.Count >= 25);

    private static Lowered LowerFixed(string name) => name switch
    {
        "ConstBound" => ForLoops.ConstBoundLower(Results.Random(new Random(1), 5)),
        "LiteralBound" => ForLoops.LiteralBoundLower(Results.Random(new Random(1), 5)),
        _ => throw new ArgumentException("no fixed lowering for " + name, nameof(name)),
    };
}
