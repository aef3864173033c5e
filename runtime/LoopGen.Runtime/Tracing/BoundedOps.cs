using LoopGen.Backends.Interpreter;
using LoopGen.Ir;

namespace LoopGen.Tracing;

/// <summary>
/// How a traced op treats bounded operands and integer ranges (docs/bounded-sizes.md). Ops that keep every element in
/// place (elementwise ops, broadcasts, transposes, slices, reductions along other axes, reshapes that only add or drop
/// size-1 axes) keep the valid lengths;
/// any other op on a bounded axis would read the padding, so it throws naming the op, the axis and the C# line.
/// </summary>
internal static class BoundedOps
{
    /// <summary>True when the op needs <see cref="Propagate"/>: a bounded operand, or integer ranges to carry on.</summary>
    public static bool Involved(ReadOnlySpan<Tensor> operands, IReadOnlyList<TensorType> results)
    {
        bool ranged = results.Count == 1 && results[0].Shape.Rank == 0 && results[0].DType.IsInteger();
        bool anyRange = false;
        foreach (var t in operands)
        {
            if (t.IsBounded) return true;
            anyRange |= t.Range is not null;
        }
        return ranged && anyRange;
    }

    /// <summary>The results with their bounds and ranges; throws where the op would read a bounded operand's padding.</summary>
    public static Tensor[] Propagate(string name, ReadOnlySpan<Tensor> operands, Tensor[] results, IReadOnlyList<NamedAttr>? attributes)
    {
        bool anyBounded = false;
        foreach (var t in operands) anyBounded |= t.IsBounded;
        if (!anyBounded)
        {
            return results.Length == 1 && RangeOf(name, operands) is { } range ? [results[0].With(null, range)] : results;
        }

        Tensor?[]? lengths = name switch
        {
            Ops.BroadcastInDim => Broadcast(operands[0], results[0].Rank, Ints(attributes, "broadcast_dimensions")),
            Ops.Transpose => Transpose(operands[0], Ints(attributes, "permutation")),
            Ops.Slice => SliceKeeps(operands[0], attributes),
            Ops.Reshape => UnitAxesOnly(operands[0], results[0]),
            Ops.Reduce => Reduce(operands, results[0].Rank, Ints(attributes, "dimensions")),
            Ops.Concatenate => Merge("concatenate", operands, results[0].Rank, (int)Ints(attributes, "dimension")[0]),
            Ops.Compare or Ops.Select or Ops.Clamp or Ops.Convert => Merge(Short(name), operands, results[0].Rank, -1),
            _ when Ops.ElementwiseBinary.Contains(name) || Ops.ElementwiseUnary.Contains(name) => Merge(Short(name), operands, results[0].Rank, -1),
            _ => throw Unsupported(Short(name), operands),
        };
        if (lengths is null || lengths.All(l => l is null)) return results;
        var bounds = new BoundedDims(lengths);
        var outs = new Tensor[results.Length];
        for (int i = 0; i < outs.Length; i++) outs[i] = results[i].Rank == lengths.Length ? results[i].With(bounds, null) : results[i];
        return outs;
    }

    /// <summary>A broadcast result: axes made from a size-1 or missing axis adopt any length in a later elementwise op.</summary>
    public static Tensor MarkExpanded(Tensor operand, Tensor result)
    {
        if (!result.IsTraced || result.IsBounded || result.Rank == 0 || result.Rank > 64) return result;
        ulong expanded = 0;
        int offset = result.Rank - operand.Rank;
        for (int i = 0; i < result.Rank; i++)
        {
            int j = i - offset;
            if (j < 0 || operand.Type.Shape[j] == 1) expanded |= 1UL << i;
        }
        return expanded == 0 ? result : result.With(new BoundedDims(new Tensor?[result.Rank], null, expanded), result.Range);
    }

    /// <summary>The exception for two operands whose lengths along <paramref name="axis"/> may differ.</summary>
    public static TensorShapeException Mismatch(string op, int axis) => new(
        $"{op}: the operands' sizes along axis {axis} depend on the data and may differ (a bounded axis combined with a static one, "
        + $"or with another data-dependent size){At()}; slice both with one length (Tensor.SliceDynamic with the same end)");

