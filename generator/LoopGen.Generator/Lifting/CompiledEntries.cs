using System.Linq;
using LoopGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Lifting;

/// <summary>
/// The public compiled entry (<c>MCompiled</c>) of a <c>[Compile]</c> method in a referenced assembly, as that
/// assembly's build generated it: same staticness, return type and parameter types, passed by value.
/// </summary>
internal static class CompiledEntries
{
    public static IMethodSymbol? Find(IMethodSymbol target) =>
        target.ContainingType?.GetMembers(Naming.CompiledEntry(target.Name)).OfType<IMethodSymbol>().FirstOrDefault(e =>
            e.DeclaredAccessibility == Accessibility.Public && e.IsStatic == target.IsStatic && !e.IsGenericMethod
            && SymbolEqualityComparer.Default.Equals(e.ReturnType, target.ReturnType)
            && e.Parameters.Length == target.Parameters.Length
            && e.Parameters.Zip(target.Parameters, (a, b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type) && a.RefKind == RefKind.None && b.RefKind == RefKind.None).All(x => x));
}
