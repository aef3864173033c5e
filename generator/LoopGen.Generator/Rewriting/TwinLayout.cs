using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Writes a rewritten twin body (tokens without trivia) as laid-out text in one pass over its tokens: a statement per
/// line, Allman braces (a lambda's block at its statement's depth), four-space indents, spaces as C# writers place them,
/// and the <see cref="LineMap"/> directives before the statements they map. It replaces
/// <c>NormalizeWhitespace</c> + <see cref="LineMap.Apply"/>, which cost several times the rest of the rewriting (the
/// normalizer rebuilds the red tree and looks up neighbouring tokens for every token). The caller checks that the
/// text parses back to an equivalent tree and otherwise takes the normalizer's path.
/// </summary>
internal static class TwinLayout
{
    private const string Indent = "    ";

    /// <summary>The body's text; without a path a directive can hold, without directives (as <see cref="LineMap.Apply"/>).</summary>
    public static string Write(BlockSyntax body, string filePath)
    {
        bool mapped = LineMap.CanMap(filePath);
        var directives = mapped ? Directives(body, filePath) : new List<(SyntaxToken Token, string Directive)>();
        int nextDirective = 0;
        var closeBrace = body.CloseBraceToken;
        var sb = new StringBuilder();
        bool lineStart = true;
        SyntaxToken previous = default;
        foreach (var token in body.DescendantTokens())
        {
            if (!lineStart && (BreaksAfter(previous, token) || BreaksBefore(token)))
            {
                sb.Append('\n');
                lineStart = true;
            }
            // In token order, as the tokens come: a token compares cheaply, where hashing one (a dictionary) cost a third of the layout.
            if (nextDirective < directives.Count && token == directives[nextDirective].Token)
            {
                if (!lineStart) sb.Append('\n');
                sb.Append(directives[nextDirective].Directive).Append('\n');
                lineStart = true;
                nextDirective++;
            }
            if (token == closeBrace && mapped)
            {
                if (!lineStart) sb.Append('\n');
                sb.Append("#line default\n");
                lineStart = true;
            }
            if (lineStart)
            {
                for (int d = Depth(token); d > 0; d--) sb.Append(Indent);
            }
            else if (Spaced(previous, token))
            {
                sb.Append(' ');
            }
            sb.Append(token.Text);
            lineStart = false;
            previous = token;
        }
        return sb.ToString();
    }

    /// <summary>
    /// The directive each mapped statement's first token gets, as <see cref="LineMap.Apply"/> places them, in token
    /// order (statements come in document order; one nested in another starts at or after its first token, and one
    /// starting at the same token replaces its directive, as the one it would overwrite in a map).
    /// </summary>
    private static List<(SyntaxToken Token, string Directive)> Directives(BlockSyntax body, string filePath)
    {
        var result = new List<(SyntaxToken Token, string Directive)>();
        string current = "";
        foreach (var s in body.DescendantNodes().OfType<StatementSyntax>())
        {
            if (s is BlockSyntax) continue;
            var want = LineMap.Target(s);
            if (want == current) continue;
            var first = s.GetFirstToken();
            var directive = LineMap.Directive(want, filePath);
            if (result.Count > 0 && result[result.Count - 1].Token == first) result[result.Count - 1] = (first, directive);
            else result.Add((first, directive));
            current = want;
        }
        return result;
    }

    // ---- Lines -------------------------------------------------------------------------------------------------

