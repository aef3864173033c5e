using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>dot_general as MatMul over [batch, free, contracting] layouts; reduce as Reduce* or, for any other region, a Loop over the reduced elements.</summary>
internal sealed partial class Exporter
{
    /// <summary>dot_general: lhs relaid out as [B, M, K] and rhs as [B, K, N] (Transpose + Reshape where needed), one MatMul, reshaped to the result.</summary>
    private string DotGeneral(Scope g, Operation op)
    {
        var lhsT = op.Operands[0].Type;
        var rhsT = op.Operands[1].Type;
        var outT = op.Results[0].Type;
        if (outT.DType == DType.Pred) throw Unsupported(op.Name, outT.DType);
        var dn = op.Attribute<DotDimensionsAttr>("dot_dimension_numbers");
        int[] lb = [.. dn.LhsBatching.Select(d => (int)d)], rb = [.. dn.RhsBatching.Select(d => (int)d)];
        int[] lc = [.. dn.LhsContracting.Select(d => (int)d)], rc = [.. dn.RhsContracting.Select(d => (int)d)];
        var lf = Enumerable.Range(0, lhsT.Shape.Rank).Where(d => !lb.Contains(d) && !lc.Contains(d)).ToArray();
        var rf = Enumerable.Range(0, rhsT.Shape.Rank).Where(d => !rb.Contains(d) && !rc.Contains(d)).ToArray();
        long Product(Shape s, IEnumerable<int> dims) => dims.Aggregate(1L, (p, d) => p * s[d]);
        long b = Product(lhsT.Shape, lb), m = Product(lhsT.Shape, lf), k = Product(lhsT.Shape, lc), n = Product(rhsT.Shape, rf);
        bool batched = lb.Length > 0;
        var lhs = Layout(g, g.Of(op.Operands[0]), lhsT, [.. lb, .. lf, .. lc], batched ? [b, m, k] : [m, k]);
        var rhs = Layout(g, g.Of(op.Operands[1]), rhsT, [.. rb, .. rc, .. rf], batched ? [b, k, n] : [k, n]);
        var product = Node(g, "MatMul", [lhs, rhs]);
        long[] productDims = batched ? [b, m, n] : [m, n];
        return productDims.SequenceEqual(Dims(outT.Shape))
            ? product
            : Node(g, "Reshape", [product, Ints(g, Dims(outT.Shape))], OnnxAttribute.Of("allowzero", 1L));
    }

    private string Layout(Scope g, string x, TensorType t, int[] perm, long[] shape)
    {
        if (perm.Select((p, i) => p != i).Any(d => d)) x = Node(g, "Transpose", [x], OnnxAttribute.Of("perm", perm.Select(p => (long)p).ToArray()));
        var permuted = perm.Select(p => (long)t.Shape[p]).ToArray();
        return permuted.SequenceEqual(shape) ? x : Node(g, "Reshape", [x, Ints(g, shape)], OnnxAttribute.Of("allowzero", 1L));
    }

    private string[] Reduce(Scope g, Operation op)
    {
        int n = op.Operands.Count / 2;
        var inT = op.Operands[0].Type;
        var dims = op.Attribute<I64ArrayAttr>("dimensions").Values.ToArray();
        var kept = Enumerable.Range(0, inT.Shape.Rank).Where(d => !dims.Contains(d)).ToArray();
        var outShape = Dims(op.Results[0].Type.Shape);
        long reduced = dims.Aggregate(1L, (p, d) => p * inT.Shape[(int)d]);
        var inits = op.Operands.Skip(n).Select(g.Of).ToArray();
        if (reduced == 0) return [.. inits.Select(i => Node(g, "Expand", [i, Ints(g, outShape)]))];
        if (n == 1 && dims.Length > 0 && SingleBinaryOp(op.Regions[0]) is { } name && ReduceNode(g, name, inT.DType, g.Of(op.Operands[0]), dims) is { } r)
        {
            return [Binary(g, name, inT.DType, r, inits[0])];
        }
        return GenericReduce(g, op, n, dims, kept, reduced, inits);
    }

    /// <summary>The op name when the region is one binary op of its two arguments, returned; else null.</summary>
    private static string? SingleBinaryOp(Block region)
    {
        if (region.Operations.Count != 2 || region.Arguments.Count != 2) return null;
        var (op, ret) = (region.Operations[0], region.Operations[1]);
        if (op.Regions.Count != 0 || op.Operands.Count != 2 || ret.Operands.Count != 1 || ret.Operands[0] != op.Results[0]) return null;
        var (a, b) = (region.Arguments[0], region.Arguments[1]);
        bool args = op.Operands[0] == a && op.Operands[1] == b || op.Operands[0] == b && op.Operands[1] == a;
        return args ? op.Name : null;
    }

