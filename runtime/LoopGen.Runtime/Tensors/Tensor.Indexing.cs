using System.Runtime.CompilerServices;
using LoopGen.Ir;
using LoopGen.Tracing;

namespace LoopGen;

public sealed partial class Tensor
{
    /// <summary>
    /// What an index selects, per axis: a static start and size, or a dynamic start (a 0-d integer tensor), and
    /// whether the axis is dropped from the result.
    /// </summary>
    private readonly record struct IndexPlan(int[] Starts, int[] Sizes, Tensor?[] DynamicStarts, bool[] Drop, bool[]? Windows = null)
    {
        public bool IsDynamic => DynamicStarts.Any(t => t is not null);

        public Shape SlicedShape => new(Sizes);

        public Shape ResultShape
        {
            get
            {
                var dims = new List<int>();
                for (int i = 0; i < Sizes.Length; i++) if (!Drop[i]) dims.Add(Sizes[i]);
                return new Shape([.. dims]);
            }
        }
    }

    private IndexPlan PlanIndex(string op, ReadOnlySpan<TensorIndex> indices)
    {
        if (indices.Length > Rank)
        {
            throw new TensorShapeException($"{op}: {indices.Length} indices for the rank-{Rank} tensor {Type}");
        }
        var starts = new int[Rank];
        var sizes = new int[Rank];
        var dynamic = new Tensor?[Rank];
        bool[]? windows = null;
        var drop = new bool[Rank];
        for (int axis = 0; axis < Rank; axis++)
        {
            int dim = Shape[axis];
            if (axis >= indices.Length)
            {
                sizes[axis] = dim;
                continue;
            }
            var index = indices[axis];
            switch (index.Kind)
            {
                case TensorIndexKind.Index:
                    int offset = index.Index.GetOffset(dim);
                    if (offset < 0 || offset >= dim)
                    {
                        string shown = index.Index.IsFromEnd ? $"^{index.Index.Value}" : index.Index.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        throw new ArgumentOutOfRangeException(
                            nameof(indices), $"{op}: index {shown} is out of range for axis {axis} of size {dim} (tensor {Type})");
                    }
                    starts[axis] = offset;
                    sizes[axis] = 1;
                    drop[axis] = true;
                    break;
                case TensorIndexKind.Range:
                    int start = index.Range.Start.GetOffset(dim);
                    int end = index.Range.End.GetOffset(dim);
                    if (start < 0 || end > dim || start > end)
                    {
                        throw new ArgumentOutOfRangeException(
                            nameof(indices), $"{op}: range {index.Range} is out of bounds for axis {axis} of size {dim} (tensor {Type})");
                    }
                    starts[axis] = start;
                    sizes[axis] = end - start;
                    break;
                case TensorIndexKind.Window:
                    CheckStartTensor(op, index.Tensor!, $"window start for axis {axis}");
                    if (index.Length > dim)
                    {
                        throw new ArgumentOutOfRangeException(nameof(indices), $"{op}: a window of {index.Length} does not fit axis {axis} of size {dim} (tensor {Type})");
                    }
                    dynamic[axis] = index.Tensor;
                    sizes[axis] = index.Length;
                    (windows ??= new bool[Rank])[axis] = true;
                    break;
                default:
                    var t = index.Tensor!;
                    CheckStartTensor(op, t, $"index for axis {axis}");
                    if (dim == 0 && !(t.IsTraced && TraceScope.Current is not null))
                    {
                        throw new ArgumentOutOfRangeException(nameof(indices), $"{op}: axis {axis} of {Type} is empty; no index is in range");
                    }
                    dynamic[axis] = t;
                    sizes[axis] = 1;
                    drop[axis] = true;
                    break;
            }
        }
        return new IndexPlan(starts, sizes, dynamic, drop, windows);
    }

