namespace LoopGen.Ir.Text;

/// <summary>
/// The scoping both printers share: one name table per open region (a region sees the names above it), and
/// block-argument numbers that continue into a region and restart for its sibling, as MLIR's printer does.
/// </summary>
internal abstract class ScopedNames
{
    private readonly List<Dictionary<Value, string>> _scopes = [[]];
    private readonly Stack<int> _savedArgs = new();
    private int _nextArg;

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
    public string DefineArgument(Value v) => Bind(v, "%arg" + _nextArg++);

    /// <summary>The name of a visible value; throws for a value used outside its scope (an IR bug).</summary>
    public string Use(Value v)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(v, out var name)) return name;
        }
        throw new InvalidOperationException($"value {v} is used where it is not defined (not visible in this scope)");
    }

    /// <summary>Records <paramref name="name"/> for <paramref name="v"/> in the innermost scope.</summary>
    protected virtual string Bind(Value v, string name)
    {
        _scopes[^1][v] = name;
        return name;
    }

    /// <summary>True if the innermost scope already names <paramref name="v"/>.</summary>
    protected bool IsBound(Value v) => _scopes[^1].ContainsKey(v);
}
