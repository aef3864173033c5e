namespace LoopGen.Ir;

/// <summary>A <c>func.func</c>: parameters are the body's block arguments; the body ends in <c>func.return</c>.</summary>
public sealed class Function
{
    /// <summary>Creates a function.</summary>
    public Function(string name, Block body, IReadOnlyList<TensorType> resultTypes, bool isPublic = true)
    {
        Name = name;
        Body = body;
        ResultTypes = resultTypes;
        IsPublic = isPublic;
    }

    /// <summary>The symbol name, without <c>@</c>.</summary>
    public string Name { get; }

    /// <summary>The body; its arguments are the parameters.</summary>
    public Block Body { get; }

    /// <summary>The parameters (the body's arguments).</summary>
    public IReadOnlyList<Value> Parameters => Body.Arguments;

    /// <summary>The result types.</summary>
    public IReadOnlyList<TensorType> ResultTypes { get; }

    /// <summary>True for <c>public</c> visibility (the entry function is public).</summary>
    public bool IsPublic { get; }
}
