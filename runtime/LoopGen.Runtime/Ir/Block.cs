namespace LoopGen.Ir;

/// <summary>
/// A basic block: arguments and a list of operations, the last of which is a terminator
/// (<c>stablehlo.return</c> in a region, <c>func.return</c> in a function). StableHLO regions hold one
/// block each, so a region is represented by its block.
/// </summary>
public sealed class Block
{
    /// <summary>Creates an empty block.</summary>
    public Block()
    {
    }

    /// <summary>Creates a block with the given arguments and operations.</summary>
    public Block(IEnumerable<Value> arguments, IEnumerable<Operation>? operations = null)
    {
        Arguments.AddRange(arguments);
        if (operations is not null) Operations.AddRange(operations);
    }

    /// <summary>The block arguments. Builders may append while tracing (captured values).</summary>
    public List<Value> Arguments { get; } = [];

    /// <summary>The operations in order, terminator last.</summary>
    public List<Operation> Operations { get; } = [];

    /// <summary>The terminator, or null while the block is being built.</summary>
    public Operation? Terminator => Operations.Count > 0 && Operations[^1].IsTerminator ? Operations[^1] : null;

    /// <summary>Adds an argument of the given type and returns it.</summary>
    public Value AddArgument(TensorType type, string? nameHint = null)
    {
        var v = new Value(type, nameHint);
        Arguments.Add(v);
        return v;
    }

    /// <summary>Number of operations in this block and, recursively, in its operations' regions; terminators are not counted.</summary>
    public int CountOperations()
    {
        int n = 0;
        foreach (var op in Operations)
        {
            if (!op.IsTerminator) n++;
            foreach (var r in op.Regions) n += r.CountOperations();
        }
        return n;
    }

    /// <summary>Number of operations named <paramref name="name"/> here and in nested regions.</summary>
    public int CountOperations(string name)
    {
        int n = 0;
        foreach (var op in Operations)
        {
            if (op.Name == name) n++;
            foreach (var r in op.Regions) n += r.CountOperations(name);
        }
        return n;
    }
}
