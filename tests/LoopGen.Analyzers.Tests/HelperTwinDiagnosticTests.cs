using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// Helpers called with a traced number for a number parameter run as traced twins; where a twin cannot stand in for
/// the helper, the call gets a diagnostic that says why and what to write (the parameter declared Tensor).
/// </summary>
public sealed class HelperTwinDiagnosticTests
{
    private static string Kernel(string members) => $$"""
        using System;
        using LoopGen;

        namespace User;

        public static partial class K
        {
        {{members}}
        }

        public static class Other
        {
            private static readonly float Factor = 0.5f;

            public static Tensor Decay(Tensor x, int i) => x * Factor + i;
        }

        public sealed partial class Obj
        {
            private readonly float w = 2f;

            public Tensor Scaled(Tensor x, int i) => x * w + i;

            [Compile]
            public Tensor Run(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = Scaled(x, i);
                return x;
            }
        }
        """;

    [Fact]
    public void A_counter_the_helper_uses_as_a_size_is_LG0009_at_the_call()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                private static Tensor Body(Tensor x, int i) => x + Tensor.Zeros(DType.F32, new[] { i });

                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = {|LG0009:Body(x, i)|};
                    return x;
                }
            """));
        var message = d[0].GetMessage();
        Assert.Contains("'Body' is called with a number the compiled code computes", message, StringComparison.Ordinal);
        Assert.Contains("in 'Body', line", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recursive_helper_says_it_calls_itself()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                private static Tensor Rec(Tensor x, int i) => i <= 0 ? x : Rec(x * 0.5f, i - 1);

                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = {|LG0009:Rec(x, i)|};
                    return x;
                }
            """));
        Assert.Contains("it calls itself", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("as Tensor", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_helper_reading_a_member_private_to_its_type_names_it()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++) x = {|LG0009:Other.Decay(x, i)|};
                    return x;
                }
            """));
        Assert.Contains("it reads 'Factor', which 'K' (where the twin is written) cannot reach", d[0].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("declare 'i' of 'Decay' as Tensor", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_helper_of_another_object_is_refused()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, int n)
                {
                    var o = new Obj();
                    for (int i = 0; i < n; i++) x = {|LG0009:o.Scaled(x, i)|};
                    return x;
                }
            """));
        Assert.Contains("an instance method called on another object", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_helper_reading_a_field_the_caller_shadows_says_to_write_this()
    {
        var d = AnalyzerHarness.Verify("""
            using LoopGen;

            namespace User;

            public sealed partial class Obj
            {
                private readonly float w = 2f;

                private Tensor Scaled(Tensor x, int i) => x * w + i;

                [Compile]
                public Tensor Run(Tensor x, int n)
                {
                    var w = x;
                    for (int i = 0; i < n; i++) x = {|LG0009:Scaled(x, i)|};
                    return x + w;
                }
            }
            """);
        Assert.Contains("write this.w in 'Scaled'", d[0].GetMessage(), StringComparison.Ordinal);
    }
}
