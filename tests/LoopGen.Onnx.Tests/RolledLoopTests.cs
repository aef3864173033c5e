using LoopGen.Onnx.Tests.Support;

namespace LoopGen.Onnx.Tests;

/// <summary>
/// The exported graph stays rolled: one ONNX Loop per stablehlo.while and the same node count for N = 10, 1 000 and
/// 100 000 iterations (fori, while with a traced bound, a scan with stacked outputs, nested loops), and the loops run
/// to the interpreter's results.
/// </summary>
public sealed class RolledLoopTests
{
    private static readonly int[] s_trips = [10, 1_000, 100_000];

    private static void AssertRolled(Func<int, Lowered> lower, int whiles)
    {
        var models = s_trips.Select(n => (Lowered: lower(n), Model: OnnxExport.ToModel(lower(n)))).ToArray();
        foreach (var (lowered, model) in models)
        {
            Assert.Equal(whiles, lowered.WhileCount);
            Assert.Equal(whiles, model.CountNodes("Loop", Ir.Ops.While));
        }
        Assert.Single(models.Select(m => m.Model.NodeCount).Distinct());
        Assert.Single(models.Select(m => m.Model.ToBytes().Length / 16).Distinct()); // a few bytes of trip-count literal apart
    }

    [Fact]
    public void Fori_is_one_loop_whatever_the_trip_count()
    {
        AssertRolled(n => Jit.Compile((Tensor x) => Loop.Fori(0, n, (i, c) => c * 0.5f + i.Cast(DType.F32), x), "fori").Lower(Tensor.Zeros(DType.F32, 4)), 1);
    }

    [Fact]
    public void Scan_with_stacked_outputs_is_one_loop_with_scan_outputs_not_scatters()
    {
        static Lowered Lower(int n) => Jit.Compile((Tensor w, Tensor xs) => Loop.Scan((Tensor h, Tensor x) =>
        {
            var next = (Tensor.MatMul(w, h) + x).Tanh();
            return (next, next);
        }, Tensor.Zeros(DType.F32, 4), xs), "rnn").Lower(Tensor.Zeros(DType.F32, 4, 4), Tensor.Zeros(DType.F32, n, 4));
        AssertRolled(Lower, 1);
        // The stacked buffer is a Loop scan output: no ScatterND copies the whole buffer each iteration.
        Assert.Equal(0, OnnxExport.ToModel(Lower(1000)).CountNodes("ScatterND"));
    }

    [Fact]
    public void While_and_nested_loops_stay_rolled()
    {
        AssertRolled(n => Jit.Compile((Tensor x, Tensor limit) => Loop.Fori(0, n, (i, c) =>
            Loop.While(s => s.Sum() < limit, s => s * 2f + 1f, c) * 0.5f, x), "nested").Lower(Tensor.Zeros(DType.F32, 3), Tensor.Scalar(10f)), 2);
    }

    [Fact]
    public void A_thousand_step_scan_agrees_with_the_interpreter()
    {
        var rng = new Random(5);
        var w = Tensor.From(Enumerable.Range(0, 16).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(), 4, 4);
        var xs = Tensor.From(Enumerable.Range(0, 4000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(), 1000, 4);
        var f = Jit.Compile((Tensor w, Tensor xs) => Loop.Scan((Tensor h, Tensor x) =>
        {
            var next = (Tensor.MatMul(w, h) + x).Tanh();
            return (next, next.Sum());
        }, Tensor.Zeros(DType.F32, 4), xs, reverse: true), "rnn_reverse");
        BothEngines.AssertAgree(f.Lower(w, xs), [w, xs], relative: 1e-4, absolute: 1e-5);
    }

    [Fact]
    public void A_loop_with_a_data_dependent_trip_count_agrees_with_the_interpreter()
    {
        var f = Jit.Compile((Tensor n, Tensor x) => Loop.Fori(Tensor.Scalar(0), n, (i, c) => c + i.Cast(DType.S64), x), "fori_traced");
        foreach (var n in new[] { 0, 1, 7, 5000 })
        {
            BothEngines.AssertAgree(f.Lower(Tensor.Scalar(n), Tensor.Zeros(DType.S64, 2)).Text, [new[] { n }, new long[] { 3, -4 }]);
        }
    }
}
