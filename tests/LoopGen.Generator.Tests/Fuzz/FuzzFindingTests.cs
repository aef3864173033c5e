using System.Reflection;
using LoopGen.Generator.Tests.Support;
using LoopGen.Generator.Tests.Variants;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// What <see cref="LoopBodyConstructTests"/> found: a switch expression guarded by a tensor (<c>when x.Sum() &gt; 0f</c>)
/// was left as C# and threw when traced; it now lifts to selects and gives the plain method's answer. (The refusals it
/// found, LG0024 and LG0018, are tested with the analyzers.)
/// </summary>
public sealed class FuzzFindingTests
{
    private const string Source = """
        namespace Fz;
        public static partial class K
        {
            [Compile]
            public static Tensor Guarded(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x.Rank switch { 0 => x, 1 when x.Sum() > 0f => x * 2f, _ => -x };
                return x;
            }
        }
        """;

    [Fact]
    public void TensorGuardedSwitchLiftsAndAgreesWithEagerAndByHand()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("K.cs", Source), ("GlobalUsings.cs", ProjectFiles.GlobalUsings)));
        run.AssertClean();
        Assert.DoesNotContain("is not compiled", run.AllGeneratedText, StringComparison.Ordinal);
        var k = KernelRunner.Load(run.Output).GetType("Fz.K")!;
        var compiled = k.GetMethod("GuardedCompiled", BindingFlags.Public | BindingFlags.Static)!;
        var eager = k.GetMethod("GuardedEager", BindingFlags.Public | BindingFlags.Static)!;
        // [0.5, -2]: sum -1.5, so -x = [-0.5, 2]; sum 1.5 > 0, so 2x = [-1, 4]; sum 3 > 0, so [-2, 8].
        foreach (var (n, expected) in new[] { (0, new[] { 0.5f, -2f }), (2, new[] { -1f, 4f }), (3, new[] { -2f, 8f }) })
        {
            foreach (var method in new[] { compiled, eager })
            {
                var result = (Tensor)method.Invoke(null, [Tensor.From(new[] { 0.5f, -2f }, 2), n])!;
                Assert.Equal(expected, result.ToArray<float>());
            }
        }
    }
}
