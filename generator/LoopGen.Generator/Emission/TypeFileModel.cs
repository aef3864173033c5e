using LoopGen.Generator.Model;
using LoopGen.Generator.Parsing;

namespace LoopGen.Generator.Emission;

/// <summary>
/// One generated file: a containing type's <c>[Compile]</c> methods and the calls to intercept. The unit of the
/// <c>"Output"</c> step, so an edit regenerates only the files whose models changed.
/// </summary>
/// <param name="HintName">The file's hint name.</param>
/// <param name="Hierarchy">The type to reopen.</param>
/// <param name="Methods">The methods, generated or not (those not generated become comments).</param>
/// <param name="Interceptions">The calls to redirect, each to a generated, reachable method of <see cref="Methods"/>.</param>
internal sealed record TypeFileModel(
    string HintName,
    HierarchyInfo Hierarchy,
    EquatableArray<CompiledMethodModel> Methods,
    EquatableArray<InterceptionModel> Interceptions);