    /// <summary>A brace that opens or closes lines: a block's or a switch statement's (initializers and patterns stay inline).</summary>
    private static bool IsBlockBrace(SyntaxToken t) =>
        (t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)) && t.Parent is BlockSyntax or SwitchStatementSyntax;

    private static bool BreaksAfter(SyntaxToken t, SyntaxToken next)
    {
        if (t.IsKind(SyntaxKind.SemicolonToken)) return t.Parent is not ForStatementSyntax;
        if (t.IsKind(SyntaxKind.ColonToken)) return t.Parent is SwitchLabelSyntax;
        if (IsBlockBrace(t))
        {
            if (t.IsKind(SyntaxKind.OpenBraceToken)) return true;
            // A lambda's block ends inside its call: "}, init);" stays on the brace's line.
            return !(next.IsKind(SyntaxKind.CloseParenToken) || next.IsKind(SyntaxKind.CommaToken) || next.IsKind(SyntaxKind.SemicolonToken)
                || next.IsKind(SyntaxKind.CloseBracketToken) || next.IsKind(SyntaxKind.DotToken));
        }
        return false;
    }

    private static bool BreaksBefore(SyntaxToken t) =>
        IsBlockBrace(t) || t.Parent is StatementSyntax s && s.GetFirstToken() == t && IsEmbedded(s);

    /// <summary>A statement that is the body of an if, else or loop without braces (written on its own line, one level in).</summary>
    private static bool IsEmbedded(StatementSyntax s) => s is not BlockSyntax && s.Parent switch
    {
        ElseClauseSyntax => s is not IfStatementSyntax,
        IfStatementSyntax i => i.Statement == s,
        WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
            or UsingStatementSyntax or LockStatementSyntax or FixedStatementSyntax => true,
        _ => false,
    };

    /// <summary>A line's indentation: one level per block, switch and section it is inside, and per embedded statement.</summary>
    private static int Depth(SyntaxToken t)
    {
        int depth = 0; // the body's own braces at 0, its statements one level in
        for (var n = t.Parent; n is not null; n = n.Parent)
        {
            switch (n)
            {
                case BlockSyntax b when t != b.OpenBraceToken && t != b.CloseBraceToken:
                case SwitchStatementSyntax sw when t.SpanStart > sw.OpenBraceToken.SpanStart && t != sw.CloseBraceToken:
                case SwitchSectionSyntax sec when sec.Statements.Count > 0 && t.SpanStart >= sec.Statements[0].SpanStart:
                    depth++;
                    break;
                case StatementSyntax s when IsEmbedded(s):
                    depth++;
                    break;
            }
        }
        return depth;
    }

    // ---- Spaces ------------------------------------------------------------------------------------------------

    private static bool IsWord(SyntaxToken t) =>
        SyntaxFacts.IsKeywordKind(t.Kind()) || t.IsKind(SyntaxKind.IdentifierToken) || SyntaxFacts.IsLiteralExpression(t.Kind())
        || t.IsKind(SyntaxKind.NumericLiteralToken) || t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.CharacterLiteralToken);

    private static bool InString(SyntaxToken t) => t.Kind() is SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedVerbatimStringStartToken
        or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedSingleLineRawStringStartToken
        or SyntaxKind.InterpolatedMultiLineRawStringStartToken or SyntaxKind.InterpolatedRawStringEndToken
        || t.Parent is InterpolationSyntax or InterpolationFormatClauseSyntax && !t.IsKind(SyntaxKind.CommaToken);

    private static bool Is(SyntaxToken t, SyntaxKind kind) => t.IsKind(kind);

    /// <summary>Whether two tokens on one line are written with a space between them.</summary>
    private static bool Spaced(SyntaxToken t, SyntaxToken n)
    {
        if (InString(t) || InString(n)) return false;
        if (IsWord(t) && IsWord(n)) return true;
        // Operators that would lex as another token when joined ("- -x", "a + +b", "x < <y").
        if (Merges(t, n)) return true;
        if (Is(t, SyntaxKind.CommaToken) || Is(t, SyntaxKind.SemicolonToken)) return true;
        if (n.Kind() is SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CommaToken or SyntaxKind.SemicolonToken
            or SyntaxKind.DotToken or SyntaxKind.ColonColonToken) return false;
        if (t.Kind() is SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.DotToken or SyntaxKind.ColonColonToken
            or SyntaxKind.TildeToken) return false;
        if (Is(t, SyntaxKind.DotDotToken) || Is(n, SyntaxKind.DotDotToken)) return false;
        if (t.Parent is PrefixUnaryExpressionSyntax pre && pre.OperatorToken == t) return false;
        if (t.Parent is ConditionalAccessExpressionSyntax ca && ca.OperatorToken == t) return false;
        if (n.Parent is ConditionalAccessExpressionSyntax ca2 && ca2.OperatorToken == n) return false;
        if (n.Parent is PostfixUnaryExpressionSyntax post && post.OperatorToken == n) return false;
        if (n.Parent is NullableTypeSyntax && Is(n, SyntaxKind.QuestionToken)) return false;
        if (t.Parent is TypeArgumentListSyntax && Is(t, SyntaxKind.LessThanToken)) return false;
        if (n.Parent is TypeArgumentListSyntax && (Is(n, SyntaxKind.LessThanToken) || Is(n, SyntaxKind.GreaterThanToken))) return false;
        if (Is(n, SyntaxKind.ColonToken) && n.Parent is NameColonSyntax or SwitchLabelSyntax) return false;
        if (t.Parent is CastExpressionSyntax cast && cast.CloseParenToken == t) return false;
        bool closesName = Is(t, SyntaxKind.IdentifierToken) || Is(t, SyntaxKind.CloseParenToken) || Is(t, SyntaxKind.CloseBracketToken)
            || Is(t, SyntaxKind.GreaterThanToken) && t.Parent is TypeArgumentListSyntax
            || t.Kind() is SyntaxKind.ThisKeyword or SyntaxKind.BaseKeyword;
        if (Is(n, SyntaxKind.OpenParenToken))
        {
            return !(closesName || t.Kind() is SyntaxKind.TypeOfKeyword or SyntaxKind.SizeOfKeyword or SyntaxKind.DefaultKeyword
                or SyntaxKind.CheckedKeyword or SyntaxKind.UncheckedKeyword or SyntaxKind.NewKeyword or SyntaxKind.MakeRefKeyword
                or SyntaxKind.RefTypeKeyword or SyntaxKind.RefValueKeyword);
        }
        if (Is(n, SyntaxKind.OpenBracketToken))
        {
            return !(closesName || SyntaxFacts.IsPredefinedType(t.Kind()) || Is(t, SyntaxKind.NewKeyword) || Is(t, SyntaxKind.QuestionToken) && t.Parent is NullableTypeSyntax);
        }
        if (Is(t, SyntaxKind.GreaterThanToken) && t.Parent is TypeArgumentListSyntax) return IsWord(n) || Is(n, SyntaxKind.OpenBraceToken) || Is(n, SyntaxKind.EqualsGreaterThanToken);
        return true;
    }

    private const string OperatorChars = "+-&|<>=!/*?.:%^";

    private static bool Merges(SyntaxToken t, SyntaxToken n) =>
        t.Text.Length > 0 && n.Text.Length > 0 && OperatorChars.IndexOf(t.Text[t.Text.Length - 1]) >= 0 && OperatorChars.IndexOf(n.Text[0]) >= 0
        && !IsWord(t) && !IsWord(n)
        && !(Is(t, SyntaxKind.GreaterThanToken) && t.Parent is TypeArgumentListSyntax)
        && !(Is(n, SyntaxKind.GreaterThanToken) && n.Parent is TypeArgumentListSyntax)
        && !(Is(n, SyntaxKind.DotToken) || Is(t, SyntaxKind.DotToken) || Is(n, SyntaxKind.ColonColonToken) || Is(t, SyntaxKind.ColonColonToken))
        && !(Is(n, SyntaxKind.QuestionToken) && n.Parent is NullableTypeSyntax or ConditionalAccessExpressionSyntax)
        && !(n.Parent is PostfixUnaryExpressionSyntax p && p.OperatorToken == n)
        && !(Is(t, SyntaxKind.DotDotToken) || Is(n, SyntaxKind.DotDotToken));
}
