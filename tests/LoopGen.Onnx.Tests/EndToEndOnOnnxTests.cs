using LoopGen.Backends;
using LoopGen.EndToEnd;
using LoopGen.Onnx.Tests.Support;

namespace LoopGen.Onnx.Tests;

/// <summary>
/// Every <c>[Compile]</c> kernel of the end-to-end tests (the generator's lifted loops: for, while, do, foreach,
/// break/continue, nested, collected outputs, calls) run with ONNX Runtime as the backend and with the interpreter, on
/// the same fresh inputs: the compiled results agree (integers and booleans exactly, floats within 1e-4·max(1, |x|)),
/// and so do the eager runs, whose ops each run on ONNX Runtime as one-op models.
/// </summary>
public sealed class EndToEndOnOnnxTests
{
    public static TheoryData<string> Names() => [.. KernelCase.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_agrees_with_the_interpreter(string name)
    {
        int seed = Environment.TickCount;
        var kernel = KernelCase.All[name];
        (object Compiled, object Eager) expected, actual;
        using (Backend.Use(Backends.Interpreter)) expected = kernel.Run(new Random(seed));
        using (Backend.Use(Backends.Ort)) actual = kernel.Run(new Random(seed));
        try
        {
            ResultComparer.AssertClose(expected.Compiled, actual.Compiled, "compiled");
            ResultComparer.AssertClose(expected.Eager, actual.Eager, "eager");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{name}, seed {seed}: {e.Message}", e);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Kernel_exports_one_loop_per_while(string name)
    {
        var kernel = KernelCase.All[name];
        if (kernel.Lower is null) return; // fixed trip count: covered by the run above
        var lowered = kernel.Lower(4);
        Assert.Equal(lowered.WhileCount, OnnxExport.ToModel(lowered).CountNodes("Loop", Ir.Ops.While));
    }
}
