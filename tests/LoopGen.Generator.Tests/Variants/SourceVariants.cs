using System.Text;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Tests.Variants;

/// <summary>
/// Semantics-preserving rewrites of a user's files, as users write the same code: other layouts, comments and
/// directives anywhere, extra parentheses, braces added or dropped, names that look like the generator's own, aliases,
/// and partial types split over files with other usings. Each takes the project's files and returns the new files.
/// </summary>
internal static class SourceVariants
{
    public delegate (string Path, string Text)[] Variant((string Path, string Text)[] files);

    /// <summary>Every variant, by name.</summary>
    public static readonly IReadOnlyDictionary<string, Variant> All = new Dictionary<string, Variant>
    {
        ["AsWritten"] = files => files,
        ["WholeFileOnOneLine"] = files => Each(files, OneLine),
        ["CommentsEverywhere"] = files => Each(files, Comments),
        ["DirectivesBetweenStatements"] = files => Each(files, Directives),
        ["ExtraParentheses"] = files => Each(files, Parentheses),
        ["BracesDroppedAndAdded"] = files => Each(files, Braces),
        ["GeneratorLikeNames"] = files => Each(files, GeneratorNames),
        ["TypeAliasAndBlockNamespace"] = files => Each(files, AliasAndBlockNamespace),
        ["PartialTypesSplitOverFiles"] = SplitPartials,
    };

    private static (string Path, string Text)[] Each((string Path, string Text)[] files, Func<string, string> f) =>
        files.Select(x => (x.Path, f(x.Text))).ToArray();

