namespace LoopGen.Onnx.Proto;

/// <summary>
/// The parts of onnx.proto that the export writes: field numbers and enum values as the ONNX specification publishes
/// them (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto).
/// </summary>
internal static class OnnxProto
{
    // TensorProto.DataType
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;
    public const int Bool = 9;
    public const int Double = 11;

    // AttributeProto.AttributeType
    public const int AttrFloat = 1;
    public const int AttrInt = 2;
    public const int AttrString = 3;
    public const int AttrTensor = 4;
    public const int AttrGraph = 5;
    public const int AttrInts = 7;

    /// <summary>The ONNX name of a TensorProto.DataType, for messages.</summary>
    public static string TypeName(int dataType) => dataType switch
    {
        Float => "float",
        Int32 => "int32",
        Int64 => "int64",
        Bool => "bool",
        Double => "double",
        _ => "type " + dataType,
    };
}

/// <summary>A tensor type of a graph input or output: element type and static dims.</summary>
internal sealed record OnnxValueInfo(string Name, int ElemType, long[] Dims)
{
    /// <summary>Writes a ValueInfoProto: name (1), type (2) = TypeProto { tensor_type (1) = { elem_type (1), shape (2) } }.</summary>
    public void Write(ProtoWriter w)
    {
        w.String(1, Name);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, ElemType);
            tensor.Message(2, shape =>
            {
                foreach (var d in Dims) shape.Message(1, dim => dim.Varint(1, d));
            });
        }));
    }
}

/// <summary>A constant tensor: element type, dims and little-endian raw bytes.</summary>
internal sealed record OnnxTensor(int ElemType, long[] Dims, byte[] Raw)
{
    /// <summary>Writes a TensorProto: dims (1), data_type (2), raw_data (9).</summary>
    public void Write(ProtoWriter w)
    {
        foreach (var d in Dims) w.Varint(1, d);
        w.Varint(2, ElemType);
        w.Bytes(9, Raw);
    }
}

/// <summary>A node attribute: one of int, ints, float, string, tensor or graph.</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(string name, int type)
    {
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public int Type { get; }

    public long Int { get; private init; }

    public long[] Ints { get; private init; } = [];

    public float Float { get; private init; }

    public string? Text { get; private init; }

    public OnnxTensor? Tensor { get; private init; }

    public OnnxGraph? Graph { get; private init; }

    public static OnnxAttribute Of(string name, long value) => new(name, OnnxProto.AttrInt) { Int = value };

    public static OnnxAttribute Of(string name, long[] values) => new(name, OnnxProto.AttrInts) { Ints = values };

    public static OnnxAttribute Of(string name, float value) => new(name, OnnxProto.AttrFloat) { Float = value };

    public static OnnxAttribute Of(string name, string value) => new(name, OnnxProto.AttrString) { Text = value };

    public static OnnxAttribute Of(string name, OnnxTensor value) => new(name, OnnxProto.AttrTensor) { Tensor = value };

    public static OnnxAttribute Of(string name, OnnxGraph value) => new(name, OnnxProto.AttrGraph) { Graph = value };

    /// <summary>Writes an AttributeProto: name (1), f (2), i (3), s (4), t (5), g (6), ints (8), type (20).</summary>
    public void Write(ProtoWriter w)
    {
        w.String(1, Name);
        switch (Type)
        {
            case OnnxProto.AttrInt: w.Varint(3, Int); break;
            case OnnxProto.AttrInts: foreach (var v in Ints) w.Varint(8, v); break;
            case OnnxProto.AttrFloat: w.Float(2, Float); break;
            case OnnxProto.AttrString: w.String(4, Text!); break;
            case OnnxProto.AttrTensor: w.Message(5, Tensor!.Write); break;
            case OnnxProto.AttrGraph: w.Message(6, Graph!.Write); break;
            default: throw new InvalidOperationException($"attribute type {Type}");
        }
        w.Varint(20, Type);
    }
}

/// <summary>One node: op type, input and output names, a name for messages, attributes.</summary>
internal sealed record OnnxNode(string OpType, string[] Inputs, string[] Outputs, string Name, OnnxAttribute[] Attributes)
{
    /// <summary>Writes a NodeProto: input (1), output (2), name (3), op_type (4), attribute (5).</summary>
    public void Write(ProtoWriter w)
    {
        foreach (var i in Inputs) w.String(1, i);
        foreach (var o in Outputs) w.String(2, o);
        w.String(3, Name);
        w.String(4, OpType);
        foreach (var a in Attributes) w.Message(5, a.Write);
    }
}

/// <summary>A graph or subgraph: nodes in order, typed inputs and outputs.</summary>
internal sealed class OnnxGraph(string name)
{
    public string Name { get; } = name;

    public List<OnnxNode> Nodes { get; } = [];

    public List<OnnxValueInfo> Inputs { get; } = [];

    public List<OnnxValueInfo> Outputs { get; } = [];

    /// <summary>Nodes here and in every subgraph (Loop bodies, If branches), recursively.</summary>
    public int CountNodes(string? opType = null, string? from = null) => Nodes.Sum(n =>
        ((opType is null || n.OpType == opType) && (from is null || n.Name.StartsWith(from + "@", StringComparison.Ordinal)) ? 1 : 0)
        + n.Attributes.Where(a => a.Graph is not null).Sum(a => a.Graph!.CountNodes(opType, from)));

    /// <summary>Every op type used, subgraphs included.</summary>
    public IEnumerable<string> OpTypes() => Nodes.SelectMany(n => n.Attributes.Where(a => a.Graph is not null).SelectMany(a => a.Graph!.OpTypes()).Prepend(n.OpType));

    /// <summary>Writes a GraphProto: node (1), name (2), input (11), output (12).</summary>
    public void Write(ProtoWriter w)
    {
        foreach (var n in Nodes) w.Message(1, n.Write);
        w.String(2, Name);
        foreach (var i in Inputs) w.Message(11, i.Write);
        foreach (var o in Outputs) w.Message(12, o.Write);
    }
}
