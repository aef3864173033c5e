using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.CodeFixes;

/// <summary>
/// Where a diagnostic's span is in the document a fix is asked to change. Usually the diagnostic was computed on that
/// very tree; but a batch (<c>dotnet format analyzers --diagnostics LG0002 LG0013</c>) may hand a fix diagnostics
/// computed before another fix edited the same file, and the old span then points at other text. The node the
/// diagnostic is on is found again by its position in the tree (the child index at each level, from the root: the other
/// LoopGen fixes add tokens and attributes inside nodes, or statements inside blocks, so the path to a parameter, a type
/// or an untouched statement stays the same), and accepted only if the text it covers is unchanged.
/// </summary>
internal static class DiagnosticSpan
{
    /// <summary>The span of <paramref name="diagnostic"/> in <paramref name="tree"/>, or null where it cannot be found unchanged.</summary>
    public static TextSpan? In(SyntaxTree tree, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        var oldTree = diagnostic.Location.SourceTree;
        if (oldTree is null || oldTree == tree) return span;

        var oldRoot = oldTree.GetRoot();
        if (span.End > oldRoot.FullSpan.End) return null;
        var oldNode = oldRoot.FindNode(span, getInnermostNodeForTie: true);
        var path = new Stack<int>();
        for (var node = oldNode; node.Parent is { } parent; node = parent)
        {
            path.Push(parent.ChildNodes().TakeWhile(c => c != node).Count());
        }

        SyntaxNode current = tree.GetRoot();
        foreach (int index in path)
        {
            if (current.ChildNodes().ElementAtOrDefault(index) is not { } child) return null;
            current = child;
        }
        if (current.RawKind != oldNode.RawKind) return null;

        // The span, from the token it starts in, counted within the node (edits after it in the node do not move it).
        var oldToken = oldRoot.FindToken(span.Start);
        int tokenIndex = oldNode.DescendantTokens().TakeWhile(t => t != oldToken).Count();
        var newToken = current.DescendantTokens().ElementAtOrDefault(tokenIndex);
        if (newToken.RawKind != oldToken.RawKind) return null;
        var moved = new TextSpan(newToken.SpanStart + (span.Start - oldToken.SpanStart), span.Length);
        if (moved.End > tree.Length) return null;
        return tree.GetText().ToString(moved) == oldTree.GetText().ToString(span) ? moved : null;
    }
}
