using LoopGen.Generator.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Tests.Rewriting;

/// <summary>
/// Templates are parsed once per shape and filled with each text's names: the filled tree must be the tree that
/// parsing the text gives (compared with the parser itself, to the character and node by node), for a shape met
/// first and again with other names, holes, keywords used as names, literals and contextual keywords.
/// </summary>
public sealed class TemplateShapeTests
{
    private static void AssertSameAsParsed(SyntaxNode filled, SyntaxNode parsed)
    {
        Assert.Equal(parsed.ToFullString(), filled.ToFullString());
        Assert.True(SyntaxFactory.AreEquivalent(parsed, filled, topLevel: false));
        Assert.Equal(parsed.DescendantNodesAndTokensAndSelf().Select(n => n.Kind()), filled.DescendantNodesAndTokensAndSelf().Select(n => n.Kind()));
    }

    [Theory]
    [InlineData("acc", "x")]
    [InlineData("@class", "value")]
    [InlineData("__lgt7", "var")]
    [InlineData("données", "_")]
    public void FilledStatementIsTheParsedText(string name, string other)
    {
        var t = new Template("__");
        var hole = t.Arg(SyntaxFactory.ParseExpression("u + 1"));
        var text = $"global::LoopGen.Tensor {name} = global::LoopGen.Lifted.As<float>({hole}) * {other}.{name} + 1.5f - 'c'.GetHashCode() + \"{name} {{x}}\".Length;";
        var filled = t.Statement(text);
        var expected = SyntaxFactory.ParseStatement(text.Replace(hole, "u + 1", StringComparison.Ordinal));
        AssertSameAsParsed(filled, expected);
    }

    [Fact]
    public void ShapeMetTwiceKeepsEachTextsNames()
    {
        foreach (var (flag, n) in new[] { ("__break0", 2), ("__lg_break3", 10), ("stop", 0) })
        {
            var t = new Template("__");
            var body = t.Statements([SyntaxFactory.ParseStatement("y = y * 2;"), SyntaxFactory.ParseStatement("z++;")]);
            var text = $"{{\nif (!{flag})\n{{\n{body}\n}}\n{flag} = {flag} || i > {n};\n}}";
            var filled = t.Statement(text);
            var expected = SyntaxFactory.ParseStatement($"{{\nif (!{flag})\n{{\ny = y * 2;z++;\n}}\n{flag} = {flag} || i > {n};\n}}");
            Assert.True(SyntaxFactory.AreEquivalent(expected, filled, topLevel: false), filled.ToFullString());
            Assert.Equal(expected.DescendantTokens().Select(k => k.Text), filled.DescendantTokens().Select(k => k.Text));
        }
    }

    [Fact]
    public void PatternsAndLambdasKeepTheirKeywords()
    {
        var t = new Template("__");
        var text = "global::LoopGen.Loop.Fori(0, n, (i, c) => c is > 0 and not 3 or _ ? nameof(c) : c switch { _ => when })";
        var filled = t.Expression(text);
        AssertSameAsParsed(filled, SyntaxFactory.ParseExpression(text));
    }

    [Theory]
    [InlineData("$\"{x}\"")]
    [InlineData("@\"x\"")]
    [InlineData("x // y")]
    [InlineData("a.__lgt0 + b")]
    public void TextsTheScannerDoesNotReadHaveNoShape(string text) => Assert.Null(TemplateShapes.Of(text, []));
}