    private static CompilationUnitSyntax Parse(string text) => (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetRoot();

    private static IEnumerable<MethodDeclarationSyntax> CompileMethods(SyntaxNode root) =>
        root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString().StartsWith("Compile", StringComparison.Ordinal)));

    /// <summary>The whole file on one line: line comments become block comments, doc comments go, every line break a space.</summary>
    private static string OneLine(string text)
    {
        var root = Parse(text);
        if (root.DescendantTrivia().Any(t => t.IsDirective)) return text;
        var rewritten = root.ReplaceTrivia(root.DescendantTrivia(descendIntoTrivia: false), (t, _) => t.Kind() switch
        {
            SyntaxKind.EndOfLineTrivia => SyntaxFactory.Space,
            SyntaxKind.SingleLineCommentTrivia => SyntaxFactory.Comment("/*" + t.ToString().Substring(2).Replace("*/", "* /") + " */"),
            SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => SyntaxFactory.Space,
            _ => t,
        });
        return rewritten.ToFullString().Replace("\r", " ").Replace("\n", " ");
    }

    /// <summary>A block comment before every token of each [Compile] method's body and a line comment at the end of every line.</summary>
    private static string Comments(string text)
    {
        var root = Parse(text);
        var bodies = CompileMethods(root).Select(m => (SyntaxNode?)m.Body ?? m.ExpressionBody).Where(b => b is not null).ToList();
        var tokens = bodies.SelectMany(b => b!.DescendantTokens()).ToList();
        var rewritten = root.ReplaceTokens(tokens, (t, _) =>
        {
            var lead = t.LeadingTrivia.Insert(0, SyntaxFactory.Comment("/* " + t.Kind() + " */"));
            var trail = t.TrailingTrivia;
            if (t.IsKind(SyntaxKind.SemicolonToken) || t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseParenToken))
            {
                trail = trail.Add(SyntaxFactory.Comment("// ends here: ; { ) } */")).Add(SyntaxFactory.EndOfLine("\n"));
            }
            return t.WithLeadingTrivia(lead).WithTrailingTrivia(trail);
        });
        return rewritten.ToFullString();
    }

    /// <summary>#region, #if/#else with disabled junk, and #pragma lines around each statement of each [Compile] method.</summary>
    private static string Directives(string text)
    {
        var root = Parse(text);
        var statements = CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<BlockSyntax>())
            .SelectMany(b => b.Statements).ToList();
        var inserts = new List<(int At, string Text)>();
        int k = 0;
        foreach (var s in statements)
        {
            var (before, after) = (k++ % 3) switch
            {
                0 => ("\n#region step " + k + "\n", "\n#endregion\n"),
                1 => ("\n#if LOOPGEN_NEVER_DEFINED\n this is not C# } { ;\n#else\n", "\n#endif\n"),
                _ => ("\n#pragma warning disable CS0219 // unused\n", "\n#pragma warning restore CS0219\n"),
            };
            inserts.Add((s.SpanStart, before));
            inserts.Add((s.Span.End, after));
        }
        var sb = new StringBuilder(text);
        foreach (var (at, t) in inserts.OrderByDescending(i => i.At).ThenBy(i => i.Text.StartsWith("\n#end", StringComparison.Ordinal) ? 0 : 1)) sb.Insert(at, t);
        return sb.ToString();
    }

    /// <summary>Parentheses around every name used as an argument, an operand or a condition, and around whole conditions.</summary>
    private static string Parentheses(string text)
    {
        var root = Parse(text);
        var bodies = CompileMethods(root).Select(m => (SyntaxNode?)m.Body ?? m.ExpressionBody).Where(b => b is not null).ToList();
        var targets = bodies.SelectMany(b => b!.DescendantNodes()).OfType<ExpressionSyntax>().Where(e =>
            e is IdentifierNameSyntax or LiteralExpressionSyntax && e.Parent is BinaryExpressionSyntax
            || e is IdentifierNameSyntax && e.Parent is ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.None, NameColon: null } arg
                && arg.Parent?.Parent is not InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }
            || e.Parent is IfStatementSyntax or WhileStatementSyntax or DoStatementSyntax
            || e.Parent is ForStatementSyntax f && f.Condition == e).ToList();
        return root.ReplaceNodes(targets, (_, e) => SyntaxFactory.ParenthesizedExpression(e.WithoutTrivia()).WithTriviaFrom(e)).ToFullString();
    }

    /// <summary>Single statements get braces; blocks of one non-declaration statement lose theirs.</summary>
    private static string Braces(string text)
    {
        var root = Parse(text);
        var embedded = CompileMethods(root).SelectMany(m => m.DescendantNodes()).OfType<StatementSyntax>()
            .Where(s => s.Parent is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax or IfStatementSyntax or ElseClauseSyntax)
            .Where(s => s is not IfStatementSyntax || s.Parent is not ElseClauseSyntax)
            .ToList();
        return root.ReplaceNodes(embedded, (_, s) => s switch
        {
            BlockSyntax { Statements.Count: 1 } b when b.Statements[0] is not LocalDeclarationStatementSyntax and not LocalFunctionStatementSyntax
                => b.Statements[0].WithTriviaFrom(b),
            BlockSyntax b => b,
            _ => SyntaxFactory.Block(s.WithoutTrivia()).WithTriviaFrom(s),
        }).ToFullString();
    }

    /// <summary>Every local of each [Compile] method renamed to a name of the generator's own kind (__carry0, __t1, __break2…).</summary>
    private static string GeneratorNames(string text)
    {
        var root = Parse(text);
        string[] stems = ["__carry", "__t", "__break", "__continue", "__xs", "__none", "__first", "__state", "__hole", "__y_", "__stacked_"];
        var tokens = new List<SyntaxToken>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in CompileMethods(root))
        {
            var locals = m.DescendantNodes().Select(n => n switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                ForEachStatementSyntax fe => fe.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                _ => default,
            }).Where(t => t.RawKind != 0).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal);
            foreach (var l in locals) names.TryAdd(l, stems[names.Count % stems.Length] + names.Count);
            tokens.AddRange(m.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && locals.Contains(t.ValueText)
                && t.Parent is not TupleElementSyntax && t.Parent is not IdentifierNameSyntax { Parent: NameColonSyntax }
                && !(t.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax ma } id && ma.Name == id)));
        }
        return root.ReplaceTokens(tokens, (t, _) => SyntaxFactory.Identifier(t.LeadingTrivia, names[t.ValueText], t.TrailingTrivia)).ToFullString();
    }

    /// <summary>Tensor through an alias, a block namespace with the usings inside it.</summary>
    private static string AliasAndBlockNamespace(string text)
    {
        var root = Parse(text);
        var ids = root.DescendantNodes().OfType<IdentifierNameSyntax>()
            .Where(i => i.Identifier.ValueText == "Tensor" && !(i.Parent is MemberAccessExpressionSyntax ma && ma.Name == i) && i.Parent is not QualifiedNameSyntax)
            .ToList();
        root = root.ReplaceNodes(ids, (_, i) => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(i.GetLeadingTrivia(), "TensorAlias", i.GetTrailingTrivia())));
        var usings = "using TensorAlias = LoopGen.Tensor;\n    using LoopGen;\n    using System;\n    using System.Collections.Generic;\n";
        if (root.Members.OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault() is { } fs)
        {
            var members = string.Concat(fs.Members.Select(m => m.ToFullString()));
            var head = string.Concat(root.Usings.Select(u => u.ToFullString()));
            usings += string.Concat(fs.Usings.Select(u => u.ToFullString()));
            return head + "namespace " + fs.Name + "\n{\n    " + usings + members + "\n}\n";
        }
        return "namespace LoopGen.Variants.Wrapped\n{\n    " + usings + string.Concat(root.Members.Select(m => m.ToFullString())) + "\n}\n";
    }

    /// <summary>Each [Compile] method moved into a file of its own, reopening its (partial) types under other usings.</summary>
    private static (string Path, string Text)[] SplitPartials((string Path, string Text)[] files)
    {
        var result = new List<(string, string)>();
        foreach (var (path, text) in files)
        {
            var root = Parse(text);
            var moved = CompileMethods(root).Where(m => m.Ancestors().OfType<TypeDeclarationSyntax>().All(t => t.Modifiers.Any(SyntaxKind.PartialKeyword))).ToList();
            if (moved.Count == 0)
            {
                result.Add((path, text));
                continue;
            }
            result.Add((path, root.RemoveNodes(moved, SyntaxRemoveOptions.KeepNoTrivia)!.ToFullString()));
            int k = 0;
            foreach (var m in moved)
            {
                var sb = new StringBuilder("using static System.Math;\nusing L = LoopGen;\nusing LoopGen;\n");
                var ns = m.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(n => n.Name.ToString()).ToList();
                if (ns.Count > 0) sb.Append("namespace ").Append(string.Join(".", ns)).Append("\n{\n");
                var types = m.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().ToList();
                foreach (var t in types)
                {
                    var kind = t is RecordDeclarationSyntax r ? "record " + (r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "struct " : "") : t.Keyword.Text + " ";
                    var mods = string.Join(" ", t.Modifiers.Where(x => !x.IsKind(SyntaxKind.PartialKeyword)).Select(x => x.Text));
                    sb.Append(mods).Append(mods.Length > 0 ? " " : "").Append("partial ").Append(kind).Append(t.Identifier.Text).Append(t.TypeParameterList?.ToString() ?? "").Append("\n{\n");
                }
                sb.Append(m.ToFullString()).Append('\n');
                foreach (var _ in types) sb.Append("}\n");
                if (ns.Count > 0) sb.Append("}\n");
                result.Add((Path.ChangeExtension(path, null) + ".Split" + k++ + ".cs", sb.ToString()));
            }
        }
        return result.ToArray();
    }
}
