using LoopGen.Backends;
using LoopGen.Compilation;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Onnx.Export;
using LoopGen.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;
using Ort = Microsoft.ML.OnnxRuntime;

namespace LoopGen.Onnx;

/// <summary>
/// Runs LoopGen modules on ONNX Runtime's CPU provider: each compiled signature is exported to ONNX
/// (<see cref="OnnxExport"/>) and loaded into one <see cref="InferenceSession"/>, cached by the compile cache like any
/// executable and disposed with the backend. Tensors are host arrays; a run reads inputs in place and writes outputs
/// straight into new arrays (OrtValues over pinned managed memory, no copies).
/// </summary>
public sealed class OnnxRuntimeBackend : IBackend, IDisposable
{
    private static readonly Lazy<OnnxRuntimeBackend> s_shared = new(() => new OnnxRuntimeBackend());

    private const string EagerPrefix = "eager_";

    private readonly SessionOptions _options;
    private readonly SessionOptions _eagerOptions;
    private readonly RunOptions _run = new();
    private volatile bool _disposed;
    private int _sessionsCreated;
    private int _sessionsLive;

    /// <summary>A backend whose sessions use <paramref name="intraOpThreads"/> threads each (0: ONNX Runtime's default, one per core).</summary>
    public OnnxRuntimeBackend(int intraOpThreads = 0)
    {
        _options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        // One-op modules of eager dispatch run on the calling thread: a session per op kind, each with a thread pool of
        // its own, would park a pool per op for work too small to split.
        _eagerOptions = new SessionOptions
        {
            IntraOpNumThreads = 1,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
    }

    /// <summary>One process-wide instance (the CLI's <c>--backend onnx</c>).</summary>
    public static OnnxRuntimeBackend Shared => s_shared.Value;

    /// <inheritdoc/>
    public string Name => "onnxruntime";

    /// <summary>The ONNX Runtime library's version, e.g. <c>1.31.1</c>.</summary>
    public static string RuntimeVersion => OrtEnv.Instance().GetVersionString();

    /// <inheritdoc/>
    /// <remarks>The backend takes ownership of <paramref name="data"/>, as the interpreter does: callers pass an array nobody writes afterwards.</remarks>
    public IDeviceBuffer Upload(Array data, TensorType type)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(type);
        var clr = type.DType.ClrType();
        if (data.Rank != 1 || data.GetType().GetElementType() != clr)
        {
            throw new ArgumentException($"a {type} buffer needs a one-dimensional {clr.Name}[], got {data.GetType().Name}", nameof(data));
        }
        if (data.LongLength != type.Shape.ElementCount)
        {
            throw new ArgumentException($"a {type} buffer needs {type.Shape.ElementCount} elements, got {data.LongLength}", nameof(data));
        }
        return new OnnxBuffer(type, data);
    }

    /// <inheritdoc/>
    public Array Download(IDeviceBuffer buffer) => (Array)Own(buffer).Data.Clone();

    /// <inheritdoc/>
    /// <exception cref="OnnxExportException">The module has an op or dtype without an ONNX mapping.</exception>
    /// <exception cref="OnnxBackendException">ONNX Runtime rejected the exported model.</exception>
    public IExecutable Compile(string mlirText)
    {
        ArgumentNullException.ThrowIfNull(mlirText);
        var module = MlirParser.Parse(mlirText);
        var model = Exporter.Export(module);
        var main = module.Main;
        bool eager = module.Name.StartsWith(EagerPrefix, StringComparison.Ordinal);
        return Load(model.ToBytes(), [.. main.Parameters.Select(p => p.Type)], main.ResultTypes, $"module @{module.Name}", eager ? _eagerOptions : _options);
    }

