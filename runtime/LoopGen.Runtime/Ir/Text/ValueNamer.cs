namespace LoopGen.Ir.Text;

/// <summary>
/// Names values while a function prints: block arguments <c>%argN</c>, op results <c>%N</c>, multi-result uses
/// <c>%N#i</c>. One numbering per function, because MLIR rejects a name that shadows a visible one; argument
/// numbers restart for sibling regions (they cannot see each other), as MLIR's own printer does.
/// </summary>
internal sealed class ValueNamer
{
    private readonly List<Dictionary<Value, string>> _scopes = [];
    private readonly Stack<int> _savedArgs = new();
    private int _nextArg;
    private int _nextResult;

    /// <summary>Creates a namer with the function's scope open.</summary>
    public ValueNamer() => _scopes.Add([]);

    /// <summary>Opens the scope of a region; its block arguments continue the enclosing numbering.</summary>
    public void EnterRegion()
    {
        _scopes.Add([]);
        _savedArgs.Push(_nextArg);
    }

    /// <summary>Closes a region: its values go out of sight and the next sibling reuses its argument numbers.</summary>
    public void ExitRegion()
    {
        _scopes.RemoveAt(_scopes.Count - 1);
        _nextArg = _savedArgs.Pop();
    }

    /// <summary>Names a block argument, <c>%arg3</c>.</summary>
    public string DefineArgument(Value v)
    {
        var name = "%arg" + _nextArg++;
        Define(v, name);
        return name;
    }

    /// <summary>Names an op's results; returns the definition text, <c>%4</c> or <c>%4:2</c>.</summary>
    public string DefineResults(IReadOnlyList<Value> results)
    {
        var baseName = "%" + _nextResult++;
        if (results.Count == 1)
        {
            Define(results[0], baseName);
            return baseName;
        }
        for (int i = 0; i < results.Count; i++) Define(results[i], baseName + "#" + i);
        return baseName + ":" + results.Count;
    }

    /// <summary>The name of a visible value; throws for a value used outside its scope (an IR bug).</summary>
    public string Use(Value v)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(v, out var name)) return name;
        }
        throw new InvalidOperationException($"value {v} is used where it is not defined (not visible in this scope)");
    }

    private void Define(Value v, string name)
    {
        if (!_scopes[^1].TryAdd(v, name))
        {
            throw new InvalidOperationException($"value {v} is defined twice");
        }
    }
}
