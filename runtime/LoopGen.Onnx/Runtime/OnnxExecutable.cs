using LoopGen.Backends;
using LoopGen.Ir;
using Microsoft.ML.OnnxRuntime;

namespace LoopGen.Onnx.Runtime;

/// <summary>One compiled signature: an <see cref="InferenceSession"/> over the exported model, with its I/O names and types.</summary>
internal sealed class OnnxExecutable : IExecutable, IDisposable
{
    private Action? _onDispose;

    public OnnxExecutable(InferenceSession session, string name, IReadOnlyList<TensorType> parameterTypes, IReadOnlyList<TensorType> resultTypes, Action onDispose)
    {
        _onDispose = onDispose;
        Session = session;
        Name = name;
        ParameterTypes = parameterTypes;
        ResultTypes = resultTypes;
        InputNames = session.InputNames;
        OutputNames = session.OutputNames;
    }

    public InferenceSession Session { get; }

    /// <summary>What the model is, for messages: <c>module @name</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> InputNames { get; }

    public IReadOnlyList<string> OutputNames { get; }

    public IReadOnlyList<TensorType> ParameterTypes { get; }

    public IReadOnlyList<TensorType> ResultTypes { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _onDispose, null) is not { } done) return;
        Session.Dispose();
        done();
    }
}
