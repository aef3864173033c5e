using System.Linq;
using System.Text;
using LoopGen.Generator.Model;

namespace LoopGen.Generator.Parsing;

/// <summary>
/// Where a <c>[Compile]</c> method lives, as text: enough to reopen its namespace and every containing partial type
/// in a generated file, and to name the generated file. Value-equatable, so it can travel through the pipeline.
/// </summary>
/// <param name="Namespace">The namespace, escaped parts joined by dots; empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first.</param>
internal sealed record HierarchyInfo(string Namespace, EquatableArray<ContainingTypeInfo> Types)
{
    /// <summary>The innermost type's fully qualified name, <c>global::NS.Outer.Inner</c>, for interceptors.</summary>
    public string FullyQualifiedName
    {
        get
        {
            var sb = new StringBuilder("global::");
            if (Namespace.Length > 0) sb.Append(Namespace).Append('.');
            sb.Append(string.Join(".", Types.Select(t => t.Name + t.TypeParameters)));
            return sb.ToString();
        }
    }

    /// <summary>The types' names joined by dots (no namespace), for module names in messages: <c>Outer.Inner</c>.</summary>
    public string DisplayName => string.Join(".", Types.Select(t => Identifiers.Unescape(t.Name)));

    /// <summary>
    /// The hint name of the type's generated file, <c>{Namespace}.{Outer}.{Type}.LoopGen.g.cs</c>: stable across
    /// builds, with characters a file name cannot hold replaced (unicode letters stay) and generic arity appended.
    /// </summary>
    /// <summary>The type's identity, exact and case-sensitive (namespace, then each type with its arity): what files are grouped by.</summary>
    public string Identity => Namespace + "::" + string.Join("+", Types.Select(t => Identifiers.Unescape(t.Name) + "`" + t.Arity));

    /// <summary>The readable hint name; two types can share one (names differing by case, a namespace like a type), so the grouper makes them unique.</summary>
    public string HintName
    {
        get
        {
            var parts = Namespace.Split(new[] { '.' }, System.StringSplitOptions.RemoveEmptyEntries).Select(Identifiers.Unescape)
                .Concat(Types.Select(t => Identifiers.Unescape(t.Name) + (t.Arity > 0 ? "_" + t.Arity : "")));
            var sb = new StringBuilder();
            foreach (var c in string.Join(".", parts)) sb.Append(char.IsLetterOrDigit(c) || c == '_' || c == '.' ? c : '_');
            return sb.Append(".LoopGen.g.cs").ToString();
        }
    }
}

/// <summary>One containing type, as it is reopened: <c>{Modifiers} partial {Keyword} {Name}{TypeParameters}</c>.</summary>
/// <param name="Keyword">The kind: <c>class</c>, <c>struct</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="Modifiers">The declaration's modifiers other than <c>partial</c>, as written (<c>public static</c>); reusing one part's modifiers never conflicts with the others.</param>
/// <param name="Name">The name, escaped when it is a keyword (<c>@class</c>).</param>
/// <param name="TypeParameters">The type parameter list, <c>&lt;T, U&gt;</c>, or empty.</param>
/// <param name="Arity">The number of type parameters.</param>
/// <param name="IsPartial">Whether the declaration says <c>partial</c> (a type that does not cannot be reopened).</param>
internal sealed record ContainingTypeInfo(string Keyword, string Modifiers, string Name, string TypeParameters, int Arity, bool IsPartial);
