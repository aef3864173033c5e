using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Generator.Model;

/// <summary>
/// A diagnostic as data in the pipeline: the id, where (the tree and span, so <c>#pragma warning disable</c> applies),
/// and the message arguments. Trees compare by reference, which holds across runs while the file is unchanged.
/// </summary>
/// <param name="Id">The diagnostic id (<c>LG9999</c>).</param>
/// <param name="Tree">The syntax tree of the location.</param>
/// <param name="Span">The span in that tree.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record DiagnosticInfo(string Id, SyntaxTree Tree, TextSpan Span, EquatableArray<string> Arguments)
{
    /// <summary>The diagnostic, with its descriptor from <see cref="InternalErrors"/>' table.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(InternalErrors.Descriptor, Location.Create(Tree, Span), System.Linq.Enumerable.ToArray<object>(Arguments));
}