    /// <summary>
    /// Loads ONNX bytes (an exported model, or any model over LoopGen's dtypes with static shapes) as an executable of
    /// this backend; inputs and outputs follow the model's order.
    /// </summary>
    /// <exception cref="OnnxBackendException">ONNX Runtime rejected the model.</exception>
    internal IExecutable Load(byte[] bytes, IReadOnlyList<TensorType> parameterTypes, IReadOnlyList<TensorType> resultTypes, string what, SessionOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes, options ?? _options);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw new OnnxBackendException($"ONNX Runtime {RuntimeVersion} rejected the ONNX model of {what}: {e.Message}", e);
        }
        Interlocked.Increment(ref _sessionsCreated);
        Interlocked.Increment(ref _sessionsLive);
        return new OnnxExecutable(session, what, parameterTypes, resultTypes, () => Interlocked.Decrement(ref _sessionsLive));
    }

    /// <summary>Number of inference sessions this backend has created (one per compiled signature; eager ops count too).</summary>
    public int SessionsCreated => Volatile.Read(ref _sessionsCreated);

    /// <summary>Number of those sessions not yet disposed (0 once the backend is disposed).</summary>
    public int SessionsLive => Volatile.Read(ref _sessionsLive);

    /// <inheritdoc/>
    public IDeviceBuffer[] Execute(IExecutable executable, IReadOnlyList<IDeviceBuffer> arguments)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(arguments);
        if (executable is not OnnxExecutable exe) throw new ArgumentException($"the executable was compiled by another backend ({executable?.GetType().Name ?? "null"})", nameof(executable));
        if (arguments.Count != exe.ParameterTypes.Count)
        {
            throw new ArgumentException($"the module takes {exe.ParameterTypes.Count} arguments; {arguments.Count} given", nameof(arguments));
        }
        var inputs = new List<OrtValue>(arguments.Count);
        var outputs = new List<OrtValue>(exe.ResultTypes.Count);
        try
        {
            for (int i = 0; i < arguments.Count; i++)
            {
                var b = Own(arguments[i]);
                if (b.Type != exe.ParameterTypes[i]) throw new ArgumentException($"argument {i} is {b.Type}; the module expects {exe.ParameterTypes[i]}", nameof(arguments));
                inputs.Add(Wrap(b.Data, b.Type));
            }
            var results = new OnnxBuffer[exe.ResultTypes.Count];
            for (int i = 0; i < results.Length; i++)
            {
                var t = exe.ResultTypes[i];
                results[i] = new OnnxBuffer(t, Array.CreateInstance(t.DType.ClrType(), checked((int)t.Shape.ElementCount)));
                outputs.Add(Wrap(results[i].Data, t));
            }
            try
            {
                exe.Session.Run(_run, exe.InputNames, inputs, exe.OutputNames, outputs);
            }
            catch (Ort.OnnxRuntimeException e)
            {
                throw new OnnxBackendException($"ONNX Runtime failed to run {exe.Name}: {e.Message}", e);
            }
            return results;
        }
        finally
        {
            foreach (var v in inputs) v.Dispose();
            foreach (var v in outputs) v.Dispose();
        }
    }

    /// <inheritdoc/>
    public IDeviceBuffer[] ExecuteOp(Operation op, IReadOnlyList<IDeviceBuffer> arguments)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(arguments);
        // Eager ops run as one-op modules, compiled once per text and cached like any module.
        var body = new Block();
        var parameters = op.Operands.Select(v => body.AddArgument(v.Type)).ToArray();
        var single = new Operation(op.Name, parameters, [.. op.Results.Select(r => r.Type)], op.Attributes, op.Regions);
        body.Operations.Add(single);
        body.Operations.Add(new Operation(Ops.FuncReturn, single.Results, Array.Empty<TensorType>()));
        var module = new Module(EagerPrefix + op.Name.Replace("stablehlo.", "", StringComparison.Ordinal), [new Function("main", body, [.. single.Results.Select(r => r.Type)])]);
        var compiled = CompileCache.GetOrCompile(this, MlirPrinter.Print(module));
        return Execute(compiled.Executable, arguments);
    }

    /// <summary>An OrtValue over <paramref name="data"/> (pinned while the value lives): no copy in either direction.</summary>
    private static OrtValue Wrap(Array data, TensorType type)
    {
        var shape = Exporter.Dims(type.Shape);
        return data switch
        {
            float[] a => OrtValue.CreateTensorValueFromMemory(a, shape),
            double[] a => OrtValue.CreateTensorValueFromMemory(a, shape),
            int[] a => OrtValue.CreateTensorValueFromMemory(a, shape),
            long[] a => OrtValue.CreateTensorValueFromMemory(a, shape),
            bool[] a => OrtValue.CreateTensorValueFromMemory(a, shape),
            _ => throw new NotSupportedException($"the ONNX Runtime backend has no tensors of {type.DType.Name()}"),
        };
    }

    private static OnnxBuffer Own(IDeviceBuffer buffer) => buffer as OnnxBuffer
        ?? throw new ArgumentException($"expected an ONNX Runtime buffer, got {buffer?.GetType().Name ?? "null"}", nameof(buffer));

    /// <summary>Disposes every session compiled for this backend (they leave the compile cache) and the session options.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        CompileCache.Evict(this);
        _run.Dispose();
        _options.Dispose();
        _eagerOptions.Dispose();
    }
}
