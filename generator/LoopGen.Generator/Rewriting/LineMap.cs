using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Maps the twin back to the user's code: each statement copied from the user carries an annotation with its original
/// span, and after formatting each gets an enhanced <c>#line (l,c)-(l,c) "file"</c> directive on its own line, so a stack
/// trace or a debugger step lands on the user's statement and column. Generated scaffolding is <c>#line hidden</c>.
/// </summary>
internal static class LineMap
{
    private const string Kind = "LoopGen.Line";
    private const string Hidden = "hidden";

    /// <summary>The annotation of a user statement: its head's span (for a compound statement, the line that opens it).</summary>
    public static SyntaxAnnotation For(StatementSyntax s) => At(s.SyntaxTree, Head(s));

    /// <summary>The annotation of a user expression standing for a statement (an expression body's <c>=&gt; e</c>).</summary>
    public static SyntaxAnnotation For(ExpressionSyntax e) => At(e.SyntaxTree, e.Span);

    private static SyntaxAnnotation At(SyntaxTree tree, TextSpan head)
    {
        var span = tree.GetLineSpan(head);
        int sl = span.StartLinePosition.Line + 1, sc = span.StartLinePosition.Character + 1;
        int el = span.EndLinePosition.Line + 1, ec = span.EndLinePosition.Character + 1;
        if (el == sl && ec <= sc) ec = sc + 1;
        return new SyntaxAnnotation(Kind, $"({sl},{sc})-({el},{ec})");
    }

    /// <summary>The annotation that maps <paramref name="target"/> to where <paramref name="source"/> came from.</summary>
    public static SyntaxAnnotation? Of(SyntaxNode source) => source.GetAnnotations(Kind).FirstOrDefault();

    public static bool Has(SyntaxNode node) => node.HasAnnotations(Kind);

    private static TextSpan Head(StatementSyntax s) => s switch
    {
        IfStatementSyntax i => TextSpan.FromBounds(i.IfKeyword.SpanStart, i.CloseParenToken.Span.End),
        WhileStatementSyntax w => TextSpan.FromBounds(w.WhileKeyword.SpanStart, w.CloseParenToken.Span.End),
        ForStatementSyntax f => TextSpan.FromBounds(f.ForKeyword.SpanStart, f.CloseParenToken.Span.End),
        CommonForEachStatementSyntax f => TextSpan.FromBounds(f.ForEachKeyword.SpanStart, f.CloseParenToken.Span.End),
        DoStatementSyntax d => d.DoKeyword.Span,
        SwitchStatementSyntax sw => TextSpan.FromBounds(sw.SwitchKeyword.SpanStart, sw.CloseParenToken.Span.End),
        CheckedStatementSyntax c => c.Keyword.Span,
        _ => s.Span,
    };

    /// <summary>
    /// Writes the directives into a formatted body. Without a usable file path (none, or one a directive cannot hold)
    /// the body is returned as it is.
    /// </summary>
    public static BlockSyntax Apply(BlockSyntax body, string filePath)
    {
        if (!CanMap(filePath)) return body;
        var directives = new Dictionary<StatementSyntax, string>();
        string current = "";
        foreach (var s in body.DescendantNodes().OfType<StatementSyntax>())
        {
            if (s is BlockSyntax) continue;
            var want = Target(s);
            if (want == current) continue;
            directives[s] = Directive(want, filePath);
            current = want;
        }
        var mapped = body.ReplaceNodes(directives.Keys, (original, rewritten) =>
        {
            var trivia = new List<SyntaxTrivia>();
            if (!EndsLine(original.GetFirstToken().GetPreviousToken())) trivia.Add(SyntaxFactory.EndOfLine("\n"));
            trivia.AddRange(SyntaxFactory.ParseLeadingTrivia(directives[original] + "\n"));
            trivia.AddRange(rewritten.GetLeadingTrivia());
            return rewritten.WithLeadingTrivia(trivia);
        });
        var close = mapped.CloseBraceToken;
        var closeTrivia = SyntaxFactory.ParseLeadingTrivia("#line default\n").AddRange(close.LeadingTrivia);
        return mapped.WithCloseBraceToken(close.WithLeadingTrivia(closeTrivia));
    }

    /// <summary>Whether a directive can name the file (a path, without quotes or line breaks).</summary>
    public static bool CanMap(string filePath) => filePath.Length > 0 && filePath.IndexOfAny(new[] { '"', '\n', '\r' }) < 0;

    /// <summary>Where a statement maps: its annotation's span, or hidden (generated scaffolding).</summary>
    public static string Target(StatementSyntax s) => s.GetAnnotations(Kind).FirstOrDefault()?.Data ?? Hidden;

    /// <summary>The directive text for a <see cref="Target"/>.</summary>
    public static string Directive(string target, string filePath) => target == Hidden ? "#line hidden" : "#line " + target + " \"" + filePath + "\"";

    private static bool EndsLine(SyntaxToken token) =>
        token.IsKind(SyntaxKind.None) || token.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
}
