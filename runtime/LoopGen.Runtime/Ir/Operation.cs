namespace LoopGen.Ir;

/// <summary>
/// One operation: a name such as <c>stablehlo.add</c>, operands, results, attributes and regions. The
/// meaning of each name (its operands, attributes and regions) is listed in <see cref="Ops"/>.
/// </summary>
public sealed class Operation
{
    /// <summary>Creates an operation with new result values of the given types.</summary>
    public Operation(
        string name,
        IReadOnlyList<Value> operands,
        IReadOnlyList<TensorType> resultTypes,
        IReadOnlyList<NamedAttr>? attributes = null,
        IReadOnlyList<Block>? regions = null)
    {
        Name = name;
        Operands = operands;
        var results = new Value[resultTypes.Count];
        for (int i = 0; i < results.Length; i++) results[i] = new Value(resultTypes[i]);
        Results = results;
        Attributes = attributes ?? [];
        Regions = regions ?? [];
    }

    /// <summary>Creates an operation over existing result values (used by the parser).</summary>
    public Operation(
        string name,
        IReadOnlyList<Value> operands,
        IReadOnlyList<Value> results,
        IReadOnlyList<NamedAttr> attributes,
        IReadOnlyList<Block> regions)
    {
        Name = name;
        Operands = operands;
        Results = results;
        Attributes = attributes;
        Regions = regions;
    }

    /// <summary>The full name, dialect included: <c>stablehlo.while</c>.</summary>
    public string Name { get; }

    /// <summary>The operand values.</summary>
    public IReadOnlyList<Value> Operands { get; }

    /// <summary>The result values.</summary>
    public IReadOnlyList<Value> Results { get; }

    /// <summary>The attributes, in printing order.</summary>
    public IReadOnlyList<NamedAttr> Attributes { get; }

    /// <summary>The regions, one block each (while: cond then body; if: true then false; case: branches; reduce: body).</summary>
    public IReadOnlyList<Block> Regions { get; }

    /// <summary>True for <c>stablehlo.return</c> and <c>func.return</c>.</summary>
    public bool IsTerminator => Name is Ops.Return or Ops.FuncReturn;

    /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
    public Attr? Attribute(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == name) return a.Value;
        }
        return null;
    }

    /// <summary>The attribute named <paramref name="name"/> as <typeparamref name="T"/>; throws if it is missing.</summary>
    public T Attribute<T>(string name)
        where T : Attr
        => Attribute(name) as T
           ?? throw new InvalidOperationException($"{Name}: missing attribute '{name}' of kind {typeof(T).Name}");

    /// <inheritdoc/>
    public override string ToString() => Name;
}
