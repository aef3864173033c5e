namespace LoopGen.Ir.Text;

/// <summary>
/// Names values while a function prints: block arguments <c>%argN</c>, op results <c>%N</c>, multi-result uses
/// <c>%N#i</c>. One numbering per function, because MLIR rejects a name that shadows a visible one; argument
/// numbers restart for sibling regions (they cannot see each other), as MLIR's own printer does.
/// </summary>
internal sealed class ValueNamer : ScopedNames
{
    private int _nextResult;

    /// <summary>Names an op's results; returns the definition text, <c>%4</c> or <c>%4:2</c>.</summary>
    public string DefineResults(IReadOnlyList<Value> results)
    {
        var baseName = "%" + _nextResult++;
        if (results.Count == 1) return Bind(results[0], baseName);
        for (int i = 0; i < results.Count; i++) Bind(results[i], baseName + "#" + i);
        return baseName + ":" + results.Count;
    }

    /// <inheritdoc/>
    protected override string Bind(Value v, string name)
    {
        if (IsBound(v)) throw new InvalidOperationException($"value {v} is defined twice");
        return base.Bind(v, name);
    }
}
