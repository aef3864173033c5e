using Microsoft.CodeAnalysis.CSharp;

namespace LoopGen.Generator.Parsing;

/// <summary>Identifier text for generated code: symbol names are unescaped (<c>class</c>), source needs <c>@class</c>.</summary>
internal static class Identifiers
{
    /// <summary><paramref name="name"/> as it must be written in source: <c>@</c> before a reserved keyword.</summary>
    public static string Escape(string name) =>
        name.Length > 0 && name[0] != '@' && SyntaxFacts.IsReservedKeyword(SyntaxFacts.GetKeywordKind(name)) ? "@" + name : name;

    /// <summary>The name without a leading <c>@</c>, for file names and messages.</summary>
    public static string Unescape(string name) => name.Length > 0 && name[0] == '@' ? name.Substring(1) : name;
}
