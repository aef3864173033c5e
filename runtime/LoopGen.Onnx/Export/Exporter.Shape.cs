using System.Runtime.InteropServices;
using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>Constants, iota and the data-movement ops: shapes are static, so every shape, axis and index list is a constant.</summary>
internal sealed partial class Exporter
{
    private string Constant(Scope g, Operation op)
    {
        var attr = op.Attribute<DenseAttr>("value");
        var t = op.Results[0].Type;
        if (attr.IsSplat)
        {
            // A splat stays one element in the model whatever its shape (zeros of a stacked output, say).
            var one = new OnnxTensor(Elem(t.DType), [1], Raw(attr.Data));
            return Node(g, "ConstantOfShape", [Ints(g, Dims(t.Shape))], OnnxAttribute.Of("value", one));
        }
        if (attr.Data.Length != t.Shape.ElementCount) throw Fail($"the constant holds {attr.Data.Length} elements for {t}");
        return ConstTensor(g, new OnnxTensor(Elem(t.DType), Dims(t.Shape), Raw(attr.Data)));
    }

    /// <summary>Little-endian bytes of a host array (pred as one byte 0/1, as ONNX stores bool).</summary>
    private byte[] Raw(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        bool[] a => [.. a.Select(b => b ? (byte)1 : (byte)0)],
        _ => throw Fail($"constant data of type {data.GetType().Name}"),
    };

    /// <summary>iota: Range along the dimension, reshaped and expanded to the full shape.</summary>
    private string Iota(Scope g, Operation op)
    {
        var t = op.Results[0].Type;
        if (t.DType == DType.Pred) throw Unsupported(op.Name, t.DType);
        int dim = (int)op.Attribute<IntAttr>("iota_dimension").Value;
        int size = t.Shape[dim];
        var range = Node(g, "Range", [Scalar(g, t.DType, 0), Scalar(g, t.DType, size), Scalar(g, t.DType, 1)]);
        if (t.Shape.Rank == 1) return range;
        var dims = new long[t.Shape.Rank];
        Array.Fill(dims, 1L);
        dims[dim] = size;
        var column = Node(g, "Reshape", [range, Ints(g, dims)], OnnxAttribute.Of("allowzero", 1L));
        return Node(g, "Expand", [column, Ints(g, Dims(t.Shape))]);
    }

    /// <summary>broadcast_in_dim: operand dims put in result order (Transpose), size-1 dims inserted (Reshape), then Expand.</summary>
    private string BroadcastInDim(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        var inT = op.Operands[0].Type;
        var outT = op.Results[0].Type;
        if (g.Vectorized) return Node(g, "Identity", [x]);
        var map = op.Attribute<I64ArrayAttr>("broadcast_dimensions").Values;
        if (inT.Shape == outT.Shape && map.Select((d, i) => d == i).All(b => b)) return Node(g, "Identity", [x]);
        var order = Enumerable.Range(0, map.Length).OrderBy(i => map[i]).ToArray();
        if (order.Select((o, i) => o != i).Any(b => b)) x = Node(g, "Transpose", [x], OnnxAttribute.Of("perm", order.Select(o => (long)o).ToArray()));
        var shape = new long[outT.Shape.Rank];
        Array.Fill(shape, 1L);
        for (int i = 0; i < map.Length; i++) shape[map[i]] = inT.Shape[i];
        if (inT.Shape.Rank != outT.Shape.Rank && inT.Shape.Rank > 0) x = Node(g, "Reshape", [x, Ints(g, shape)], OnnxAttribute.Of("allowzero", 1L));
        return inT.Shape.Rank > 0 && shape.SequenceEqual(Dims(outT.Shape)) ? x : Node(g, "Expand", [x, Ints(g, Dims(outT.Shape))]);
    }

    private string Reshape(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        if (g.Vectorized || op.Operands[0].Type.Shape == op.Results[0].Type.Shape) return Node(g, "Identity", [x]);
        return Node(g, "Reshape", [x, Ints(g, Dims(op.Results[0].Type.Shape))], OnnxAttribute.Of("allowzero", 1L));
    }

    private string Transpose(Scope g, Operation op) =>
        Node(g, "Transpose", [g.Of(op.Operands[0])], OnnxAttribute.Of("perm", [.. op.Attribute<I64ArrayAttr>("permutation").Values]));

    /// <summary>reverse: a Slice with step -1 along each reversed dimension.</summary>
    private string Reverse(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        var dims = op.Attribute<I64ArrayAttr>("dimensions").Values.Distinct().ToArray();
        if (dims.Length == 0) return Node(g, "Identity", [x]);
        return ReverseAxes(g, x, dims);
    }

    private string ReverseAxes(Scope g, string x, long[] axes)
    {
        var starts = axes.Select(_ => -1L).ToArray();
        var ends = axes.Select(_ => long.MinValue).ToArray();
        var steps = axes.Select(_ => -1L).ToArray();
        return Node(g, "Slice", [x, Ints(g, starts), Ints(g, ends), Ints(g, axes), Ints(g, steps)]);
    }

    private string Slice(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        int rank = op.Operands[0].Type.Shape.Rank;
        if (rank == 0 || op.Operands[0].Type.Shape == op.Results[0].Type.Shape) return Node(g, "Identity", [x]);
        var axes = Enumerable.Range(0, rank).Select(a => (long)a).ToArray();
        return Node(g, "Slice", [x,
            Ints(g, [.. op.Attribute<I64ArrayAttr>("start_indices").Values]),
            Ints(g, [.. op.Attribute<I64ArrayAttr>("limit_indices").Values]),
            Ints(g, axes),
            Ints(g, [.. op.Attribute<I64ArrayAttr>("strides").Values])]);
    }

