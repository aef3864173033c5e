namespace LoopGen.Ir;

/// <summary>A <c>module</c> of functions. The entry point is the function named <c>main</c>.</summary>
public sealed class Module
{
    /// <summary>Creates a module.</summary>
    public Module(string name, IEnumerable<Function> functions)
    {
        Name = name;
        Functions = [.. functions];
    }

    /// <summary>The module's symbol name, without <c>@</c> (printed <c>module @name</c>).</summary>
    public string Name { get; }

    /// <summary>The functions.</summary>
    public IReadOnlyList<Function> Functions { get; }

    /// <summary>The entry function, <c>main</c>.</summary>
    public Function Main => Functions.FirstOrDefault(f => f.Name == "main")
        ?? throw new InvalidOperationException($"module @{Name} has no function @main");

    /// <summary>Total number of operations, nested regions included.</summary>
    public int CountOperations() => Functions.Sum(f => f.Body.CountOperations());

    /// <summary>Number of operations named <paramref name="name"/>, nested regions included.</summary>
    public int CountOperations(string name) => Functions.Sum(f => f.Body.CountOperations(name));
}
