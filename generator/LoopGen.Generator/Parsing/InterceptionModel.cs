using LoopGen.Generator.Model;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// One call to a <c>[Compile]</c> method that an interceptor redirects to the compiled entry. The location is kept
/// as the <c>InterceptableLocation</c>'s version and data (values), never as a Roslyn object.
/// </summary>
/// <param name="TypeIdentity">The <see cref="HierarchyInfo.Identity"/> of the target method's type (its file holds the interceptor).</param>
/// <param name="MethodName">The target method's name, escaped.</param>
/// <param name="Ordinal">The target's ordinal among same-named <c>[Compile]</c> methods of its type.</param>
/// <param name="Version">The location's format version.</param>
/// <param name="Data">The location's opaque data (changes with any edit of the calling file).</param>
/// <param name="Display">Where the call is, for a comment: <c>File.cs(12,17)</c>.</param>
/// <param name="Referenced">For a target in a referenced assembly: its public compiled entry; null for this assembly's methods.</param>
internal sealed record InterceptionModel(string TypeIdentity, string MethodName, int Ordinal, int Version, string Data, string Display, ReferencedEntry? Referenced = null);

/// <summary>The public compiled entry of a <c>[Compile]</c> method in a referenced assembly, as the interceptor calls it.</summary>
/// <param name="TypeName">The containing type, fully qualified.</param>
/// <param name="EntryName">The compiled entry's name (<c>MCompiled</c>), escaped.</param>
/// <param name="IsStatic">Static, or an instance method (the interceptor then takes <c>this</c>).</param>
/// <param name="Parameters">The target's parameters (types fully qualified).</param>
/// <param name="ReturnType">The target's return type, fully qualified.</param>
internal sealed record ReferencedEntry(string TypeName, string EntryName, bool IsStatic, EquatableArray<ParameterModel> Parameters, string ReturnType);
