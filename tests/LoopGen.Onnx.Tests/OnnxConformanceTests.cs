using LoopGen.Backends.Interpreter;
using LoopGen.Conformance.Corpus;
using LoopGen.Conformance.Running;

namespace LoopGen.Onnx.Tests;

/// <summary>
/// The whole conformance corpus (every op family and loop form, tests/LoopGen.Conformance) exported to ONNX and run
/// by ONNX Runtime, against the interpreter: exact for integers and booleans, within each case's tolerance for floats
/// (atol + rtol·|expected|, 1e-5 + 1e-4 by default). Session creation is ONNX Runtime's own check of every model.
/// </summary>
public sealed class OnnxConformanceTests
{
    private static readonly int s_seed = Random.Shared.Next();
    private static readonly Lazy<Dictionary<string, ConformanceCase>> s_cases = new(() => ConformanceCorpus.Build(s_seed).ToDictionary(c => c.Name));

    public static TheoryData<string> Names() => [.. ConformanceCorpus.Build(0).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_case_agrees_with_the_interpreter_on_onnx_runtime(string name)
    {
        var c = s_cases.Value[name];
        var expected = CaseRunner.Run(InterpreterBackend.Instance, c).Results;
        var actual = CaseRunner.Run(Backends.Ort, c).Results;
        var agreement = Agreement.Of(expected, actual, c.RelativeTolerance, c.AbsoluteTolerance);
        Assert.True(agreement.Agrees, $"{name} (seed {s_seed}): {agreement.Detail}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_case_exports_one_loop_per_while(string name)
    {
        var c = s_cases.Value[name];
        var module = Ir.Text.MlirParser.Parse(c.Text);
        var model = OnnxExport.ToModel(module);
        Assert.Equal(module.CountOperations(Ir.Ops.While), model.CountNodes("Loop", Ir.Ops.While));
    }
}