    /// <summary>The exception for <c>Squeeze()</c> with no axes on a tensor bounded along <paramref name="axis"/>.</summary>
    public static TensorShapeException SqueezeAll(Tensor x, int axis) => new(
        $"Squeeze: axis {axis} of {x.Shape} has a data-dependent size (at most {x.Type.Shape[axis]}){At()}, so whether Squeeze() drops it "
        + "is known only when the code runs; name the axes to drop (Squeeze(axes))");

    /// <summary>The exception for <c>Squeeze</c> naming a bounded axis: its valid length (0 or 1) would be lost.</summary>
    public static TensorShapeException SqueezeBounded(Tensor x, int axis) => new(
        $"Squeeze: axis {axis} of {x.Shape} has a data-dependent size (0 to {x.Type.Shape[axis]}){At()}; dropping it would lose its valid length "
        + "(the eager call throws when it is not 1); index it instead (x[.., 0]) where the length is known to be 1");

    private static TensorShapeException Unsupported(string op, ReadOnlySpan<Tensor> operands)
    {
        for (int i = 0; i < operands.Length; i++)
        {
            if (operands[i].Bounds is { Mask: not 0 } b)
            {
                int axis = b.Axes.First();
                return new TensorShapeException(
                    $"{op}: operand {i} ({operands[i].Shape}) has a data-dependent size along axis {axis}, and {op} would read its padding{At()}; "
                    + "LoopGen supports elementwise ops, broadcasts, transposes, slices, reductions over other axes, concatenation and adding or dropping size-1 axes on such tensors "
                    + "(docs/bounded-sizes.md)");
            }
        }
        return new TensorShapeException($"{op}: unsupported bounded operands{At()}");
    }

    private static string At() => IndexChecks.CallerLocation() is { } where ? $" at {where}" : "";

    private static string Short(string name) => name.StartsWith("stablehlo.", StringComparison.Ordinal) ? name["stablehlo.".Length..] : name;

    private static long[] Ints(IReadOnlyList<NamedAttr>? attributes, string name)
    {
        foreach (var a in attributes ?? [])
        {
            if (a.Name == name)
            {
                return a.Value switch
                {
                    I64ArrayAttr arr => [.. arr.Values],
                    IntAttr i => [i.Value],
                    _ => throw new InvalidOperationException($"attribute {name}: unexpected {a.Value}"),
                };
            }
        }
        throw new InvalidOperationException($"attribute {name} is missing");
    }

    // Elementwise (and concatenation along another axis): operands bounded on an axis must share one length tensor; a
    // static operand there is allowed only when it was broadcast from size 1 or is 0-d.
    private static Tensor?[] Merge(string op, ReadOnlySpan<Tensor> operands, int rank, int skip)
    {
        var lengths = new Tensor?[rank];
        foreach (var t in operands)
        {
            if (t.Rank != rank || t.Bounds is not { } b) continue;
            foreach (int i in b.Axes)
            {
                if (i == skip) throw Unsupported(op, operands);
                if (lengths[i] is null) lengths[i] = b.Lengths[i];
                else if (!ReferenceEquals(lengths[i], b.Lengths[i])) throw Mismatch(op, i);
            }
        }
        foreach (var t in operands)
        {
            if (t.Rank != rank) continue;
            for (int i = 0; i < rank; i++)
            {
                if (lengths[i] is null || t.Bounds?.IsBounded(i) == true) continue;
                bool expanded = t.Bounds is { } tb && (tb.Expanded & (1UL << i)) != 0;
                if (!expanded && t.Type.Shape[i] != 1) throw Mismatch(op, i);
            }
        }
        return lengths;
    }

    // A reshape that only adds or drops size-1 axes keeps every element, padding included, in place: the bounded axes
    // keep their lengths. Any other reshape would mix padding into the data. A bounded axis of size 1 is refused: a bare
    // reshape cannot tell it from the unit axes around it (ExpandDims and Squeeze know their axes and do not come here).
    private static Tensor?[] UnitAxesOnly(Tensor operand, Tensor result)
    {
        var from = Enumerable.Range(0, operand.Rank).Where(i => operand.Type.Shape[i] != 1).ToList();
        var to = Enumerable.Range(0, result.Rank).Where(i => result.Type.Shape[i] != 1).ToList();
        bool sameAxes = from.Count == to.Count && from.Zip(to).All(p => operand.Type.Shape[p.First] == result.Type.Shape[p.Second]);
        if (!sameAxes || operand.Bounds!.Axes.Any(i => operand.Type.Shape[i] == 1)) throw Unsupported("reshape", [operand]);
        var lengths = new Tensor?[result.Rank];
        for (int k = 0; k < from.Count; k++) lengths[to[k]] = operand.Bounds.Lengths[from[k]];
        return lengths;
    }

