using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx;

/// <summary>
/// An exported ONNX model: one graph, the default ONNX domain at <see cref="Opset"/>. <see cref="ToBytes"/> is the
/// serialized <c>ModelProto</c> that ONNX Runtime (or any ONNX tool) loads.
/// </summary>
public sealed class OnnxModel
{
    /// <summary>The ONNX opset the export targets (ONNX 1.16; ONNX Runtime supports it since 1.18).</summary>
    public const int Opset = 21;

    /// <summary>The ONNX IR version that goes with <see cref="Opset"/>.</summary>
    public const int IrVersion = 10;

    private readonly OnnxGraph _graph;

    internal OnnxModel(OnnxGraph graph)
    {
        _graph = graph;
    }

    /// <summary>The graph's name (the module's).</summary>
    public string Name => _graph.Name;

    /// <summary>Number of nodes, those inside <c>Loop</c> bodies and <c>If</c> branches included.</summary>
    public int NodeCount => _graph.CountNodes();

    /// <summary>Number of nodes of <paramref name="opType"/> (<c>Loop</c>, <c>If</c>, …), subgraphs included.</summary>
    public int CountNodes(string opType) => _graph.CountNodes(opType);

    /// <summary>
    /// Number of nodes of <paramref name="opType"/> made for StableHLO ops named <paramref name="stablehloOp"/>: each node
    /// is named after the op it came from, so <c>CountNodes("Loop", "stablehlo.while")</c> counts the rolled loops and
    /// leaves out the Loops of reductions.
    /// </summary>
    public int CountNodes(string opType, string stablehloOp) => _graph.CountNodes(opType, stablehloOp);

    /// <summary>Every op type the model uses, subgraphs included.</summary>
    public IReadOnlySet<string> OpTypes => _graph.OpTypes().ToHashSet(StringComparer.Ordinal);

    /// <summary>The names of the graph's inputs, in <c>main</c>'s parameter order.</summary>
    public IReadOnlyList<string> InputNames => [.. _graph.Inputs.Select(i => i.Name)];

    /// <summary>The names of the graph's outputs, in <c>main</c>'s result order.</summary>
    public IReadOnlyList<string> OutputNames => [.. _graph.Outputs.Select(o => o.Name)];

    /// <summary>The serialized <c>ModelProto</c>.</summary>
    public byte[] ToBytes()
    {
        var w = new ProtoWriter();
        w.Varint(1, IrVersion);                 // ir_version
        w.String(2, "LoopGen");                 // producer_name
        w.String(3, typeof(OnnxModel).Assembly.GetName().Version?.ToString() ?? "0"); // producer_version
        w.Message(7, _graph.Write);             // graph
        w.Message(8, opset =>                   // opset_import { domain = "" (1), version (2) }
        {
            opset.String(1, "");
            opset.Varint(2, Opset);
        });
        return w.ToArray();
    }

    /// <summary>Writes <see cref="ToBytes"/> to <paramref name="path"/> (a <c>.onnx</c> file).</summary>
    public void Save(string path) => File.WriteAllBytes(path, ToBytes());
}
