using System.Globalization;
using System.Runtime.InteropServices;
using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>
/// StableHLO IR → ONNX graph, op by op, each with the interpreter's exact semantics (the notes on <see cref="Ops"/>):
/// guarded integer division, saturating float→int conversion, clamped dynamic slices. Control flow stays rolled:
/// a while is one <c>Loop</c>, if/case are <c>If</c>s. Every name is unique in the whole model, so a subgraph may
/// read any outer value by name.
/// </summary>
internal sealed partial class Exporter
{
    private readonly Dictionary<Value, Operation> _producers = [];
    private int _counter;
    private Operation? _op;
    private string _where = "main";

    public static OnnxModel Export(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return new Exporter().Main(module);
    }

    private OnnxModel Main(Module module)
    {
        var main = module.Main;
        var g = new Scope(null, module.Name);
        for (int i = 0; i < main.Parameters.Count; i++)
        {
            var p = main.Parameters[i];
            var name = "input" + i.ToString(CultureInfo.InvariantCulture);
            g.AddInput(name, Elem(p.Type.DType), Dims(p.Type.Shape));
            g.Bind(p, name);
        }
        var results = EmitBlock(g, main.Body, "main");
        for (int i = 0; i < results.Length; i++)
        {
            var name = "output" + i.ToString(CultureInfo.InvariantCulture);
            AddNode(g, "Identity", [results[i]], [name], []);
            g.Graph.Outputs.Add(new OnnxValueInfo(name, Elem(main.ResultTypes[i].DType), Dims(main.ResultTypes[i].Shape)));
        }
        return new OnnxModel(g.Graph);
    }

    /// <summary>Emits a block's ops into <paramref name="g"/> and returns the names its terminator returns.</summary>
    private string[] EmitBlock(Scope g, Block block, string where, IReadOnlySet<Operation>? skip = null)
    {
        for (int i = 0; i < block.Operations.Count; i++)
        {
            var op = block.Operations[i];
            if (op.IsTerminator) return [.. op.Operands.Select(g.Of)];
            if (skip is not null && skip.Contains(op))
            {
                // Replaced by the caller (a scan output's row write): its result has no name here.
                foreach (var r in op.Results) g.Bind(r, "");
                continue;
            }
            var (savedOp, savedWhere) = (_op, _where);
            _op = op;
            _where = $"{where}/op {i.ToString(CultureInfo.InvariantCulture)}";
            try
            {
                EmitOp(g, op);
            }
            finally
            {
                (_op, _where) = (savedOp, savedWhere);
            }
            foreach (var r in op.Results) _producers[r] = op;
        }
        throw Fail("the block has no terminator");
    }

    /// <summary>A region's ops emitted into <paramref name="g"/> with its arguments bound to <paramref name="args"/>.</summary>
    private string[] EmitRegion(Scope g, Block block, string[] args, string where, IReadOnlySet<Operation>? skip = null)
    {
        if (block.Arguments.Count != args.Length) throw Fail($"the region takes {block.Arguments.Count} arguments, {args.Length} given");
        for (int i = 0; i < args.Length; i++) g.Bind(block.Arguments[i], args[i]);
        return EmitBlock(g, block, where, skip);
    }

