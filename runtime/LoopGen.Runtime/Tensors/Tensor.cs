using System.Runtime.CompilerServices;
using System.Text;
using LoopGen.Backends;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

/// <summary>
/// An immutable n-dimensional array. A tensor is either <em>concrete</em> (its data lives in a buffer of a
/// backend) or <em>symbolic</em> (a value in a trace under construction, inside a compiled function or a loop
/// body). Operations on concrete tensors run at once on the current backend; operations on symbolic tensors
/// are recorded as StableHLO.
/// </summary>
public sealed partial class Tensor
{
    private readonly IDeviceBuffer? _buffer;
    private readonly IBackend? _backend;

    private Tensor(IDeviceBuffer buffer, IBackend backend, bool weak)
    {
        _buffer = buffer;
        _backend = backend;
        Type = buffer.Type;
        IsWeak = weak;
    }

    private Tensor(Value value, TraceScope scope, bool weak)
    {
        Symbol = new SymbolicValue(value, scope);
        Type = value.Type;
        IsWeak = weak;
    }

    /// <summary>The element type.</summary>
    public DType DType => Type.DType;

    /// <summary>The dimensions.</summary>
    public Shape Shape => Bounds is { Mask: not 0 } b ? Type.Shape.WithBounded(b.Mask) : Type.Shape;

    /// <summary>Number of dimensions.</summary>
    public int Rank => Type.Shape.Rank;

    /// <summary>True while this tensor is a value in a trace (inside a compiled function or loop body).</summary>
    public bool IsTraced => Symbol is not null;

    /// <summary>The element type and shape as one value.</summary>
    internal TensorType Type { get; }

    /// <summary>
    /// True for a scalar made from a C# literal by implicit conversion: like JAX's weak types, it adopts the
    /// dtype of the tensor it is combined with (<c>x_f32 + 1</c> stays f32).
    /// </summary>
    internal bool IsWeak { get; }

    /// <summary>Where a symbolic tensor lives in the trace; null for a concrete tensor.</summary>
    internal SymbolicValue? Symbol { get; }

    internal readonly record struct SymbolicValue(Value Value, TraceScope Scope);

    internal static Tensor Symbolic(Value value, TraceScope scope, bool weak) => new(value, scope, weak);

    internal static Tensor Concrete(IDeviceBuffer buffer, IBackend backend, bool weak = false) => new(buffer, backend, weak);

    // ---- Creation ---------------------------------------------------------------------------------------

    /// <summary>
    /// A tensor holding a copy of <paramref name="data"/> (row-major) with the given shape; with no shape, a
    /// vector of the data's length. Inside a trace it is a constant of the module.
    /// </summary>
    public static Tensor From<T>(T[] data, params int[] shape)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From((ReadOnlySpan<T>)data, shape);
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> (row-major) with the given shape.</summary>
    public static Tensor From<T>(ReadOnlySpan<T> data, params int[] shape)
        where T : unmanaged
    {
        var s = shape is null || shape.Length == 0 ? new Shape(data.Length) : new Shape(shape);
        if (s.ElementCount != data.Length)
        {
            throw new ArgumentException(
                $"Tensor.From: {data.Length} elements do not fill shape {s} ({s.ElementCount} elements)", nameof(data));
        }
        return FromArray(data.ToArray(), new TensorType(DTypes.Of<T>(), s), weak: false);
    }

    /// <summary>A 0-d tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar<T>(T value)
        where T : unmanaged
        => FromArray(new[] { value }, TensorType.Scalar(DTypes.Of<T>()), weak: false);

    /// <summary>
    /// Wraps a host array this runtime owns (nobody else may write it). Inside a trace the data becomes a
    /// <c>stablehlo.constant</c>; outside, a buffer on the current backend.
    /// </summary>
    internal static Tensor FromArray(Array data, TensorType type, bool weak)
    {
        if (TraceScope.Current is { } scope)
        {
            var op = new Operation(Ops.Constant, [], [type], [new NamedAttr("value", new DenseAttr(type, data))]);
            var constant = scope.Append(op, weak)[0];
            // A 0-d integer constant's value is its range: sizes derived from it get a bound (docs/bounded-sizes.md).
            return type.Shape.Rank == 0 && data is int[] or long[] ? constant.With(null, ValueRange.Of(System.Convert.ToInt64(data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture))) : constant;
        }
        var backend = Backends.Backend.Current;
        return new Tensor(backend.Upload(data, type), backend, weak);
    }