    private static Tensor?[] Broadcast(Tensor operand, int rank, long[] dims)
    {
        var lengths = new Tensor?[rank];
        for (int i = 0; i < dims.Length; i++) lengths[dims[i]] = operand.Bounds!.Lengths[i];
        return lengths;
    }

    private static Tensor?[] Transpose(Tensor operand, long[] permutation)
    {
        var lengths = new Tensor?[permutation.Length];
        for (int i = 0; i < permutation.Length; i++) lengths[i] = operand.Bounds!.Lengths[permutation[i]];
        return lengths;
    }

    // A static slice keeps a bounded axis only when it takes all of it.
    private static Tensor?[] SliceKeeps(Tensor operand, IReadOnlyList<NamedAttr>? attributes)
    {
        var starts = Ints(attributes, "start_indices");
        var limits = Ints(attributes, "limit_indices");
        var strides = Ints(attributes, "strides");
        foreach (int i in operand.Bounds!.Axes)
        {
            if (starts[i] != 0 || limits[i] != operand.Type.Shape[i] || strides[i] != 1)
            {
                throw new TensorShapeException(
                    $"slice: axis {i} of {operand.Shape} has a data-dependent size; a slice with constant bounds there would read its padding{At()}; "
                    + "use Tensor.SliceDynamic with traced bounds");
            }
        }
        return [.. operand.Bounds.Lengths];
    }

    private static Tensor?[] Reduce(ReadOnlySpan<Tensor> operands, int rank, long[] dims)
    {
        var reduced = new HashSet<long>(dims);
        Tensor?[]? lengths = null;
        int half = operands.Length / 2; // inputs, then as many init values
        for (int k = 0; k < half; k++)
        {
            if (operands[k].Bounds is not { } b) continue;
            var mine = new Tensor?[rank];
            int j = 0;
            for (int i = 0; i < operands[k].Rank; i++)
            {
                if (reduced.Contains(i))
                {
                    if (b.IsBounded(i))
                    {
                        throw new TensorShapeException(
                            $"reduce: axis {i} of {operands[k].Shape} has a data-dependent size, and reducing over it would read its padding{At()}; "
                            + "reduce over a static axis, or collect the values with Loop.ForConcat and reduce after returning them");
                    }
                    continue;
                }
                mine[j++] = b.Lengths[i];
            }
            lengths ??= mine;
        }
        return lengths ?? new Tensor?[rank];
    }

    private static ValueRange? RangeOf(string name, ReadOnlySpan<Tensor> operands)
    {
        if (name == Ops.Select) return operands.Length == 3 && operands[1].Range is { } x && operands[2].Range is { } y ? new(Math.Min(x.Lo, y.Lo), Math.Max(x.Hi, y.Hi)) : null;
        foreach (var t in operands)
        {
            if (t.Range is null) return null;
        }
        switch (name)
        {
            case Ops.Add: return new(operands[0].Range!.Value.Lo + operands[1].Range!.Value.Lo, operands[0].Range!.Value.Hi + operands[1].Range!.Value.Hi);
            case Ops.Subtract: return new(operands[0].Range!.Value.Lo - operands[1].Range!.Value.Hi, operands[0].Range!.Value.Hi - operands[1].Range!.Value.Lo);
            case Ops.Minimum: return new(Math.Min(operands[0].Range!.Value.Lo, operands[1].Range!.Value.Lo), Math.Min(operands[0].Range!.Value.Hi, operands[1].Range!.Value.Hi));
            case Ops.Maximum: return new(Math.Max(operands[0].Range!.Value.Lo, operands[1].Range!.Value.Lo), Math.Max(operands[0].Range!.Value.Hi, operands[1].Range!.Value.Hi));
            case Ops.Convert or Ops.Reshape or Ops.BroadcastInDim: return operands[0].Range;
            case Ops.Clamp:
                {
                    var (lo, x, hi) = (operands[0].Range!.Value, operands[1].Range!.Value, operands[2].Range!.Value);
                    return new(Math.Min(Math.Max(x.Lo, lo.Lo), hi.Lo), Math.Min(Math.Max(x.Hi, lo.Hi), hi.Hi));
                }
            default: return null;
        }
    }
}
