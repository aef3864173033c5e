using LoopGen.Generator.Lifting;

namespace LoopGen.Generator.Sharing;

/// <summary>
/// What the analyzers report for one <c>[Compile]</c> method, as the generator decided it: an immutable value (strings
/// and <see cref="LiftProblem"/> records, no syntax node, symbol or semantic model), so it can outlive the compilation
/// it was computed in and be compared by value.
/// </summary>
/// <param name="NotCompiledReason">The method-level rule that rules it out (<c>CompileChecks.WhyNot</c>), or null.</param>
/// <param name="Result">The lifting analysis's problems and notes; null when <paramref name="NotCompiledReason"/> is set, or when the method has compile errors (<see cref="HasCompileErrors"/>).</param>
internal sealed record MethodVerdict(string? NotCompiledReason, LiftResult? Result)
{
    /// <summary>The verdict on a method with compile errors (<c>CompileErrors.Any</c>): the compiler reports them, LoopGen reports nothing.</summary>
    public static MethodVerdict HasCompileErrors { get; } = new(null, null);
}
