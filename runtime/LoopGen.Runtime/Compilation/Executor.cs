using LoopGen.Backends;
using LoopGen.Ir.Text;
using LoopGen.Tracing;

namespace LoopGen.Compilation;

/// <summary>Runs traced functions on a backend: argument buffers in, concrete tensors out.</summary>
internal static class Executor
{
    /// <summary>Runs a compiled module with explicit arguments followed by the captured tensors.</summary>
    public static Tensor[] Run(IBackend backend, IExecutable executable, IReadOnlyList<Tensor> arguments, IReadOnlyList<Tensor> captured, Tensor[] outputTemplate)
    {
        return Wrap(backend, backend.Execute(executable, Buffers(backend, arguments, captured)), outputTemplate);
    }

    /// <summary>
    /// The buffers of a call whose arguments are flat (each a tensor or a static value, see
    /// <see cref="Signature.Matches"/>): the tensors among <paramref name="args"/> in order, then the captured ones.
    /// The cached call's path: no tensor list is built on the way.
    /// </summary>
    public static IDeviceBuffer[] FlatBuffers(IBackend backend, object?[] args, int tensorCount, IReadOnlyList<Tensor> captured)
    {
        var buffers = new IDeviceBuffer[tensorCount + captured.Count];
        int next = 0;
        foreach (var a in args)
        {
            if (a is Tensor t) buffers[next++] = t.BufferOn(backend);
        }
        for (int i = 0; i < captured.Count; i++) buffers[next++] = captured[i].BufferOn(backend);
        return buffers;
    }

    /// <summary>The buffers of a call: <paramref name="arguments"/>, then the captured tensors.</summary>
    public static IDeviceBuffer[] Buffers(IBackend backend, IReadOnlyList<Tensor> arguments, IReadOnlyList<Tensor> captured)
    {
        var buffers = new IDeviceBuffer[arguments.Count + captured.Count];
        for (int i = 0; i < arguments.Count; i++) buffers[i] = arguments[i].BufferOn(backend);
        for (int i = 0; i < captured.Count; i++) buffers[arguments.Count + i] = captured[i].BufferOn(backend);
        return buffers;
    }

    /// <summary>The output buffers of one execution as concrete tensors, bounded outputs sliced to their lengths.</summary>
    public static Tensor[] Wrap(IBackend backend, IDeviceBuffer[] outputs, Tensor[] outputTemplate)
    {
        var results = new Tensor[outputTemplate.Length];
        for (int i = 0; i < results.Length; i++) results[i] = Tensor.Concrete(outputs[i], backend, outputTemplate[i].IsWeak);
        if (outputs.Length > results.Length) TrimBounded(backend, outputs, outputTemplate, results);
        return results;
    }

    /// <summary>
    /// Bounded outputs come back padded, their valid lengths as extra s32 results after the outputs: each length is read
    /// once per call and the output sliced to it on the backend (on PJRT, a slice executed on the device).
    /// </summary>
    private static void TrimBounded(IBackend backend, IDeviceBuffer[] outputs, Tensor[] outputTemplate, Tensor[] results)
    {
        int next = outputTemplate.Length;
        using var scoped = Backend.Use(backend);
        for (int i = 0; i < outputTemplate.Length; i++)
        {
            if (outputTemplate[i].Bounds is not { Mask: not 0 } bounds) continue;
            var starts = new int[results[i].Rank];
            var sizes = results[i].Type.Shape.ToArray();
            foreach (int axis in bounds.Axes) sizes[axis] = ((int[])backend.Download(outputs[next++]))[0];
            results[i] = results[i].SliceStatic(starts, sizes);
        }
    }

    /// <summary>
    /// Traces <paramref name="fn"/> over <paramref name="inputs"/>, compiles it (cached by module text) and runs it
    /// at once: how a loop written outside any compiled function still runs as one rolled module.
    /// </summary>
    public static Tensor[] TraceAndRun(string name, Tensor[] inputs, Func<Tensor[], Tensor[]> fn)
    {
        var traced = Tracer.Trace(name, inputs, fn);
        var backend = Backend.Current;
        var text = MlirPrinter.Print(traced.Module);
        var compiled = CompileCache.GetOrCompile(backend, text, traced.Module, CompileKey.Of(traced.Module, text), out _);
        return Run(backend, compiled.Executable, inputs, traced.Captured, traced.OutputTemplate);
    }
}