    /// <summary>Declares a subgraph's outputs, adding an Identity where the value is not made inside it or is returned twice.</summary>
    private void SetOutputs(Scope sub, string[] names, IReadOnlyList<TensorType> types)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (!sub.Produces(name) || sub.Graph.Inputs.Any(x => x.Name == name) || !used.Add(name)) name = Node(sub, "Identity", [name]);
            used.Add(name);
            sub.Graph.Outputs.Add(new OnnxValueInfo(name, Elem(types[i].DType), Dims(types[i].Shape)));
        }
    }

    private void EmitOp(Scope g, Operation op)
    {
        foreach (var v in op.Operands) Elem(v.Type.DType);
        foreach (var v in op.Results) Elem(v.Type.DType);
        if (g.Vectorized && !IsElementwise(op)) throw Fail($"{op.Name} inside a reduce body has no ONNX mapping (only elementwise ops do)", op.Name);
        string[]? results = op.Name switch
        {
            Ops.Constant => [Constant(g, op)],
            Ops.Iota => [Iota(g, op)],
            _ when Ops.ElementwiseBinary.Contains(op.Name) => [Binary(g, op.Name, op.Operands[0].Type.DType, g.Of(op.Operands[0]), g.Of(op.Operands[1]))],
            _ when Ops.ElementwiseUnary.Contains(op.Name) => [Unary(g, op.Name, op.Operands[0].Type.DType, g.Of(op.Operands[0]))],
            Ops.Compare => [Compare(g, op)],
            Ops.Select => [Node(g, "Where", [.. op.Operands.Select(g.Of)])],
            Ops.Clamp => [Clamp(g, op)],
            Ops.Convert => [Convert(g, op.Operands[0].Type.DType, op.Results[0].Type.DType, g.Of(op.Operands[0]))],
            Ops.BroadcastInDim => [BroadcastInDim(g, op)],
            Ops.Reshape => [Reshape(g, op)],
            Ops.Transpose => [Transpose(g, op)],
            Ops.Reverse => [Reverse(g, op)],
            Ops.Slice => [Slice(g, op)],
            Ops.DynamicSlice => [DynamicSlice(g, op)],
            Ops.DynamicUpdateSlice => [DynamicUpdateSlice(g, op)],
            Ops.Concatenate => [Concatenate(g, op)],
            Ops.Pad => [Pad(g, op)],
            Ops.DotGeneral => [DotGeneral(g, op)],
            Ops.Reduce => Reduce(g, op),
            Ops.While => While(g, op),
            Ops.If => If(g, op),
            Ops.Case => Case(g, op),
            _ => null,
        };
        if (results is null) throw Fail($"{op.Name} has no ONNX mapping", op.Name);
        if (results.Length != op.Results.Count) throw Fail($"{op.Name}: the export made {results.Length} values for {op.Results.Count} results", op.Name);
        for (int i = 0; i < results.Length; i++) g.Bind(op.Results[i], results[i]);
    }

    private static bool IsElementwise(Operation op) =>
        Ops.ElementwiseBinary.Contains(op.Name) || Ops.ElementwiseUnary.Contains(op.Name)
        || op.Name is Ops.Compare or Ops.Select or Ops.Clamp or Ops.Convert
        || (op.Name is Ops.Constant && op.Results[0].Type.Shape.Rank == 0)
        || (op.Name is Ops.Reshape or Ops.BroadcastInDim && op.Operands[0].Type.Shape.Rank == 0 && op.Results[0].Type.Shape.Rank == 0);

    // ---- Node helpers ------------------------------------------------------------------------------------------

    private string Fresh(string hint) => hint + "_" + (_counter++).ToString(CultureInfo.InvariantCulture);

    private string NodeName(string opType) => Fresh($"{_op?.Name ?? "export"}@{_where}:{opType}");

    private void AddNode(Scope g, string opType, string[] inputs, string[] outputs, OnnxAttribute[] attributes)
    {
        g.Graph.Nodes.Add(new OnnxNode(opType, inputs, outputs, NodeName(opType), attributes));
        foreach (var o in outputs) g.Produced(o);
    }

    /// <summary>A node with one output; returns the output's name.</summary>
    private string Node(Scope g, string opType, string[] inputs, params OnnxAttribute[] attributes)
    {
        var name = Fresh("v");
        AddNode(g, opType, inputs, [name], attributes);
        return name;
    }

    /// <summary>A node with <paramref name="count"/> outputs.</summary>
    private string[] NodeN(Scope g, string opType, string[] inputs, int count, params OnnxAttribute[] attributes)
    {
        var names = Enumerable.Range(0, count).Select(_ => Fresh("v")).ToArray();
        AddNode(g, opType, inputs, names, attributes);
        return names;
    }

    private string ConstTensor(Scope g, OnnxTensor t) => Node(g, "Constant", [], OnnxAttribute.Of("value", t));

    /// <summary>A 1-D int64 constant (shapes, axes, starts).</summary>
    private string Ints(Scope g, params long[] values) => ConstTensor(g, new OnnxTensor(OnnxProto.Int64, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));

    /// <summary>A 0-d constant of <paramref name="dtype"/>.</summary>
    private string Scalar(Scope g, DType dtype, double value) => ConstTensor(g, new OnnxTensor(Elem(dtype), [], ScalarBytes(dtype, value)));

    /// <summary>A 0-d integer constant of <paramref name="dtype"/>, exact for all of s64.</summary>
    private string ScalarInt(Scope g, DType dtype, long value) => ConstTensor(g, new OnnxTensor(Elem(dtype), [], dtype switch
    {
        DType.S32 => BitConverter.GetBytes(checked((int)value)),
        DType.S64 => BitConverter.GetBytes(value),
        _ => ScalarBytes(dtype, value),
    }));

    private static byte[] ScalarBytes(DType dtype, double value) => dtype switch
    {
        DType.Pred => [value != 0 ? (byte)1 : (byte)0],
        DType.S32 => BitConverter.GetBytes((int)value),
        DType.S64 => BitConverter.GetBytes((long)value),
        DType.F32 => BitConverter.GetBytes((float)value),
        DType.F64 => BitConverter.GetBytes(value),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    internal static long[] Dims(Shape shape) => [.. shape.Dims.Select(d => (long)d)];

    /// <summary>The ONNX element type of <paramref name="dtype"/>, or an export error naming the op and the dtype.</summary>
    private int Elem(DType dtype) => dtype switch
    {
        DType.Pred => OnnxProto.Bool,
        DType.S32 => OnnxProto.Int32,
        DType.S64 => OnnxProto.Int64,
        DType.F32 => OnnxProto.Float,
        DType.F64 => OnnxProto.Double,
        _ => throw new OnnxExportException(
            $"dtype {dtype.Name()} cannot be exported{Context()}: the ONNX export carries pred, s32, s64, f32 and f64 (the dtypes LoopGen computes on)",
            _op?.Name, dtype, _where),
    };

    private string Context() => _op is null ? "" : $" ({_op.Name} at {_where}: {Signature(_op)})";

    private static string Signature(Operation op) =>
        $"({string.Join(", ", op.Operands.Select(v => v.Type.ToString()))}) -> ({string.Join(", ", op.Results.Select(v => v.Type.ToString()))})";

    private OnnxExportException Fail(string message, string? opName = null, DType? dtype = null) =>
        new($"cannot export to ONNX: {message}{Context()}", opName ?? _op?.Name, dtype, _where);

    /// <summary>The op's dtype is not one the ONNX mapping of <paramref name="what"/> covers.</summary>
    private OnnxExportException Unsupported(string what, DType dtype) =>
        Fail($"{what} on {dtype.Name()} has no ONNX mapping", _op?.Name, dtype);

    /// <summary>The value of a 0-d (or splat) integer constant op, or null.</summary>
    private static long? ConstantInt(Operation? op)
    {
        if (op is null || op.Name != Ops.Constant || op.Attribute("value") is not DenseAttr d || d.Data.Length != 1) return null;
        return d.Data switch
        {
            int[] a => a[0],
            long[] a => a[0],
            _ => null,
        };
    }
}
