using System.Runtime.CompilerServices;
using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>
/// A loop body written as a helper taking the counter as an <c>int</c> (JAX's <c>body_fun(i, carry)</c>): the helper's
/// traced twin, a local function of the caller's twin with that parameter a Tensor, its own body lifted (an <c>if</c> on
/// the counter a <c>Loop.Cond</c>). Compared with <c>Snapshots/*.verified.cs</c> (<c>LOOPGEN_ACCEPT=1</c> accepts a
/// reviewed change); each output must compile with no error and no warning.
/// </summary>
public sealed class HelperTwinSnapshotTests
{
    private static void Verify((string Path, string Text)[] sources, [CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(sources));
        run.AssertClean();
        Snapshot.Verify(run.AllGeneratedText, testName);
    }

    [Fact]
    public void HelperTakingTheCounter() => Verify([("Source.cs", """
        using System;
        using LoopGen;

        namespace Demo;

        public static partial class Bodies
        {
            private static Tensor Step(Tensor x, int i) => x * i + 1;

            private static Tensor Clipped(Tensor x, int i, int limit = 3)
            {
                var y = x * 0.5f;
                if (i < limit) y = x + Math.Min(i, 2);
                return y;
            }

            [Compile]
            public static Tensor Fori(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = Step(x, i);
                for (int i = 0; i < n; i++) x = Clipped(x, i) + Other.Scale(x, i);
                return x;
            }
        }
        """), ("Other.cs", """
        namespace Demo;

        internal static class Other
        {
            internal static LoopGen.Tensor Scale(LoopGen.Tensor x, int k) => x * (k % 2);
        }
        """)]);

    [Fact]
    public void ListAndTupleVariableReturns() => Verify([("Source.cs", """
        using System.Collections.Generic;
        using LoopGen;

        namespace Demo;

        public static partial class Returns
        {
            [Compile]
            public static List<Tensor> States(Tensor xs, Tensor h)
            {
                var states = new List<Tensor>();
                foreach (var x in xs)
                {
                    h = (h + x).Tanh();
                    states.Add(h);
                }
                return states;
            }

            [Compile]
            public static (Tensor, (Tensor, int)) Counted(Tensor x, int n)
            {
                var t = (x, (x, 0));
                for (int i = 0; i < n; i++) t = (t.Item1 * 2f, (t.Item2.Item1 + 1f, t.Item2.Item2 + 1));
                return t;
            }

            [Compile]
            public static (Tensor, int) FirstAbove(Tensor x, int n)
            {
                var t = (x, 0);
                for (int i = 0; i < n; i++)
                {
                    t = (t.Item1 * 2f, t.Item2 + 1);
                    if (t.Item1.Sum() > 10f) return t;
                }
                return t;
            }
        }
        """)]);
}
