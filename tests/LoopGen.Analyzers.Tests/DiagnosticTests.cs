using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>Each diagnostic on the smallest method that shows it (positive) and on the nearest method that is fine (negative).</summary>
public sealed class DiagnosticTests
{
    private static string Kernel(string members) => $$"""
        using LoopGen;

        namespace User;

        public static partial class K
        {
            private static int _count;

        {{members}}
        }
        """;

    // ---- LG0001 method cannot be compiled ----

    [Theory]
    [InlineData("public static Tensor {|LG0001:Generic|}<T>(Tensor x) => x;", "generic methods are not supported")]
    [InlineData("public static void {|LG0001:NoResult|}(Tensor x) { }", "it returns nothing")]
    [InlineData("public static async System.Threading.Tasks.Task<Tensor> {|LG0001:Later|}(Tensor x) { await System.Threading.Tasks.Task.Yield(); return x; }", "async methods are not supported")]
    [InlineData("public static Tensor {|LG0001:ByRef|}(ref Tensor x) => x;", "parameter 'x' is passed by reference (ref)")]
    [InlineData("public static Tensor {|LG0001:Texts|}(string s) => Tensor.Scalar(1f);", "parameter 's' has type 'string'")]
    public void LG0001_MethodCannotBeCompiled(string method, string reason)
    {
        var d = AnalyzerHarness.Verify(Kernel("    [Compile]\n    " + method));
        Assert.Contains(reason, d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0001_NotOnASupportedSignature() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static (Tensor, Tensor) Pair(Tensor x, int n, [Dynamic] float scale, Tensor[] more) => (x * scale, more[0]);
        """));

    // ---- LG0002 containing type not partial ----

    [Fact]
    public void LG0002_TypeNotPartial()
    {
        var d = AnalyzerHarness.Verify("""
            using LoopGen;

            public static partial class Outer
            {
                public static class {|LG0002:Inner|}
                {
                    [Compile]
                    public static Tensor Twice(Tensor x) => x * 2f;

                    [Compile]
                    public static Tensor Thrice(Tensor x) => x * 3f;
                }
            }
            """);
        Assert.Equal("'Inner' must be partial: LoopGen adds the compiled entries of its [Compile] method 'Twice' to it", d[0].GetMessage());
    }

    [Fact]
    public void LG0002_NotOnPartialTypesNorTypesWithoutCompile() => AnalyzerHarness.Verify("""
        using LoopGen;

        public static partial class Outer
        {
            public static partial class Inner
            {
                [Compile]
                public static Tensor Twice(Tensor x) => x * 2f;
            }
        }

        public static class Plain
        {
            public static Tensor Twice(Tensor x) => x * 2f;
        }
        """);

    // ---- LG0003 unsupported statement ----

    [Fact]
    public void LG0003_TryAndReturnInALoop()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0003:try { x = x + 1f; } finally { }|}
                        if (n > 10) {|LG0003:return x;|}
                    }
                    return x;
                }
            """));
        Assert.Contains("'try' inside the loop at line 12", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'return' inside the loop at line 12", d[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0003_NotOnTheSameStatementsOutsideLoops() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                if (n > 10) return x;
                for (int i = 0; i < n; i++)
                {
                    x = x + 1f;
                }
                return x;
            }
        """));

    // ---- LG0004 untraceable call ----

    [Fact]
    public void LG0004_ConsoleClockRandomAndVoidHelpers()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0004:Console.WriteLine("step")|};
                        var t = {|LG0004:DateTime.Now|};
                        x = x + {|LG0004:Random.Shared|}.NextSingle();
                        {|LG0004:Log(x)|};
                        var r = {|LG0004:new Random(1)|};
                    }
                    if (x.Sum() > 0f)
                    {
                        {|LG0004:File.WriteAllText("log.txt", "")|};
                    }
                    return x;
                }

                private static void Log(Tensor x) { }
            """));
        Assert.StartsWith("'Console.WriteLine' does input or output; inside the loop at line 12 it would run once, while tracing", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("under the traced condition at line 20", d[5].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0004_NotOnTensorMathHelpersAndCompiledCallees() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                Console.WriteLine("before the loop: runs when tracing, as written");
                for (int i = 0; i < n; i++)
                {
                    x = Step(x) * (float)Math.Sqrt(2.0) + Twice(x);
                }
                return x;
            }

            private static Tensor Step(Tensor x) => x.Tanh();

            [Compile]
            public static Tensor Twice(Tensor x) => x * 2f;
        """));

    // ---- LG0005 outside state written ----

    [Fact]
    public void LG0005_FieldAndArrayElement()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n, Tensor[] log)
                {
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0005:_count = 3|};
                        {|LG0005:log[0] = x|};
                        x = x + 1f;
                    }
                    return x;
                }
            """));
        Assert.Contains("static field '_count'", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("an element of 'log'", d[1].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0005_NotOnLocals() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                _count = 3;
                var y = x;
                for (int i = 0; i < n; i++)
                {
                    y = y * 0.5f;
                    x = x + y;
                }
                return x;
            }
        """));

    // ---- LG0006 carry shape varies ----

    [Fact]
    public void LG0006_ConcatStackPadExpandAndReshapeByTheCounter()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    var acc = Tensor.Zeros(DType.F32, 0);
                    var st = x;
                    var padded = x;
                    var grown = x;
                    var shaped = x;
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0006:acc = Tensor.Concat([acc, x], 0)|};
                        {|LG0006:st = Tensor.Stack(new[] { st, x })|};
                        {|LG0006:padded = padded.Pad([1], [0])|};
                        {|LG0006:grown = grown.ExpandDims(0)|};
                        {|LG0006:shaped = shaped.Reshape(i + 1, -1)|};
                    }
                    return acc + st + padded + grown + shaped;
                }
            """));
        Assert.StartsWith("'acc' changes shape every iteration (it is concatenated onto itself", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Collect the pieces in a List<Tensor>", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0006_NotOnShapeKeepingReassignments() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                var window = Tensor.Concat([x, x], 0);
                var padded = x;
                var flat = x;
                for (int i = 0; i < n; i++)
                {
                    window = Tensor.Concat([x * 2f, x], 0);
                    padded = padded.Pad([0], [0]);
                    flat = flat.Reshape(-1);
                }
                return window + padded + flat;
            }
        """));

    // ---- LG0007 carry type varies ----

    [Fact]
    public void LG0007_CastToAnotherDType()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    var acc = Tensor.Zeros(DType.F32, 3);
                    var ints = Tensor.Zeros<int>(3);
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0007:acc = (acc + x).Cast(DType.F64)|};
                        {|LG0007:ints = ints.Cast<long>()|};
                    }
                    return acc + ints;
                }
            """));
        Assert.StartsWith("'acc' starts as F32 (line 12) but is assigned a F64 tensor here", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0007_NotOnTheSameDTypeOrACastBack() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n, Tensor p)
            {
                var acc = Tensor.Zeros(DType.F32, 3);
                var back = Tensor.Zeros(DType.F32, 3);
                for (int i = 0; i < n; i++)
                {
                    acc = (acc + x).Cast(DType.F32);
                    back = back.Cast(DType.F64);
                    back = (back * 2.0).Cast(DType.F32);
                    p = p.Cast(DType.F64);
                }
                return acc + back + p;
            }
        """));

    // ---- LG0008 unsupported carry ----

    [Fact]
    public void LG0008_StringCarry()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    string trail = "";
                    {|LG0008:for (int i = 0; i < n; i++)
                    {
                        trail = trail + "a";
                        x = x + 1f;
                    }|}
                    return x;
                }
            """));
        Assert.StartsWith("'trail' is carried by the loop but has type string", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0008_NotOnNumbersTuplesAndTensors() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                double d = 1;
                var pair = (x, x);
                for (int i = 0; i < n; i++)
                {
                    d *= 0.5;
                    pair = (pair.Item2, pair.Item1 + d);
                }
                return pair.Item1;
            }
        """));

    // ---- LG0009 traced number used as a C# value ----

    [Fact]
    public void LG0009_CarriedIntUsedAsAValue()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    int count = 0;
                    for (int i = 0; i < n; i++) count += 2;
                    {|LG0009:Console.WriteLine(count)|};
                    return x + count;
                }
            """));
        Assert.StartsWith("'count' is a int that the compiled code computes", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0009_NotOnArithmeticAndReturns() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                int count = 0;
                for (int i = 0; i < n; i++) count += 2;
                return x * count + (count > 3 ? 1f : 0f);
            }
        """));

    // ---- LG0010 collected output needs a static trip count (and LG0012 says why the count is dynamic) ----

    [Fact]
    public void LG0010_CollectedInADynamicLoop() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, [Dynamic] int n)
            {
                var ys = new List<Tensor>();
                for (int i = 0; i < {|LG0012:n|}; i++)
                {
                    {|LG0010:ys.Add(x);|}
                }
                return Tensor.Stack(ys);
            }
        """));

    [Fact]
    public void LG0010_NotWithAStaticBound() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                var ys = new List<Tensor>();
                for (int i = 0; i < n; i++)
                {
                    ys.Add(x + i);
                }
                return Tensor.Stack(ys);
            }
        """));

    // ---- LG0011 collected output misused ----

    [Fact]
    public void LG0011_ListReadInTheLoopAndAfterIt()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    var ys = new List<Tensor>();
                    for (int i = 0; i < n; i++)
                    {
                        ys.Add(x);
                        if ({|LG0011:ys|}.Count > 3) x = x + 1f;
                    }
                    return {|LG0011:ys|}[0];
                }
            """));
        Assert.Contains("may only be used as 'ys.Add(value);'", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0011_NotOnConcatOrSpreadIntoConcat() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                var ys = new List<Tensor>();
                for (int i = 0; i < n; i++) ys.Add(x + i);
                var zs = new List<Tensor>();
                for (int i = 0; i < n; i++) zs.Add(x * i);
                return Tensor.Concat(ys, 0) + Tensor.Concat([x, .. zs], 0).Sum();
            }
        """));

    // ---- LG0012 dynamic trip count ----

    [Fact]
    public void LG0012_WhileDoBreakAndTracedBounds()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, Tensor limit, int n)
                {
                    while ({|LG0012:x.Sum() > limit|}) x = x * 0.5f;
                    do { x = x + 1f; } while ({|LG0012:x.Max() < limit|});
                    for (int i = 0; i < n; i++)
                    {
                        x = x * 1.5f;
                        if (x.Max() > 10f) {|LG0012:break;|}
                    }
                    for (int i = 0; i < {|LG0012:limit|}; i++) x = x + 1f;
                    for (int i = 0; i < n; i++)
                    {
                        for (int j = 0; j < {|LG0012:i|}; j++) x = x + 1f;
                    }
                    return x;
                }
            """));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, d[0].Severity);
        Assert.Contains("(a while loop)", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'break' at line 17 may end it early", d[2].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'limit' is a tensor", d[3].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'i' is computed by the compiled code", d[4].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0012_NotOnStaticBoundsForeachOrUnrolled() => AnalyzerHarness.Verify(Kernel("""
            private const int Steps = 4;

            [Compile]
            public static Tensor M(Tensor x, Tensor xs, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1f;
                for (int i = 0; i < Steps; i++) x = x + 1f;
                for (int i = 0; i < xs.Shape[0]; i++) x = x + 1f;
                foreach (var row in xs) x = x + row;
                return x;
            }

            [Compile(Loops = LoopMode.Unrolled)]
            public static Tensor U(Tensor x, Tensor limit)
            {
                while (x.Sum() > limit) x = x * 0.5f;
                return x;
            }
        """));

    // ---- LG0013 recompiles per value (off by default) ----

    [Fact]
    public void LG0013_ParameterOnlySetsTripCounts()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, {|LG0013:int n|})
                {
                    for (int i = 0; i < n; i++) x = x + 1f;
                    for (int i = 0; i < n * 2; i++) x = x * 0.5f;
                    return x;
                }
            """), enableAll: true);
        Assert.Contains("'n' only sets trip counts", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void LG0013_NotWhenUsedOtherwiseCollectedDynamicOrOffByDefault()
    {
        AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor Used(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = x + 1f;
                    return x * n;
                }

                [Compile]
                public static Tensor Collects(Tensor x, int n)
                {
                    var ys = new List<Tensor>();
                    for (int i = 0; i < n; i++) ys.Add(x + i);
                    return Tensor.Stack(ys);
                }

                [Compile]
                public static Tensor AlreadyDynamic(Tensor x, [Dynamic] int n)
                {
                    for (int i = 0; i < {|LG0012:n|}; i++) x = x + 1f;
                    return x;
                }
            """), enableAll: true);
        AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = x + 1f;
                    return x;
                }
            """));
    }

    // ---- Robustness ----

    [Fact]
    public void NothingOnCodeThatDoesNotCompileOrIsNotCompile() => AnalyzerHarness.Verify(Kernel("""
            public static Tensor NotCompiled(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) { Console.WriteLine("fine"); x = Tensor.Concat([x, x], 0); }
                return x;
            }
        """));
}
