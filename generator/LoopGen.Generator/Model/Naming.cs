namespace LoopGen.Generator.Model;

/// <summary>The names of generated members, in one place: the lifter and the emitter must agree on them.</summary>
internal static class Naming
{
    /// <summary>The public compiled entry of method <paramref name="name"/> (callable from other assemblies).</summary>
    public static string CompiledEntry(string name) => name + "Compiled";

    /// <summary>The public eager reference of method <paramref name="name"/>: the plain body, never intercepted.</summary>
    public static string EagerEntry(string name) => name + "Eager";

    /// <summary>The public lowering entry of method <paramref name="name"/>: traces for the arguments' signature without running (tests count its loops and ops).</summary>
    public static string LowerEntry(string name) => name + "Lower";

    /// <summary>The private traced twin; <paramref name="ordinal"/> tells overloads apart.</summary>
    public static string Traced(string name, int ordinal) => "__LoopGen_" + name + "_" + ordinal + "_Traced";

    /// <summary>The private field holding the compiled function.</summary>
    public static string Field(string name, int ordinal) => "__LoopGen_" + name + "_" + ordinal;

    /// <summary>The private property an instance method's entries share: this object's compiled function.</summary>
    public static string Function(string name, int ordinal) => "__LoopGen_" + name + "_" + ordinal + "_Function";

    /// <summary>The namespace of interceptors (added to <c>InterceptorsNamespaces</c> by the build props).</summary>
    public const string InterceptorsNamespace = "LoopGen.Generated";
}