    /// <summary>An ONNX Reduce* over <paramref name="dims"/> for the region's op, or null when there is none (bitwise and/or of integers).</summary>
    private string? ReduceNode(Scope g, string name, DType dt, string x, long[] dims)
    {
        var axes = Ints(g, dims);
        var keep = OnnxAttribute.Of("keepdims", 0L);
        if (dt == DType.Pred)
        {
            // all / any: min / max of 0-1 integers.
            string? kind = name switch
            {
                Ops.And or Ops.Multiply or Ops.Minimum => "ReduceMin",
                Ops.Or or Ops.Add or Ops.Maximum => "ReduceMax",
                _ => null,
            };
            if (kind is null) return null;
            var ints = Node(g, "Cast", [x], OnnxAttribute.Of("to", (long)OnnxProto.Int32));
            return Node(g, "Cast", [Node(g, kind, [ints, axes], keep)], OnnxAttribute.Of("to", (long)OnnxProto.Bool));
        }
        string? onnx = name switch
        {
            Ops.Add => "ReduceSum",
            Ops.Multiply => "ReduceProd",
            Ops.Maximum => "ReduceMax",
            Ops.Minimum => "ReduceMin",
            _ => null,
        };
        if (onnx is null) return null;
        var reduced = Node(g, onnx, [x, axes], keep);
        if (!dt.IsFloat() || onnx is "ReduceSum" or "ReduceProd") return reduced;
        // ONNX Runtime's ReduceMax/ReduceMin skip NaNs; StableHLO's maximum/minimum (and the interpreter) propagate them.
        var nans = Node(g, "Cast", [Node(g, "IsNaN", [x])], OnnxAttribute.Of("to", (long)OnnxProto.Int32));
        var anyNan = Node(g, "Cast", [Node(g, "ReduceMax", [nans, axes], keep)], OnnxAttribute.Of("to", (long)OnnxProto.Bool));
        return Node(g, "Where", [anyNan, Scalar(g, dt, double.NaN), reduced]);
    }

    /// <summary>
    /// Any reduce region (argmax's compare-and-select, several inputs): the inputs laid out as [reduced, kept…], and a
    /// Loop over the reduced elements that runs the region once per step on whole kept-shape slices. Exact: the
    /// region's own ops decide ties and NaNs, in the interpreter's order.
    /// </summary>
    private string[] GenericReduce(Scope g, Operation op, int n, long[] dims, int[] kept, long reduced, string[] inits)
    {
        var inT = op.Operands[0].Type;
        var perm = dims.Select(d => (int)d).Concat(kept).ToArray();
        var keptDims = kept.Select(d => (long)inT.Shape[d]).ToArray();
        var rows = new string[n];
        for (int j = 0; j < n; j++) rows[j] = Layout(g, g.Of(op.Operands[j]), op.Operands[j].Type, perm, [reduced, .. keptDims]);
        var accInit = inits.Select(i => Node(g, "Expand", [i, Ints(g, keptDims)])).ToArray();

        var body = new Scope(g, Fresh("reduce_body"), vectorized: true);
        var iter = Fresh("iter");
        var condIn = Fresh("cond");
        body.AddInput(iter, OnnxProto.Int64, []);
        body.AddInput(condIn, OnnxProto.Bool, []);
        var accs = new string[n];
        for (int j = 0; j < n; j++)
        {
            accs[j] = Fresh("acc");
            body.AddInput(accs[j], Elem(op.Results[j].Type.DType), keptDims);
        }
        var elems = rows.Select(r => Node(body, "Gather", [r, iter], OnnxAttribute.Of("axis", 0L))).ToArray();
        var next = EmitRegion(body, op.Regions[0], [.. accs, .. elems], _where + " (reduce body)");
        var condOut = Node(body, "Identity", [condIn]);
        body.Graph.Outputs.Add(new OnnxValueInfo(condOut, OnnxProto.Bool, []));
        SetOutputs(body, next, [.. op.Results.Select(r => r.Type)]);
        var trip = ConstTensor(g, new OnnxTensor(OnnxProto.Int64, [], BitConverter.GetBytes(reduced)));
        var go = Scalar(g, DType.Pred, 1);
        return NodeN(g, "Loop", [trip, go, .. accInit], n, OnnxAttribute.Of("body", body.Graph));
    }
}
