using LoopGen.Ir;
using LoopGen.Onnx.Proto;

namespace LoopGen.Onnx.Export;

/// <summary>
/// One ONNX graph under construction (the main graph, a Loop body, an If branch) and the names its values have.
/// Lookups fall through to the enclosing scopes: ONNX subgraphs read outer values by name, as StableHLO regions do.
/// </summary>
internal sealed class Scope
{
    private readonly Dictionary<Value, string> _names = [];
    private readonly HashSet<string> _produced = new(StringComparer.Ordinal);

    public Scope(Scope? parent, string name, bool vectorized = false)
    {
        Parent = parent;
        Graph = new OnnxGraph(name);
        Vectorized = vectorized;
    }

    public Scope? Parent { get; }

    public OnnxGraph Graph { get; }

    /// <summary>
    /// True in a reduce body run over whole slices: the region's 0-d values are tensors of the kept shape here, so
    /// only elementwise ops are allowed (ONNX broadcasting does the rest).
    /// </summary>
    public bool Vectorized { get; }

    public void Bind(Value v, string name) => _names[v] = name;

    public string Of(Value v)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s._names.TryGetValue(v, out var name)) return name;
        }
        throw new InvalidOperationException($"value {v} is used before it is defined (broken SSA)");
    }

    /// <summary>Records that <paramref name="name"/> is made inside this graph (an input or a node's output).</summary>
    public void Produced(string name) => _produced.Add(name);

    public bool Produces(string name) => _produced.Contains(name);

    public void AddInput(string name, int elemType, long[] dims)
    {
        Graph.Inputs.Add(new OnnxValueInfo(name, elemType, dims));
        _produced.Add(name);
    }
}
