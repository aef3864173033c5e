using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Conformance.Running;
using LoopGen.Ir.Text;

namespace LoopGen.Onnx.Tests.Support;

/// <summary>Runs one module's text on the interpreter and on ONNX Runtime and compares the results.</summary>
internal static class BothEngines
{
    public static Array[] Run(IBackend backend, string text, params Array[] inputs)
    {
        var main = MlirParser.Parse(text).Main;
        var exe = backend.Compile(text);
        var args = inputs.Select((a, i) => backend.Upload((Array)a.Clone(), main.Parameters[i].Type)).ToArray();
        return [.. backend.Execute(exe, args).Select(backend.Download)];
    }

    /// <summary>Asserts that ONNX Runtime gives the interpreter's results: bit for bit unless tolerances are given (NaN matches NaN).</summary>
    public static Array[] AssertAgree(string text, Array[] inputs, double relative = 0, double absolute = 0)
    {
        var expected = Run(InterpreterBackend.Instance, text, inputs);
        var actual = Run(Backends.Ort, text, inputs);
        var agreement = Agreement.Of(expected, actual, relative, absolute);
        Assert.True(agreement.Agrees, agreement.Detail);
        return expected;
    }

    /// <summary>As <see cref="AssertAgree(string, Array[], double, double)"/> for a lowered function and its tensor inputs.</summary>
    public static Array[] AssertAgree(Lowered lowered, Tensor[] inputs, double relative = 0, double absolute = 0) =>
        AssertAgree(lowered.Text, [.. inputs.Select(Host)], relative, absolute);

    public static Array Host(Tensor t) => t.DType switch
    {
        DType.F32 => t.ToArray<float>(),
        DType.F64 => t.ToArray<double>(),
        DType.S32 => t.ToArray<int>(),
        DType.S64 => t.ToArray<long>(),
        DType.Pred => t.ToArray<bool>(),
        _ => throw new NotSupportedException(t.DType.Name()),
    };
}