    private static void CheckStartTensor(string op, Tensor t, string what)
    {
        if (t.Rank != 0 || !t.DType.IsInteger())
        {
            throw new ArgumentException($"{op}: the {what} must be a 0-d integer tensor, got {t.Type}");
        }
    }

    // The start operands of a dynamic (update) slice: one 0-d integer per axis, all of one dtype. Dynamic
    // positions wrap like Python (-1 is the last) before stablehlo clamps them into range.
    private Tensor[] StartOperands(IndexPlan plan)
    {
        var dtype = plan.DynamicStarts.Any(t => t is { DType: DType.S64 }) ? DType.S64 : DType.S32;
        var result = new Tensor[Rank];
        for (int axis = 0; axis < Rank; axis++)
        {
            if (plan.DynamicStarts[axis] is { } t)
            {
                var i = t.ConvertTo(dtype).AsStrong();
                // A window's start is a C# range's start: never counted from the end.
                result[axis] = plan.Windows?[axis] == true ? i : Where(i < 0, i + Shape[axis], i);
            }
            else
            {
                result[axis] = ScalarConstant(plan.Starts[axis], dtype);
            }
        }
        return result;
    }

    private Tensor IndexCore(string op, ReadOnlySpan<TensorIndex> indices)
    {
        var plan = PlanIndex(op, indices);
        Tensor sliced;
        if (plan.IsDynamic)
        {
            sliced = DynamicSliceCore(PaddedWhereEmpty(plan), StartOperands(plan), plan.Sizes);
            AttachIndexCheck(op, plan, sliced);
        }
        else if (plan.SlicedShape == Shape)
        {
            sliced = this;
        }
        else
        {
            sliced = SliceCore(plan.Starts, plan.Sizes);
        }
        return sliced.ReshapeTo(plan.ResultShape);
    }

