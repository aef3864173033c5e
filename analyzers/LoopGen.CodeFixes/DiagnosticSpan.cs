using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.CodeFixes;

/// <summary>
/// Where a diagnostic's span is in the document a fix is asked to change. Usually the diagnostic was computed on that
/// very tree; but a batch (Fix All, <c>dotnet format analyzers --diagnostics A B</c>) may hand a fix diagnostics computed
/// before another fix edited the same file, and the old span then points at the wrong text. The edits between the two
/// trees (Roslyn's syntax diff) say how far the span moved.
/// </summary>
internal static class DiagnosticSpan
{
    /// <summary>The span of <paramref name="diagnostic"/> in <paramref name="tree"/>, or null where an edit since then touched it.</summary>
    public static TextSpan? In(SyntaxTree tree, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        var old = diagnostic.Location.SourceTree;
        if (old is null || old == tree) return span;
        int shift = 0;
        // The changes that turn the old text into the new one, in the old text's coordinates, in order.
        foreach (var change in tree.GetChanges(old))
        {
            if (change.Span.End <= span.Start && !(change.Span.Length == 0 && change.Span.Start == span.Start && span.Length == 0))
            {
                shift += change.NewText!.Length - change.Span.Length;
            }
            else if (change.Span.Start >= span.End)
            {
                break;
            }
            else
            {
                return null;
            }
        }
        return new TextSpan(span.Start + shift, span.Length);
    }
}