    /// <summary>The start operands as one int64 vector, each clamped into [0, limit] (StableHLO's rule for dynamic slices).</summary>
    private string ClampedStarts(Scope g, IEnumerable<Value> starts, long[] limits)
    {
        var parts = starts.Select(s =>
        {
            var v = g.Of(s);
            if (s.Type.DType != DType.S64) v = Node(g, "Cast", [v], OnnxAttribute.Of("to", (long)OnnxProto.Int64));
            return Node(g, "Reshape", [v, Ints(g, 1)]);
        }).ToArray();
        var vector = parts.Length == 1 ? parts[0] : Node(g, "Concat", parts, OnnxAttribute.Of("axis", 0L));
        return Node(g, "Max", [Node(g, "Min", [vector, Ints(g, limits)]), Ints(g, new long[limits.Length])]);
    }

    private string DynamicSlice(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        var inT = op.Operands[0].Type;
        int rank = inT.Shape.Rank;
        if (rank == 0) return Node(g, "Identity", [x]);
        var sizes = op.Attribute<I64ArrayAttr>("slice_sizes").Values.ToArray();
        var limits = Enumerable.Range(0, rank).Select(k => inT.Shape[k] - sizes[k]).ToArray();
        var starts = ClampedStarts(g, op.Operands.Skip(1), limits);
        var ends = Node(g, "Add", [starts, Ints(g, sizes)]);
        return Node(g, "Slice", [x, starts, ends, Ints(g, [.. Enumerable.Range(0, rank).Select(a => (long)a)])]);
    }

    /// <summary>
    /// dynamic_update_slice: ScatterND of the update at every index of its box, the box's corner clamped into range.
    /// The index grid is a constant of the update's size (a row per iteration in a loop body: small).
    /// </summary>
    private string DynamicUpdateSlice(Scope g, Operation op)
    {
        var operand = g.Of(op.Operands[0]);
        var update = g.Of(op.Operands[1]);
        var t = op.Operands[0].Type;
        var upT = op.Operands[1].Type;
        int rank = t.Shape.Rank;
        if (upT.Shape.ElementCount == 0) return Node(g, "Identity", [operand]);
        if (rank == 0 || upT.Shape == t.Shape) return Node(g, "Identity", [update]);
        var limits = Enumerable.Range(0, rank).Select(k => (long)t.Shape[k] - upT.Shape[k]).ToArray();
        var corner = ClampedStarts(g, op.Operands.Skip(2), limits);
        var grid = new long[upT.Shape.ElementCount * rank];
        var index = new int[rank];
        for (long e = 0; e < upT.Shape.ElementCount; e++)
        {
            for (int k = 0; k < rank; k++) grid[e * rank + k] = index[k];
            for (int k = rank - 1; k >= 0; k--)
            {
                if (++index[k] < upT.Shape[k]) break;
                index[k] = 0;
            }
        }
        var gridDims = Dims(upT.Shape).Append(rank).ToArray();
        var gridName = ConstTensor(g, new OnnxTensor(OnnxProto.Int64, gridDims, MemoryMarshal.AsBytes(grid.AsSpan()).ToArray()));
        var indices = Node(g, "Add", [gridName, corner]);
        return Node(g, "ScatterND", [operand, indices, update]);
    }

    private string Concatenate(Scope g, Operation op)
    {
        var parts = op.Operands.Select(g.Of).ToArray();
        if (parts.Length == 1) return Node(g, "Identity", parts);
        return Node(g, "Concat", parts, OnnxAttribute.Of("axis", op.Attribute<IntAttr>("dimension").Value));
    }

    /// <summary>
    /// pad: interior padding per axis by reshaping (each element gets its gap as a new axis, padded at the high end,
    /// flattened back and the trailing gap sliced off), then one ONNX Pad for the edges.
    /// </summary>
    private string Pad(Scope g, Operation op)
    {
        var x = g.Of(op.Operands[0]);
        var value = g.Of(op.Operands[1]);
        var inT = op.Operands[0].Type;
        var lo = op.Attribute<I64ArrayAttr>("edge_padding_low").Values.ToArray();
        var hi = op.Attribute<I64ArrayAttr>("edge_padding_high").Values.ToArray();
        var interior = op.Attribute<I64ArrayAttr>("interior_padding").Values.ToArray();
        int rank = inT.Shape.Rank;
        if (lo.Any(v => v < 0) || hi.Any(v => v < 0) || interior.Any(v => v < 0)) throw Fail("negative padding has no ONNX mapping", op.Name);
        var dims = Dims(inT.Shape);
        for (int k = 0; k < rank; k++)
        {
            long p = interior[k], d = dims[k];
            if (p == 0 || d <= 1) continue;
            var expanded = Node(g, "Unsqueeze", [x, Ints(g, k + 1)]);
            var gapPads = new long[2 * (rank + 1)];
            gapPads[rank + 1 + k + 1] = p;
            var gapped = Node(g, "Pad", [expanded, Ints(g, gapPads), value], OnnxAttribute.Of("mode", "constant"));
            var flat = dims.ToArray();
            flat[k] = d * (p + 1);
            var joined = Node(g, "Reshape", [gapped, Ints(g, flat)], OnnxAttribute.Of("allowzero", 1L));
            x = Node(g, "Slice", [joined, Ints(g, 0), Ints(g, d + (d - 1) * p), Ints(g, k)]);
            dims[k] = d + (d - 1) * p;
        }
        if (lo.All(v => v == 0) && hi.All(v => v == 0)) return Node(g, "Identity", [x]);
        return Node(g, "Pad", [x, Ints(g, [.. lo, .. hi]), value], OnnxAttribute.Of("mode", "constant"));
    }
}
