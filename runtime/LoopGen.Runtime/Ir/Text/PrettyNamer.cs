namespace LoopGen.Ir.Text;

/// <summary>
/// Names values for the pretty form the way MLIR's printer does for StableHLO: <c>%argN</c> parameters,
/// <c>%c</c>/<c>%cst</c> constants, <c>%iterArg</c> loop carries, <c>%N</c> for everything else; a name already
/// taken gets <c>_K</c> from one counter per function (<c>%c</c>, <c>%iterArg_0</c>, <c>%c_1</c>).
/// </summary>
internal sealed class PrettyNamer : ScopedNames
{
    private readonly HashSet<string> _used = [];
    private int _nextNumber;
    private int _nextConflict;

    /// <summary>A fresh name from <paramref name="stem"/>: the stem itself, else <c>stem_K</c>.</summary>
    public string Fresh(string stem)
    {
        var name = "%" + stem;
        while (!_used.Add(name)) name = $"%{stem}_{_nextConflict++}";
        return name;
    }

    /// <summary>Gives <paramref name="v"/> a name chosen elsewhere (loop carries named in the op's header).</summary>
    public string Alias(Value v, string name) => Bind(v, name);

    /// <summary>Names op results: <paramref name="stem"/> for a single named result, else <c>%N</c> / <c>%N:k</c>.</summary>
    public string DefineResults(IReadOnlyList<Value> results, string? stem = null)
    {
        if (results.Count == 1 && stem is not null) return Alias(results[0], Fresh(stem));
        var baseName = "%" + _nextNumber++;
        if (results.Count == 1) return Alias(results[0], baseName);
        for (int i = 0; i < results.Count; i++) Alias(results[i], baseName + "#" + i);
        return baseName + ":" + results.Count;
    }
}
