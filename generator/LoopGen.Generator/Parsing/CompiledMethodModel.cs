using LoopGen.Generator.Lifting;
using LoopGen.Generator.Model;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// Everything the emitter needs about one <c>[Compile]</c> method, as values only (never a symbol, syntax node,
/// semantic model or compilation), so the pipeline caches it and an unrelated edit regenerates nothing.
/// </summary>
/// <param name="Hierarchy">Its namespace and containing types.</param>
/// <param name="Name">The method's name, escaped when it is a keyword.</param>
/// <param name="Ordinal">Its index among the type's same-named <c>[Compile]</c> methods, in declaration order (tells overloads apart).</param>
/// <param name="IsStatic">Static, or an instance method (then the compiled function is per instance).</param>
/// <param name="Accessibility">The method's accessibility as written in C# (<c>public</c>, <c>private protected</c>, …): the generated entries get the same.</param>
/// <param name="IsInterceptable">Whether an interceptor (a file-local class in another namespace) can reach the method: it and its types are at least internal.</param>
/// <param name="Parameters">The original parameters.</param>
/// <param name="ReturnType">The original return type, fully qualified.</param>
/// <param name="Cref">The method as a <c>cref</c> (<c>CumulativeAdd(global::LoopGen.Tensor, int)</c>).</param>
/// <param name="Unrolled">True for <c>[Compile(Loops = LoopMode.Unrolled)]</c>.</param>
/// <param name="Twin">The lifted twin, when the method is generated.</param>
/// <param name="ResultConversion">How the entry turns the twin's result into the original return type: an expression over <c>__r</c>; null when the types agree.</param>
/// <param name="Problems">What the lifter could not lift (for the analyzers; the generator only mentions them).</param>
/// <param name="NotCompiledReason">Why no code is generated for the method; null when it is.</param>
/// <param name="Diagnostics">What the generator itself reports (LG9999); stripped before the output step, so a diagnostic change never regenerates code.</param>
internal sealed record CompiledMethodModel(
    HierarchyInfo Hierarchy,
    string Name,
    int Ordinal,
    bool IsStatic,
    string Accessibility,
    bool IsInterceptable,
    EquatableArray<ParameterModel> Parameters,
    string ReturnType,
    string Cref,
    bool Unrolled,
    LiftedMethod? Twin,
    string? ResultConversion,
    EquatableArray<LiftProblem> Problems,
    string? NotCompiledReason,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>True when code is generated for the method.</summary>
    public bool IsGenerated => NotCompiledReason is null && Twin is not null;
}

/// <summary>One original parameter.</summary>
/// <param name="Name">The name, escaped when it is a keyword (<c>@class</c>).</param>
/// <param name="Type">The fully qualified type.</param>
/// <param name="IsDynamic">Whether it is marked <c>[Dynamic]</c>.</param>
/// <param name="Default">Its default value as C# (<c>3</c>, <c>0.5F</c>), or null: the entries repeat it.</param>
internal sealed record ParameterModel(string Name, string Type, bool IsDynamic, string? Default = null)
{
    /// <summary>The parameter as declared on an entry: type, name and default.</summary>
    public string Declaration => Type + " " + Name + (Default is null ? "" : " = " + Default);
}
