using LoopGen.Generator.Model;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// The traced twin of a <c>[Compile]</c> method, as text: what the emitter writes as the body of
/// <c>__LoopGen_{Name}_Traced</c>, with the twin's own parameter list and return type (a primitive parameter that
/// a loop carries, or a <c>[Dynamic]</c> one, is a <c>Tensor</c> in the twin; a primitive return is a <c>Tensor</c>).
/// </summary>
/// <param name="Parameters">The twin's parameters, in the original order.</param>
/// <param name="ReturnType">The twin's return type, fully qualified (<c>global::LoopGen.Tensor</c>).</param>
/// <param name="Body">The twin's body block, <c>{ … }</c>, with <c>#line</c> directives mapping to the user's lines; no trailing newline.</param>
/// <param name="LoopCount">How many loops were lifted (each becomes one <c>stablehlo.while</c> when traced).</param>
internal sealed record LiftedMethod(EquatableArray<TwinParameter> Parameters, string ReturnType, string Body, int LoopCount);

/// <summary>One parameter of a twin: its name and fully qualified type text.</summary>
internal sealed record TwinParameter(string Name, string Type);

/// <summary>What <see cref="MethodLifter.Analyze"/> found.</summary>
/// <param name="Method">The twin; null when there are problems or it was not asked for.</param>
/// <param name="Problems">Why the method cannot be lifted (empty when it can).</param>
/// <param name="Notes">Information that does not prevent lifting (dynamic trip counts, recompilation per value).</param>
internal sealed record LiftResult(LiftedMethod? Method, EquatableArray<LiftProblem> Problems, EquatableArray<LiftProblem> Notes);
