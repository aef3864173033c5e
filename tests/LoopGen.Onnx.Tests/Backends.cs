namespace LoopGen.Onnx.Tests;

/// <summary>
/// The ONNX Runtime backend the tests share (sessions stay cached between tests, as in an application). One intra-op
/// thread per session: the cases are small and the CI machine has two cores; the samples' CLI tests run the default.
/// </summary>
internal static class Backends
{
    private static readonly Lazy<OnnxRuntimeBackend> s_ort = new(() => new OnnxRuntimeBackend(intraOpThreads: 1));

    public static OnnxRuntimeBackend Ort => s_ort.Value;

    public static LoopGen.Backends.Interpreter.InterpreterBackend Interpreter => LoopGen.Backends.Interpreter.InterpreterBackend.Instance;
}
