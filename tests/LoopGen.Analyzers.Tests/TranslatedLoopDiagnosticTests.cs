using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The loops translated from JAX's, PyTorch's and PyTorch/XLA's loop tests (tests/LoopGen.EndToEnd/Kernels/LoopSuite.cs)
/// that do not lift as first written: each gets its diagnostic at the line, and the message says what to write instead
/// (the written-instead form is the kernel that lifts, run end to end there).
/// </summary>
public sealed class TranslatedLoopDiagnosticTests
{
    private static string Kernel(string members) => $$"""
        using System.Collections.Generic;
        using LoopGen;

        namespace User;

        public static partial class K
        {
        {{members}}
        }
        """;

    [Fact]
    public void A_helper_body_taking_the_counter_as_an_int_lifts() => AnalyzerHarness.Verify(Kernel("""
            private static Tensor Body(int i, Tensor v) => v * 0.5f + i;

            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = Body(i, x);
                return x;
            }
        """));

    [Fact]
    public void A_helper_body_with_a_Tensor_counter_lifts() => AnalyzerHarness.Verify(Kernel("""
            private static (Tensor A, Tensor B) Step((Tensor A, Tensor B) s, Tensor i) => (s.B * 0.5f, s.A + s.B * i);

            [Compile]
            public static Tensor M(Tensor a, Tensor b, int n)
            {
                var s = (A: a, B: b);
                for (int i = 0; i < n; i++) s = Step(s, i);
                return s.A + s.B;
            }
        """));

    [Fact]
    public void A_named_argument_to_a_number_parameter_lifts_too() => AnalyzerHarness.Verify(Kernel("""
            private static Tensor Body(Tensor v, float scale) => v * scale;

            [Compile]
            public static Tensor M(Tensor x, int n)
            {
                float s = 1f;
                for (int i = 0; i < n; i++)
                {
                    s *= 0.5f;
                    x = Body(scale: s, v: x);
                }
                return x;
            }
        """));

    [Fact]
    public void A_list_of_hidden_states_returned_whole_lifts() => AnalyzerHarness.Verify(Kernel("""
            // torch scan test_scan_RNN: the ys of the scan, returned as the list the loop filled.
            [Compile]
            public static List<Tensor> HiddenStates(Tensor xs, Tensor w, Tensor h)
            {
                var states = new List<Tensor>();
                for (int t = 0; t < xs.Shape[0]; t++)
                {
                    h = Tensor.Tanh(Tensor.MatMul(w, h) + xs[t]);
                    states.Add(h);
                }
                return states;
            }
        """));

    [Fact]
    public void A_list_returned_other_than_as_the_collected_list_says_what_to_return()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static List<Tensor> Pair(Tensor x)
                {
                    var ys = new List<Tensor> { x, x * 2f };
                    {|LG0011:return ys;|}
                }
            """));
        Assert.Contains("a method returning List<Tensor> compiles when it returns the list a loop fills", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_enumerable_of_tensors_says_to_return_the_list()
    {
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static IEnumerable<Tensor> {|LG0001:HiddenStates|}(Tensor xs, Tensor h)
                {
                    var states = new List<Tensor>();
                    foreach (var x in xs) { h = (h + x).Tanh(); states.Add(h); }
                    return states;
                }
            """));
        Assert.Contains("return the List<Tensor> the loop fills", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_array_carry_says_to_use_locals_or_a_tuple()
    {
        // torch while_loop test_while_loop_with_pytree_inputs: the pytree as a C# array written element by element.
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor a, Tensor b, int n)
                {
                    Tensor[] state = [a, b];
                    for (int i = 0; i < n; i++)
                    {
                        {|LG0005:state[0] = state[0] + state[1]|};
                        {|LG0005:state[1] = state[1] * 0.5f|};
                    }
                    return state[0] - state[1];
                }
            """));
        Assert.All(d, x => Assert.Contains("keep the elements in locals or in a tuple", x.GetMessage(), StringComparison.Ordinal));
    }

    [Fact]
    public void An_early_return_of_a_tuple_lifts_and_notes_the_dynamic_trip_count()
    {
        // torch while_loop: the loop returns (x, i) as soon as the data passes a threshold (one result carry per element).
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static (Tensor X, int At) M(Tensor x, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        x = x * 1.5f;
                        if (x.Sum() > 6f) {|LG0012:return (x, i);|}
                    }
                    return (x, -1);
                }
            """));
        Assert.Contains("('return' at line 14 may end it early): it runs with while semantics", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bound_read_from_a_tensor_argument_says_to_pass_a_number_or_compare_tensors()
    {
        // torch_xla fori_loop(lower, upper, ...) with tensor bounds, the upper bound read back to an int before the loop.
        var d = AnalyzerHarness.Verify(Kernel("""
                [Compile]
                public static Tensor M(Tensor x, Tensor upper)
                {
                    int n = {|LG0018:upper.Item<int>()|};
                    for (int i = 0; i < n; i++) x = x + 0.5f;
                    return x;
                }
            """));
        Assert.Contains("reads tensor argument 'upper' back to C#", d[0].GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_bound_in_the_loop_and_a_read_after_the_compiled_call_are_no_LG0018() => AnalyzerHarness.Verify(Kernel("""
            [Compile]
            public static Tensor M(Tensor x, Tensor upper)
            {
                for (Tensor i = 0; {|LG0012:i < upper|}; i += 1) x = x + 0.5f;
                return x;
            }

            public static int Caller(Tensor x, Tensor upper) => M(x, upper).Sum().Item<int>();
        """));
}