    private Tensor SliceCore(int[] starts, int[] sizes)
    {
        var limits = new int[Rank];
        for (int i = 0; i < Rank; i++) limits[i] = starts[i] + sizes[i];
        return Apply1(
            Ops.Slice,
            [this],
            new TensorType(DType, new Shape(sizes)),
            [
                new NamedAttr("start_indices", I64ArrayAttr.Of(starts)),
                new NamedAttr("limit_indices", I64ArrayAttr.Of(limits)),
                new NamedAttr("strides", I64ArrayAttr.Of(Enumerable.Repeat(1, Rank))),
            ],
            weak: IsWeak);
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along axis 0 (negative counts from the end); the axis is dropped.</summary>
    [IndexerName("At")] // the default name, Item, is taken by Item<T>()
    public Tensor this[int index] => IndexCore("Index", [index]);

    /// <summary>The sub-tensor at <paramref name="index"/> along axis 0 (<c>^1</c> is the last); the axis is dropped.</summary>
    [IndexerName("At")] // the default name, Item, is taken by Item<T>()
    public Tensor this[Index index] => IndexCore("Index", [index]);

    /// <summary>The sub-tensor over <paramref name="range"/> along axis 0 (<c>1..3</c>, <c>..^1</c>); the axis is kept.</summary>
    [IndexerName("At")] // the default name, Item, is taken by Item<T>()
    public Tensor this[Range range] => IndexCore("Index", [range]);

    /// <summary>
    /// The sub-tensor at a position held by a 0-d integer tensor (a loop counter, traced or concrete) along axis 0;
    /// lowered to <c>dynamic_slice</c>. Negative positions count from the end. A traced position out of range is an
    /// error on the interpreter (<see cref="ArgumentOutOfRangeException"/> naming the position, the axis size and the
    /// C# line, as the <c>int</c> indexer throws); XLA (PJRT) clamps it into range, as StableHLO defines
    /// <c>dynamic_slice</c>. A concrete position outside any trace is clamped too. To check a call meant for PJRT, run
    /// it once on the interpreter: <c>using (Backend.Use(InterpreterBackend.Instance)) f.Invoke(…);</c>.
    /// </summary>
    [IndexerName("At")] // the default name, Item, is taken by Item<T>()
    public Tensor this[Tensor index] => IndexCore("Index", [index]);

    /// <summary>Indexes several axes at once, <c>x[1, 2..^1, i]</c>: positions drop their axis, ranges keep it, missing trailing axes are whole.</summary>
    [IndexerName("At")] // the default name, Item, is taken by Item<T>()
    public Tensor this[params TensorIndex[] indices] => IndexCore("Index", indices);

    /// <summary>
    /// A copy of this tensor with the region selected by <paramref name="indices"/> replaced by
    /// <paramref name="value"/> (broadcast to the region, converted to this dtype); JAX's <c>x.at[i].set(v)</c>.
    /// Lowered to <c>dynamic_update_slice</c>.
    /// </summary>
    public Tensor SetAt(ReadOnlySpan<TensorIndex> indices, Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plan = PlanIndex("SetAt", indices);
        var region = plan.ResultShape;
        if (!Broadcasting.CanBroadcastTo(value.Shape, region))
        {
            throw new TensorShapeException($"SetAt: value {value.Type} does not broadcast to the indexed region [{string.Join(",", region)}] of {Type}");
        }
        if (plan.SlicedShape.ElementCount == 0) return AsStrong();
        var update = value.ConvertTo(DType).BroadcastInDim(region).ReshapeTo(plan.SlicedShape);
        var result = Apply1(Ops.DynamicUpdateSlice, [this, update, .. StartOperands(plan)], Type);
        if (plan.IsDynamic) AttachIndexCheck("SetAt", plan, result);
        return result;
    }

    // xs[i] with a traced i on an empty axis: a loop body is traced even when it runs no iteration (a for up to
    // xs.Shape[0] over zero rows), so the slice is taken from the operand padded by one row, and the index check
    // (against the real, empty axis) fails as the plain method does if an iteration does run.
    private Tensor PaddedWhereEmpty(IndexPlan plan)
    {
        int[]? high = null;
        for (int axis = 0; axis < Rank; axis++)
        {
            if (plan.DynamicStarts[axis] is not null && Shape[axis] == 0 && plan.Windows?[axis] != true) (high ??= new int[Rank])[axis] = 1;
        }
        return high is null ? this : Pad(new int[Rank], high);
    }

    // A traced position written through the indexer (xs[i], x.SetAt(i, v)) is checked by the interpreter like an int
    // position is checked here: out of range is an error naming the position, the axis size and the C# line, not a
    // clamped read. Tensor.DynamicSlice / DynamicUpdateSlice and the loop API's scan rows keep StableHLO's clamping.
    // A concrete tensor position outside a trace keeps clamping too (eager dynamic_slice semantics).
    private void AttachIndexCheck(string op, IndexPlan plan, Tensor result)
    {
        if (TraceScope.Current is not { } scope || result.Symbol is not { } symbol || scope.Block.Operations.Count == 0) return;
        var made = scope.Block.Operations[^1];
        if (made.Results.Count != 1 || !ReferenceEquals(made.Results[0], symbol.Value)) return;
        var axes = new List<int>();
        for (int axis = 0; axis < plan.DynamicStarts.Length; axis++)
        {
            if (plan.DynamicStarts[axis] is not null) axes.Add(axis);
        }
        var sizes = axes.Select(a => plan.Windows?[a] == true ? plan.Sizes[a] : 1).ToArray();
        var windows = axes.Select(a => plan.Windows?[a] == true).ToArray();
        Backends.Interpreter.IndexChecks.Attach(made, new Backends.Interpreter.IndexCheck(op, [.. axes], Type, Backends.Interpreter.IndexChecks.CallerLocation(), sizes, windows));
    }

    /// <summary>A copy with the region at <paramref name="index"/> (along axis 0) replaced by <paramref name="value"/>.</summary>
    public Tensor SetAt(TensorIndex index, Tensor value) => SetAt([index], value);

    /// <summary>A copy with the region at (<paramref name="index0"/>, <paramref name="index1"/>) replaced by <paramref name="value"/>.</summary>
    public Tensor SetAt(TensorIndex index0, TensorIndex index1, Tensor value) => SetAt([index0, index1], value);

    /// <summary>
    /// The slice of <paramref name="sizes"/> starting at <paramref name="starts"/> (0-d integer tensors or ints, one
    /// per axis). As in StableHLO, starts are clamped so the slice stays in range.
    /// </summary>
    public static Tensor DynamicSlice(Tensor operand, IReadOnlyList<Tensor> starts, IReadOnlyList<int> sizes)
    {
        ArgumentNullException.ThrowIfNull(operand);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(sizes);
        return DynamicSliceCore(operand, [.. starts], [.. sizes]);
    }

    /// <summary>
    /// A copy of <paramref name="operand"/> with <paramref name="update"/> (converted to its dtype) written at
    /// <paramref name="starts"/> (0-d integer tensors or ints, one per axis). Starts are clamped so the update fits.
    /// </summary>
    public static Tensor DynamicUpdateSlice(Tensor operand, Tensor update, IReadOnlyList<Tensor> starts)
    {
        ArgumentNullException.ThrowIfNull(operand);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(starts);
        return DynamicUpdateSliceCore(operand, update, [.. starts]);
    }

    /// <summary><see cref="DynamicSlice"/> over an array of starts (used by the loop API for scan inputs).</summary>
    internal static Tensor DynamicSliceCore(Tensor operand, Tensor[] starts, int[] sizes)
    {
        const string op = "DynamicSlice";
        if (starts.Length != operand.Rank || sizes.Length != operand.Rank)
        {
            throw new TensorShapeException(
                $"{op}: {starts.Length} starts and {sizes.Length} sizes for the rank-{operand.Rank} tensor {operand.Type}; need one of each per axis");
        }
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] < 0 || sizes[i] > operand.Shape[i])
            {
                throw new TensorShapeException($"{op}: size {sizes[i]} for axis {i} does not fit {operand.Type}");
            }
        }
        var s = UnifyStarts(op, starts);
        return Apply1(
            Ops.DynamicSlice,
            [operand, .. s],
            new TensorType(operand.DType, new Shape(sizes)),
            [new NamedAttr("slice_sizes", I64ArrayAttr.Of(sizes))],
            weak: operand.IsWeak);
    }

    /// <summary><see cref="DynamicUpdateSlice"/> over an array of starts (used by the loop API for scan outputs).</summary>
    internal static Tensor DynamicUpdateSliceCore(Tensor operand, Tensor update, Tensor[] starts)
    {
        const string op = "DynamicUpdateSlice";
        if (starts.Length != operand.Rank)
        {
            throw new TensorShapeException($"{op}: {starts.Length} starts for the rank-{operand.Rank} tensor {operand.Type}; need one per axis");
        }
        bool fits = update.Rank == operand.Rank;
        for (int i = 0; fits && i < update.Rank; i++) fits = update.Shape[i] <= operand.Shape[i];
        if (!fits) throw new TensorShapeException($"{op}: update {update.Type} does not fit in {operand.Type}");
        var s = UnifyStarts(op, starts);
        return Apply1(Ops.DynamicUpdateSlice, [operand, update.ConvertTo(operand.DType), .. s], operand.Type, weak: operand.IsWeak);
    }

    // Starts must be 0-d integers of one dtype (the op's operand types must agree); widen to s64 if any is s64.
    private static Tensor[] UnifyStarts(string op, Tensor[] starts)
    {
        for (int i = 0; i < starts.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(starts[i], nameof(starts));
            CheckStartTensor(op, starts[i], $"start for axis {i}");
        }
        var dtype = starts.Any(t => t.DType == DType.S64) ? DType.S64 : DType.S32;
        return [.. starts.Select(t => t.ConvertTo(dtype))];
    }
}
