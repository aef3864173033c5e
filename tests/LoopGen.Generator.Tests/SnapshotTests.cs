using System.Runtime.CompilerServices;
using LoopGen.Generator.Tests.Support;

namespace LoopGen.Generator.Tests;

/// <summary>
/// The generated code of every construct, compared with <c>Snapshots/*.verified.cs</c>; each output must also compile
/// with no error and no warning. The twin bodies come from the lifter: when it changes, review the diffs and accept
/// them with <c>LOOPGEN_ACCEPT=1</c>.
/// </summary>
public sealed class SnapshotTests
{
    private static void Verify(string source, [CallerMemberName] string testName = "") =>
        Verify([("Source.cs", source)], testName);

    private static void Verify((string Path, string Text)[] sources, [CallerMemberName] string testName = "")
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(sources));
        run.AssertClean();
        Snapshot.Verify(run.AllGeneratedText, testName);
    }

    [Fact]
    public void StaticForLoop() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor CumulativeAdd(Tensor init, int n)
            {
                var acc = init;
                for (int i = 0; i < n; i++)
                {
                    acc = acc + i;
                }
                return acc;
            }

            public static Tensor Caller(Tensor x) => CumulativeAdd(x, 10);
        }
        """);

    [Fact]
    public void CounterFormsAndConditions() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Counters
        {
            private const int Steps = 4;

            [Compile]
            public static Tensor Forms(Tensor x, int n)
            {
                for (int i = 0; i <= n; i += 2) x = x + i;
                for (int i = n; i > 0; i--) x = x * 1.5f;
                for (int i = n; i >= 0; i -= 3) x = x - 1;
                for (int i = 0, j = n; i != j; i++, j--) x = x + j;
                for (int i = 0; i < Steps; ++i) x = x + 1;
                return x;
            }
        }
        """);

    [Fact]
    public void WhileDoAndForeach() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Loops
        {
            [Compile]
            public static Tensor Halve(Tensor x, Tensor limit)
            {
                while (x.Sum() > limit) x = x * 0.5f;
                do { x = x + 1; } while (x.Sum() < limit);
                return x;
            }

            [Compile]
            public static Tensor SumRows(Tensor[] rows)
            {
                var total = Tensor.ZerosLike(rows[0]);
                foreach (var row in rows) total = total + row;
                return total;
            }
        }
        """);

    [Fact]
    public void NestedLoopsBreakContinueAndIf() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Control
        {
            [Compile]
            public static Tensor Nested(Tensor x, int rows, int cols)
            {
                for (int i = 0; i < rows; i++)
                {
                    for (int j = 0; j < cols; j++)
                    {
                        if (x.Sum() > 100f) break;
                        if (j == 1) continue;
                        if (x.Max() > 10f) x = x - 1f;
                        else x = x + j;
                    }
                }
                return x;
            }
        }
        """);

    [Fact]
    public void EarlyReturnOfATuple() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Search
        {
            [Compile]
            public static (Tensor Value, int Step) Find(Tensor x, int n)
            {
                var acc = x;
                for (int i = 0; i < n; i++)
                {
                    acc = acc * 0.5f;
                    if (acc.Sum() < 1f) return (acc, i);
                }
                return (acc, -1);
            }
        }
        """);

    [Fact]
    public void CollectedOutputs() => Verify("""
        using System.Collections.Generic;
        using LoopGen;

        namespace Demo;

        public static partial class Collect
        {
            [Compile]
            public static (Tensor Stacked, Tensor Joined) Outputs(Tensor x, int n)
            {
                var ys = new List<Tensor>();
                var zs = new List<Tensor>();
                for (int i = 0; i < n; i++)
                {
                    x = x * 2f;
                    ys.Add(x);
                    zs.Add(x + 1f);
                }
                return (Tensor.Stack(ys), Tensor.Concat(zs, 0));
            }
        }
        """);

    [Fact]
    public void PrimitiveCarriesAndTuples() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Carries
        {
            [Compile]
            public static (Tensor Value, int Count) Count(Tensor x, (int Start, float Scale) config, bool flag, long big, double d)
            {
                int count = config.Start;
                float s = config.Scale;
                for (int i = 0; i < 3; i++)
                {
                    count += 1;
                    s *= 2f;
                    big += 1;
                    d *= 0.5;
                    flag = !flag;
                    x = x * s;
                }
                return (x + d + big, count);
            }

            [Compile]
            public static float Scalar(float a, int n)
            {
                for (int i = 0; i < n; i++) a *= 1.5f;
                return a;
            }
        }
        """);

    [Fact]
    public void InstanceMethod() => Verify("""
        using LoopGen;

        namespace Demo;

        public sealed partial class Model
        {
            private readonly float _scale;

            public Model(float scale) => _scale = scale;

            [Compile]
            public Tensor Apply(Tensor x, int steps)
            {
                for (int i = 0; i < steps; i++) x = x * _scale;
                return x;
            }

            public Tensor Run(Tensor x) => Apply(x, 3);
        }

        public static class User
        {
            public static Tensor Use(Model m, Tensor x) => m.Apply(x, 2);
        }
        """);

    [Fact]
    public void NestedPartialTypes() => Verify("""
        using LoopGen;

        namespace Demo.Deep
        {
            public static partial class Outer
            {
                internal partial class Middle
                {
                    public static partial class Inner
                    {
                        [Compile]
                        public static Tensor Step(Tensor x, int n)
                        {
                            for (int i = 0; i < n; i++) x = x + 1;
                            return x;
                        }
                    }
                }

                public static Tensor Call(Tensor x) => Middle.Inner.Step(x, 2);
            }
        }
        """);

    [Fact]
    public void OverloadsAndCrossFileCalls() => Verify(
        [
            ("Kernels.cs", """
                using LoopGen;

                namespace Demo;

                public static partial class Over
                {
                    [Compile]
                    public static Tensor Scale(Tensor x, int n)
                    {
                        for (int i = 0; i < n; i++) x = x * 2f;
                        return x;
                    }

                    [Compile]
                    public static Tensor Scale(Tensor x, Tensor factor, int n)
                    {
                        for (int i = 0; i < n; i++) x = x * factor;
                        return x;
                    }
                }
                """),
            ("Callers.cs", """
                using LoopGen;

                namespace Demo.Use;

                public static class Callers
                {
                    public static Tensor A(Tensor x) => Over.Scale(x, 2) + Over.Scale(x, 3);

                    public static Tensor B(Tensor x) => Over.Scale(x, x, 4);

                    public static System.Func<Tensor, int, Tensor> Group() => Over.Scale;
                }
                """),
        ]);

    [Fact]
    public void CallsAnotherCompiledMethod() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Chain
        {
            [Compile]
            public static Tensor Inner(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }

            [Compile]
            public static Tensor Outer(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = Inner(x, 2) * 0.5f;
                return x;
            }
        }
        """);

    [Fact]
    public void DynamicParameterAndUnrolled() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Modes
        {
            [Compile]
            public static Tensor Dynamic(Tensor x, [Dynamic] int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }

            [Compile(Loops = LoopMode.Unrolled)]
            public static Tensor Unrolled(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }
        }
        """);

    [Fact]
    public void NotCompiledMethodsBecomeComments() => Verify("""
        using System.Collections.Generic;
        using LoopGen;

        namespace Demo;

        public partial class Rejects
        {
            [Compile]
            public static T Generic<T>(T x) => x;

            [Compile]
            public static Tensor RefParam(ref Tensor x) => x;

            [Compile]
            public static Tensor Unsupported(List<Tensor> xs) => xs[0];

            [Compile]
            public static Tensor DynamicTensor([Dynamic] Tensor x) => x;

            [Compile]
            public static void NoResult(Tensor x) { }

            [Compile]
            public static Tensor ParamsArray(params Tensor[] xs) => xs[0];

            [Compile]
            public static Tensor ExpressionBodied(Tensor x) => x + 1;

            [Compile]
            public static IEnumerable<Tensor> Iterator(Tensor x) { yield return x; }

            [Compile]
            public static Tensor Clash(Tensor x) => x;

            public static Tensor ClashCompiled(Tensor x) => x;

            [Compile]
            public static Tensor Many(Tensor a, Tensor b, Tensor c, Tensor d, Tensor e, Tensor f, Tensor g, Tensor h, Tensor i) => a;

            public static Tensor Call(Tensor x) => RefParam(ref x) + Unsupported([x]);
        }

        public partial struct Point
        {
            [Compile]
            public Tensor Instance(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = x + 1;
                return x;
            }

            [Compile]
            public static Tensor Static(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = x + 1;
                return x;
            }
        }
        """);

    [Fact]
    public void NonPartialTypesGetNoFile() => Verify("""
        using LoopGen;

        namespace Demo;

        public static class NotPartial
        {
            [Compile]
            public static Tensor Run(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = x + 1;
                return x;
            }
        }

        public static class Outer
        {
            public static partial class InnerPartial
            {
                [Compile]
                public static Tensor Run(Tensor x)
                {
                    for (int i = 0; i < 2; i++) x = x + 1;
                    return x;
                }
            }
        }

        public static class Calls
        {
            public static Tensor Use(Tensor x) => NotPartial.Run(x) + Outer.InnerPartial.Run(x);
        }
        """);

    [Fact]
    public void GlobalNamespaceKeywordsAndUnicode() => Verify("""
        using LoopGen;
        using T = LoopGen.Tensor;

        public static partial class @class
        {
            [Compile]
            public static T Σ(T @int, int @for)
            {
                var ñ = @int;
                for (int @in = 0; @in < @for; @in++) ñ = ñ + @in;
                return ñ;
            }

            [Compile]
            public static Tensor @event(Tensor self)
            {
                for (int i = 0; i < 2; i++) self = self * 2;
                return self;
            }

            public static T Use(T x) => Σ(x, 3) + @event(x);
        }
        """);

    [Fact]
    public void BlockNamespacesWithUsingsAndAccessibility() => Verify("""
        namespace Outer
        {
            using LoopGen;

            namespace Inner
            {
                using System.Collections.Generic;

                internal partial record Holder
                {
                    [Compile]
                    internal static Tensor Internal(Tensor x)
                    {
                        var list = new List<Tensor> { x };
                        for (int i = 0; i < 2; i++) list.Add(list[^1] + 1);
                        return Tensor.Stack(list);
                    }

                    [Compile]
                    private static Tensor Private(Tensor x)
                    {
                        for (int i = 0; i < 2; i++) x = x + 1;
                        return x;
                    }

                    [Compile]
                    protected internal Tensor ProtectedInternal(Tensor x)
                    {
                        for (int i = 0; i < 2; i++) x = x + 1;
                        return x;
                    }

                    internal Tensor Use(Tensor x) => Internal(x) + Private(x) + ProtectedInternal(x);
                }
            }
        }
        """);

    [Fact]
    public void ZeroAndEightParameters() => Verify("""
        using LoopGen;

        namespace Demo;

        public static partial class Arity
        {
            [Compile]
            public static Tensor None()
            {
                Tensor x = 0f;
                for (int i = 0; i < 3; i++) x = x + 1f;
                return x;
            }

            [Compile]
            public static Tensor Eight(Tensor a, Tensor b, Tensor c, Tensor d, int e, long f, float g, double h)
            {
                for (int i = 0; i < e; i++) a = a + b * c - d;
                return a + f + g + h;
            }

            public static Tensor Use(Tensor x) => None() + Eight(x, x, x, x, 1, 2, 3, 4);
        }
        """);
}
