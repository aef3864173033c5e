using System;
using System.Collections.Generic;
using System.Linq;
using LoopGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Rewriting;

/// <summary>
/// Generated scaffolding as parsed templates: the text holds only what the generator makes (its own names, fully
/// qualified types, names of the user's variables taken from their symbols) and holes; each hole is then replaced by a
/// rewritten syntax node of the user's code. User tokens are never pasted into template text.
/// </summary>
internal sealed class Template
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    private readonly string _prefix;
    private readonly Dictionary<string, ExpressionSyntax> _expressions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<StatementSyntax>> _statements = new(StringComparer.Ordinal);
    private int _next;

    /// <param name="prefix">The collision-free prefix of generated names (holes are named with it).</param>
    public Template(string prefix) => _prefix = prefix;

    /// <summary>A hole for an expression that an operator applies to: parenthesized unless it binds tighter than any operator.</summary>
    public string Hole(ExpressionSyntax node) => Arg(IsPrimary(node) ? node : SyntaxFactory.ParenthesizedExpression(node));

    /// <summary>A hole for an expression standing alone (an argument, an initializer, an assignment's value).</summary>
    public string Arg(ExpressionSyntax node)
    {
        var name = _prefix + "hole" + _next++;
        _expressions[name] = node;
        return name;
    }

    /// <summary>A hole for a list of statements, written where a statement goes.</summary>
    public string Statements(IEnumerable<StatementSyntax> nodes)
    {
        var name = _prefix + "hole" + _next++;
        _statements[name] = nodes.ToList();
        return name + ";";
    }

    /// <summary>Parses one statement of template text and fills its holes.</summary>
    public StatementSyntax Statement(string text) => Build<StatementSyntax>(text, statement: true);

    /// <summary>Parses an expression of template text and fills its holes.</summary>
    public ExpressionSyntax Expression(string text) => Build<ExpressionSyntax>(text, statement: false);

    /// <summary>
    /// The template's tree: its shape (<see cref="TemplateShapes"/>) parsed once per process and filled with this
    /// text's identifiers, which gives the tree parsing the text would (the parser reads keywords and punctuation, not
    /// which name an identifier is); a text without a shape is parsed as it is.
    /// </summary>
    private T Build<T>(string text, bool statement)
        where T : SyntaxNode
    {
        var t = GeneratorTestHooks.Start();
        var words = new List<string>();
        var shape = TemplateShapes.Of(text, words);
        SyntaxNode parsed;
        if (shape is null)
        {
            parsed = Parse(text, statement);
            words = null;
        }
        else
        {
            var key = (statement ? "s" : "e") + shape;
            if (!TemplateShapes.TryGet(key, out parsed))
            {
                parsed = Parse(shape, statement);
                if (!parsed.ContainsDiagnostics) TemplateShapes.Add(key, parsed);
            }
        }
        GeneratorTestHooks.Stop("    twin: template parse (inside rewrite)", t);
        if (parsed.ContainsDiagnostics)
        {
            // A template bug, never the user's: reported as LG9999 and the method stays eager.
            var error = parsed.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"a generated template does not parse ({error.GetMessage()}): {text}");
        }
        return (T)new Filler(this, words).Visit(parsed)!;
    }

    private static SyntaxNode Parse(string text, bool statement) =>
        statement ? SyntaxFactory.ParseStatement(text, options: Options) : SyntaxFactory.ParseExpression(text, options: Options);

    /// <summary>Whether an expression binds tighter than any operator (needs no parentheses as an operand).</summary>
    public static bool IsPrimary(ExpressionSyntax e) => e is IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax
        or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
        or PredefinedTypeSyntax or ThisExpressionSyntax or TupleExpressionSyntax
        || e is MemberAccessExpressionSyntax m && m.IsKind(SyntaxKind.SimpleMemberAccessExpression);

    /// <summary>Puts each placeholder's identifier back (<paramref name="words"/>; null for a text parsed as it is) and each hole's node in.</summary>
    private sealed class Filler(Template t, List<string>? words) : CSharpSyntaxRewriter
    {
        /// <summary>The identifier a token of the parsed tree stands for.</summary>
        private string Word(SyntaxToken token) =>
            words is not null && TemplateShapes.IndexOf(token.ValueText) is var k and >= 0 ? words[k] : token.ValueText;

        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (words is null || !token.IsKind(SyntaxKind.IdentifierToken) || TemplateShapes.IndexOf(token.ValueText) is not (var k and >= 0)) return token;
            var word = words[k];
            var filled = word[0] == '@'
                ? SyntaxFactory.VerbatimIdentifier(token.LeadingTrivia, word.Substring(1), word.Substring(1), token.TrailingTrivia) // it writes the '@'
                : SyntaxFactory.Identifier(token.LeadingTrivia, word, token.TrailingTrivia);
            return filled;
        }

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            t._expressions.TryGetValue(Word(node.Identifier), out var e) ? e : base.VisitIdentifierName(node);

        public override SyntaxNode? VisitBlock(BlockSyntax node)
        {
            var list = new List<StatementSyntax>();
            foreach (var s in node.Statements)
            {
                if (s is ExpressionStatementSyntax { Expression: IdentifierNameSyntax id } && t._statements.TryGetValue(Word(id.Identifier), out var nodes))
                {
                    list.AddRange(nodes);
                }
                else
                {
                    list.Add((StatementSyntax)Visit(s)!);
                }
            }
            return node.WithStatements(SyntaxFactory.List(list));
        }
    }
}
