namespace LoopGen.Onnx.Tests;

/// <summary>The ONNX Runtime backend the tests share (sessions stay cached between tests, as in an application).</summary>
internal static class Backends
{
    public static OnnxRuntimeBackend Ort => OnnxRuntimeBackend.Shared;

    public static LoopGen.Backends.Interpreter.InterpreterBackend Interpreter => LoopGen.Backends.Interpreter.InterpreterBackend.Instance;
}