    /// <summary>A weakly typed 0-d s32 tensor (adopts the other operand's dtype in arithmetic).</summary>
    public static implicit operator Tensor(int value) => FromArray(new[] { value }, TensorType.Scalar(DType.S32), weak: true);

    /// <summary>A weakly typed 0-d s64 tensor.</summary>
    public static implicit operator Tensor(long value) => FromArray(new[] { value }, TensorType.Scalar(DType.S64), weak: true);

    /// <summary>A weakly typed 0-d f32 tensor.</summary>
    public static implicit operator Tensor(float value) => FromArray(new[] { value }, TensorType.Scalar(DType.F32), weak: true);

    /// <summary>A weakly typed 0-d f64 tensor.</summary>
    public static implicit operator Tensor(double value) => FromArray(new[] { value }, TensorType.Scalar(DType.F64), weak: true);

    /// <summary>A 0-d pred tensor.</summary>
    public static implicit operator Tensor(bool value) => FromArray(new[] { value }, TensorType.Scalar(DType.Pred), weak: true);

    // ---- Reading values ---------------------------------------------------------------------------------

    /// <summary>Copies the elements to a new row-major array. <typeparamref name="T"/> must be the dtype's element type.</summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        CheckElementType<T>(nameof(ToArray));
        return (T[])ReadHost();
    }

    /// <summary>The value of a one-element tensor. <typeparamref name="T"/> must be the dtype's element type.</summary>
    public T Item<T>()
        where T : unmanaged
    {
        CheckElementType<T>(nameof(Item));
        if (Shape.ElementCount != 1)
        {
            throw new InvalidOperationException($"Item<{typeof(T).Name}>() needs a tensor of one element; this one is {Type}");
        }
        return ((T[])ReadHost())[0];
    }

    private void CheckElementType<T>(string method)
    {
        if (DType.ClrType() != typeof(T))
        {
            throw new InvalidOperationException(
                $"{method}<{typeof(T).Name}>() on a {DType.Name()} tensor: use {method}<{DType.ClrType().Name}>(), or Cast first");
        }
    }

    /// <summary>The backend buffer of a concrete tensor (throws for a symbolic one).</summary>
    internal IDeviceBuffer Buffer => _buffer ?? throw NotConcrete("read the buffer of");

    /// <summary>The backend that owns a concrete tensor's buffer.</summary>
    internal IBackend Owner => _backend ?? throw NotConcrete("find the backend of");

    /// <summary>
    /// This tensor's buffer on <paramref name="backend"/>: copied device to device where the backends allow it, else
    /// through the host.
    /// </summary>
    internal IDeviceBuffer BufferOn(IBackend backend) =>
        ReferenceEquals(Owner, backend) ? Buffer
        : (backend as IDirectCopy)?.TryCopyFrom(Owner, Buffer) ?? backend.Upload(Owner.Download(Buffer), Type);

    internal Array ReadHost() => Owner.Download(Buffer);

    private InvalidOperationException NotConcrete(string what) => Compilation.InlinedResults.MethodOf(this) is { } method
        ? new(
            $"{method}: cannot {what} its result ({Type}), a traced tensor: {method} was called inside a trace (Jit.Grad, "
            + "Jit.Compile or a compiled caller), where it is traced inline, so its results exist only when the compiled code runs "
            + "and a C# number it returns (read back with Item) cannot be produced. Inside the trace, call a method that returns "
            + $"only Tensors (the number as a Tensor); call {method} outside the trace where you need the number.")
        : new(
            $"cannot {what} a traced tensor ({Type}): its value is only known when the compiled code runs. "
            + "Read values after the compiled call returns, or use tensor operations (Tensor.Where, Loop.While) instead of C# control flow.");

    // ---- Conditions ---------------------------------------------------------------------------------------

    /// <summary>
    /// A 0-d pred tensor as a C# condition: eagerly, its value. A traced condition cannot steer C# control
    /// flow; the generator lifts it (docs/design.md, semantics 8), and by hand use <c>Loop.While</c> or <c>Tensor.Where</c>.
    /// </summary>
    public static bool operator true(Tensor t) => t.AsCondition();

    /// <summary>The negation of <see cref="op_True"/>.</summary>
    public static bool operator false(Tensor t) => !t.AsCondition();

    private bool AsCondition()
    {
        if (DType != DType.Pred || Shape.Rank != 0)
        {
            throw new InvalidOperationException($"a condition must be a 0-d pred tensor; this one is {Type}");
        }
        if (IsTraced)
        {
            throw new InvalidOperationException(
                "a traced tensor was used as a C# condition (if/while/?:/&&). Inside [Compile] methods the generator lifts such "
                + "conditions; in hand-written traced code use Loop.While for loops and Tensor.Where for values.");
        }
        return Item<bool>();
    }

    // ---- Operation dispatch -----------------------------------------------------------------------------

    /// <summary>
    /// Applies one operation: recorded in the current trace when there is one, else run at once on the current
    /// backend. Every tensor operation goes through here, so eager and traced code share one definition.
    /// </summary>
    internal static Tensor[] Apply(
        string name,
        ReadOnlySpan<Tensor> operands,
        IReadOnlyList<TensorType> resultTypes,
        IReadOnlyList<NamedAttr>? attributes = null,
        IReadOnlyList<Block>? regions = null,
        bool weak = false)
    {
        if (TraceScope.Current is { } scope)
        {
            var values = new Value[operands.Length];
            for (int i = 0; i < values.Length; i++) values[i] = scope.Use(operands[i]);
            var traced = scope.Append(new Operation(name, values, resultTypes, attributes, regions), weak);
            return BoundedOps.Involved(operands, resultTypes) ? BoundedOps.Propagate(name, operands, traced, attributes) : traced;
        }

        var backend = Backends.Backend.Current;
        var placeholders = new Value[operands.Length];
        var buffers = new IDeviceBuffer[operands.Length];
        for (int i = 0; i < operands.Length; i++)
        {
            var t = operands[i];
            if (t.IsTraced) throw t.NotConcrete("run an eager operation on");
            placeholders[i] = new Value(t.Type);
            buffers[i] = t.BufferOn(backend);
        }
        var outputs = backend.ExecuteOp(new Operation(name, placeholders, resultTypes, attributes, regions), buffers);
        var results = new Tensor[outputs.Length];
        for (int i = 0; i < results.Length; i++) results[i] = new Tensor(outputs[i], backend, weak);
        return results;
    }

    /// <summary>Applies a single-result operation; see <see cref="Apply"/>.</summary>
    internal static Tensor Apply1(
        string name,
        ReadOnlySpan<Tensor> operands,
        TensorType resultType,
        IReadOnlyList<NamedAttr>? attributes = null,
        IReadOnlyList<Block>? regions = null,
        bool weak = false)
        => Apply(name, operands, [resultType], attributes, regions, weak)[0];

    // ---- Identity -----------------------------------------------------------------------------------------

    /// <summary>Reference equality: <c>==</c> on tensors compares elements, so this is the only identity test.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <inheritdoc/>
    public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);

    /// <summary>
    /// <c>Tensor(f32[3]: [1, 2, 3])</c> for a concrete tensor (long ones elided), <c>Tensor(f32[3], traced)</c> otherwise.
    /// </summary>
    public override string ToString()
    {
        if (IsTraced) return $"Tensor({DType.Name()}{Shape}, traced)"; // a bounded axis prints as <=bound
        var data = ReadHost();
        var sb = new StringBuilder("Tensor(").Append(Type).Append(": ");
        if (Shape.Rank == 0)
        {
            sb.Append(Format(data.GetValue(0)));
        }
        else
        {
            sb.Append('[');
            int n = Math.Min(data.Length, 16);
            for (int i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(Format(data.GetValue(i)));
            }
            if (data.Length > n) sb.Append(", …");
            sb.Append(']');
        }
        return sb.Append(')').ToString();
    }

    private static string Format(object? v) => v switch
    {
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
