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
    public StatementSyntax Statement(string text)
    {
        var t = GeneratorTestHooks.Start();
        var parsed = SyntaxFactory.ParseStatement(text, options: Options);
        GeneratorTestHooks.Stop("    twin: template parse (inside rewrite)", t);
        return Fill(parsed, text);
    }

    /// <summary>Parses an expression of template text and fills its holes.</summary>
    public ExpressionSyntax Expression(string text)
    {
        var t = GeneratorTestHooks.Start();
        var parsed = SyntaxFactory.ParseExpression(text, options: Options);
        GeneratorTestHooks.Stop("    twin: template parse (inside rewrite)", t);
        return Fill(parsed, text);
    }

    private T Fill<T>(T parsed, string text)
        where T : SyntaxNode
    {
        if (parsed.ContainsDiagnostics)
        {
            // A template bug, never the user's: reported as LG9999 and the method stays eager.
            var error = parsed.GetDiagnostics().First(d => d.Severity == DiagnosticSeverity.Error);
            throw new InvalidOperationException($"a generated template does not parse ({error.GetMessage()}): {text}");
        }
        return (T)new Filler(this).Visit(parsed)!;
    }

    /// <summary>Whether an expression binds tighter than any operator (needs no parentheses as an operand).</summary>
    public static bool IsPrimary(ExpressionSyntax e) => e is IdentifierNameSyntax or GenericNameSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax
        or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax
        or PredefinedTypeSyntax or ThisExpressionSyntax or TupleExpressionSyntax
        || e is MemberAccessExpressionSyntax m && m.IsKind(SyntaxKind.SimpleMemberAccessExpression);

    private sealed class Filler : CSharpSyntaxRewriter
    {
        private readonly Template _t;

        public Filler(Template t) => _t = t;

        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            _t._expressions.TryGetValue(node.Identifier.ValueText, out var e) ? e : base.VisitIdentifierName(node);

        public override SyntaxNode? VisitBlock(BlockSyntax node)
        {
            var list = new List<StatementSyntax>();
            foreach (var s in node.Statements)
            {
                if (s is ExpressionStatementSyntax { Expression: IdentifierNameSyntax id } && _t._statements.TryGetValue(id.Identifier.ValueText, out var nodes))
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
