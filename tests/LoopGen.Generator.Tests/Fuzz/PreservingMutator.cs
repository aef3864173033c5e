using System.Text;
using System.Text.RegularExpressions;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// Rewrites of a user's project that keep every <c>[Compile]</c> method's meaning, in the forms users write that the
/// source variants lack: line endings, tabs, <c>#nullable</c> and <c>#line</c> directives, doc comments, long lines,
/// <c>@</c> and unicode-escaped names, names of every casing and keyword-like names, local functions, lambdas and
/// attributes on them, <c>using</c>/<c>try</c>/<c>lock</c>/<c>checked</c>/<c>unsafe</c>/labels around statements,
/// patterns and switch expressions, named tuples, <c>in</c>/optional/<c>params</c> parameters, containers of every
/// kind, nesting, namespaces differing by case, global and static usings, <c>extern alias</c>, top-level statements.
/// A rewrite may still fail to compile (a name it picked clashes, a type is used from another file); the caller checks.
/// </summary>
internal static class PreservingMutator
{
    /// <summary>The alias the fuzz compilation gives the runtime reference besides <c>global</c>.</summary>
    public const string RuntimeAlias = "LGRT";

    private delegate List<(string Path, string Text)> Kind(List<(string Path, string Text)> files, int target, Random rng);

    private static readonly (string Name, Kind Apply)[] Kinds =
    [
        ("CrlfLineEndings", OnText(t => t.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal))),
        ("TabsForIndentation", OnText(Tabs)),
        ("NullableToggles", OnText(Nullable)),
        ("UserLineDirectives", OnText(LineDirectives)),
        ("XmlDocComments", OnText(DocComments)),
        ("VeryLongLines", OnText(LongLines)),
        ("AtAndEscapedNames", OnText(EscapedNames)),
        ("NamesOfEveryCasing", OnText(Renamed)),
        ("LocalFunctionsAndLambdas", OnText(LocalFunctions)),
        ("StatementWrappers", OnText(Wrappers)),
        ("PatternsAndSwitchExpressions", OnText(Patterns)),
        ("NamedTuples", OnText(NamedTuples)),
        ("ParameterModifiers", OnText(ParameterModifiers)),
        ("ExpressionBodies", OnText(ExpressionBodies)),
        ("StringsInBodies", OnText(Strings)),
        ("GlobalAndStaticUsings", OnText(GlobalUsings)),
        ("ExternAlias", OnText(ExternAlias)),
        ("ContainerKinds", ContainerKinds),
        ("NestedInOuterType", NestedInOuter),
        ("NamespaceDifferingByCase", NamespaceByCase),
        ("ShadowingNamespaces", ShadowingNamespaces),
        ("TopLevelStatements", TopLevel),
    ];

    /// <summary>The names of every kind, in order.</summary>
    public static IEnumerable<string> KindNames => Kinds.Select(k => k.Name);

    /// <summary>One to three kinds applied to <paramref name="target"/> (set-level kinds may add files); returns the files and the kinds' names.</summary>
    public static ((string Path, string Text)[] Files, string Kinds) Mutate((string Path, string Text)[] files, int target, Random rng, string? only = null)
    {
        var list = files.ToList();
        var names = new List<string>();
        int edits = only is null ? rng.Next(1, 4) : 1;
        for (int e = 0; e < edits; e++)
        {
            var (name, apply) = only is null ? Kinds[rng.Next(Kinds.Length)] : Kinds.First(k => k.Name == only);
            list = apply(list, target, rng);
            names.Add(name);
        }
        return (list.ToArray(), string.Join("+", names));
    }

    private static Kind OnText(Func<string, Random, string> f) => (files, target, rng) =>
    {
        var list = files.ToList();
        list[target] = (list[target].Path, f(list[target].Text, rng));
        return list;
    };

    private static Kind OnText(Func<string, string> f) => OnText((t, _) => f(t));

    private static CompilationUnitSyntax Parse(string text) => (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetRoot();

    private static List<MethodDeclarationSyntax> CompileMethods(SyntaxNode root) =>
        [.. root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString().StartsWith("Compile", StringComparison.Ordinal)))];

    private static List<StatementSyntax> BodyStatements(SyntaxNode root) =>
        [.. CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<BlockSyntax>()).SelectMany(b => b.Statements)];

    private static T Pick<T>(IReadOnlyList<T> items, Random rng) => items[rng.Next(items.Count)];

    /// <summary>Inserts texts at offsets (all computed on the same text), last first.</summary>
    private static string Insert(string text, IEnumerable<(int At, string Text)> inserts)
    {
        var sb = new StringBuilder(text);
        foreach (var (at, t) in inserts.OrderByDescending(i => i.At)) sb.Insert(at, t);
        return sb.ToString();
    }

    private static string Tabs(string text) =>
        Regex.Replace(text, "^( {4})+", m => new string('\t', m.Length / 4), RegexOptions.Multiline);

    /// <summary>#nullable disable / enable / restore lines between statements of the [Compile] bodies.</summary>
    private static string Nullable(string text, Random rng)
    {
        string[] lines = ["\n#nullable disable\n", "\n#nullable enable\n", "\n#nullable restore\n", "\n#nullable disable warnings\n", "\n#nullable enable annotations\n"];
        var statements = BodyStatements(Parse(text));
        return Insert(text, statements.Where(_ => rng.Next(3) == 0).Select(s => (s.SpanStart, Pick(lines, rng))).Prepend((0, "#nullable disable\n")));
    }

    /// <summary>The user's own #line directives (plain, hidden, default and span forms) between statements.</summary>
    private static string LineDirectives(string text, Random rng)
    {
        string[] lines = ["\n#line 900 \"Elsewhere.cs\"\n", "\n#line hidden\n", "\n#line default\n", "\n#line (5, 1) - (5, 40) 3 \"Span.cs\"\n", "\n#line 12\n"];
        var statements = BodyStatements(Parse(text));
        return Insert(text, statements.Where(_ => rng.Next(3) == 0).Select(s => (s.SpanStart, Pick(lines, rng))));
    }

    /// <summary>A doc comment (summary, every param, returns; sometimes the /** */ form) on every [Compile] method.</summary>
    private static string DocComments(string text)
    {
        var methods = CompileMethods(Parse(text)).Where(m => !m.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)));
        return Insert(text, methods.Select((m, k) =>
        {
            var ps = string.Concat(m.ParameterList.Parameters.Select(p => $"<param name=\"{p.Identifier.ValueText}\">The {p.Identifier.ValueText} &amp; more.</param>"));
            var returns = m.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } ? "" : "<returns>A <see cref=\"LoopGen.Tensor\"/>.</returns>";
            return (m.SpanStart, k % 2 == 0
                ? $"/// <summary>Doc of {m.Identifier.ValueText}: <c>for (;;)</c>.</summary>\n/// {ps}\n/// {returns}\n"
                : $"/** <summary>Block doc.</summary> {ps} {returns} */\n");
        }));
    }

    /// <summary>Very long lines: a 6 000-character comment after a statement, a 3 000-space run inside an expression.</summary>
    private static string LongLines(string text, Random rng)
    {
        var root = Parse(text);
        var statements = BodyStatements(root);
        if (statements.Count == 0) return text;
        var s = Pick(statements, rng);
        var binaries = CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<BinaryExpressionSyntax>()).ToList();
        var inserts = new List<(int, string)> { (s.Span.End, " /*" + new string('x', 6000) + "*/") };
        if (binaries.Count > 0) inserts.Add((Pick(binaries, rng).OperatorToken.SpanStart, new string(' ', 3000)));
        return Insert(text, inserts);
    }

    private static List<(MethodDeclarationSyntax Method, HashSet<string> Names)> LocalsAndParameters(SyntaxNode root) =>
        CompileMethods(root).Select(m => (m, m.DescendantNodes().Select(n => n switch
        {
            VariableDeclaratorSyntax v => v.Identifier,
            ForEachStatementSyntax fe => fe.Identifier,
            SingleVariableDesignationSyntax d => d.Identifier,
            ParameterSyntax p when p.Parent?.Parent == m => p.Identifier,
            _ => default,
        }).Where(t => t.RawKind != 0).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal))).ToList();

    /// <summary>The tokens of <paramref name="m"/> that name one of <paramref name="names"/> (not member names, tuple element names, named arguments).</summary>
    private static IEnumerable<SyntaxToken> NameTokens(MethodDeclarationSyntax m, HashSet<string> names) =>
        m.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && names.Contains(t.ValueText)
            && t.Parent is not TupleElementSyntax && t.Parent is not IdentifierNameSyntax { Parent: NameColonSyntax }
            && t.Parent is not IdentifierNameSyntax { Parent: NameEqualsSyntax }
            && t.Parent is not MethodDeclarationSyntax && t.Parent is not TypeParameterSyntax
            && !(t.Parent is IdentifierNameSyntax { Parent: MemberAccessExpressionSyntax ma } id && ma.Name == id)
            && !(t.Parent is IdentifierNameSyntax { Parent: MemberBindingExpressionSyntax }));

    /// <summary>Locals and parameters written <c>@x</c> or with a unicode escape (<c>\u0078</c>): the same identifiers.</summary>
    private static string EscapedNames(string text, Random rng)
    {
        var root = Parse(text);
        var tokens = LocalsAndParameters(root).SelectMany(x => NameTokens(x.Method, x.Names)).ToList();
        return root.ReplaceTokens(tokens, (t, _) =>
        {
            var v = t.ValueText;
            var spelled = rng.Next(3) switch
            {
                0 => "@" + v,
                1 => "\\u" + ((int)v[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + v[1..],
                _ => v.Length > 1 ? v[..^1] + "\\u" + ((int)v[^1]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : "@" + v,
            };
            return SyntaxFactory.Identifier(t.LeadingTrivia, SyntaxKind.IdentifierToken, spelled, v, t.TrailingTrivia);
        }).ToFullString();
    }

    /// <summary>Every local and parameter of a [Compile] method renamed: other casings, unicode letters, keyword-like and type-like names.</summary>
    private static string Renamed(string text, Random rng)
    {
        var root = Parse(text);
        var all = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal);
        string[] pool = ["value", "var", "nameof", "async", "await", "dynamic", "record", "file", "scoped", "required", "global", "yield", "when", "select",
            "Tensor", "System", "LoopGen", "Math", "Compile", "Generated", "result", "Result", "RESULT", "@int", "@class", "@return", "@for", "_", "__", "Δ", "名前", "xʹ", "ǅx"];
        var tokens = new List<SyntaxToken>();
        var map = new Dictionary<(MethodDeclarationSyntax, string), string>();
        foreach (var (m, names) in LocalsAndParameters(root))
        {
            var used = new HashSet<string>(all, StringComparer.Ordinal);
            foreach (var n in names.OrderBy(n => n, StringComparer.Ordinal))
            {
                string candidate = rng.Next(4) switch
                {
                    0 => char.ToUpperInvariant(n[0]) + n[1..],
                    1 => n.ToUpperInvariant(),
                    2 => "_" + n + "_",
                    _ => Pick(pool, rng),
                };
                var plain = candidate.TrimStart('@');
                if (plain == "_" || used.Contains(plain)) candidate = plain = plain.TrimStart('_') + "ʹ" + used.Count;
                used.Add(plain);
                map[(m, n)] = candidate;
            }
            tokens.AddRange(NameTokens(m, names));
        }
        return root.ReplaceTokens(tokens, (t, _) =>
        {
            var name = map[(t.Parent!.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().First(), t.ValueText)];
            return SyntaxFactory.Identifier(t.LeadingTrivia, SyntaxKind.IdentifierToken, name, name.TrimStart('@'), t.TrailingTrivia);
        }).ToFullString();
    }

    private static List<BlockSyntax> LoopBodies(SyntaxNode root) =>
        [.. CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<BlockSyntax>()).Where(b => b.Parent is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax)];

    /// <summary>Local functions (static, generic, with attributes) and lambdas declared in loop bodies, and an identity local function applied to assigned values.</summary>
    private static string LocalFunctions(string text, Random rng)
    {
        var root = Parse(text);
        string[] decls =
        [
            "static int UnusedStep(int v) => v + 1;",
            "int LocalOne() { return 1; }",
            "System.Func<int, int> idFn = v => v; _ = idFn;",
            "[System.Diagnostics.CodeAnalysis.SuppressMessage(\"c\", \"i\")] static Tensor Keep(Tensor v) => v;",
            "var attributed = [System.Diagnostics.CodeAnalysis.SuppressMessage(\"c\", \"i\")] (int v) => v; _ = attributed;",
            "System.Action nothing = static () => { }; _ = nothing;",
        ];
        var inserts = LoopBodies(root).Where(_ => rng.Next(2) == 0).Select(b => (b.OpenBraceToken.Span.End, " " + Pick(decls, rng) + " ")).ToList();
        var methods = CompileMethods(root).Where(m => m.Body is not null).ToList();
        if (methods.Count > 0 && rng.Next(2) == 0)
        {
            // static T Identity<T>(T v) => v; declared once per body, applied to the right side of simple assignments.
            var m = Pick(methods, rng);
            inserts.Add((m.Body!.OpenBraceToken.Span.End, " static TId Identity<TId>(TId v) => v; "));
            foreach (var a in m.Body.DescendantNodes().OfType<AssignmentExpressionSyntax>().Where(a => a.IsKind(SyntaxKind.SimpleAssignmentExpression) && a.Left is IdentifierNameSyntax && a.Parent is ExpressionStatementSyntax))
            {
                inserts.Add((a.Right.SpanStart, "Identity("));
                inserts.Add((a.Right.Span.End, ")"));
            }
        }
        return Insert(text, inserts);
    }

    /// <summary>Statements that declare nothing wrapped in try/finally, lock, using, checked/unchecked, unsafe, a block, a label or a goto to the next line; a using var at the top.</summary>
    private static string Wrappers(string text, Random rng)
    {
        var root = Parse(text);
        var statements = BodyStatements(root).Where(s => s is not LocalDeclarationStatementSyntax and not LocalFunctionStatementSyntax and not LabeledStatementSyntax).ToList();
        var inserts = new List<(int, string)>();
        int k = 0;
        foreach (var s in statements.Where(_ => rng.Next(3) == 0))
        {
            k++;
            var (before, after) = rng.Next(10) switch
            {
                0 => ("try { ", " } finally { }"),
                1 => ("lock (typeof(object)) { ", " }"),
                2 => ("using ((System.IDisposable?)null) { ", " }"),
                3 => ("unchecked { ", " }"),
                4 => ("checked { ", " }"),
                5 => ("unsafe { ", " }"),
                6 => ("{ ", " }"),
                7 => ($"userLabel{k}: ", ""),
                8 => ($"goto userJump{k}; userJump{k}: ", ""),
                _ => ("try { ", " } catch (System.InvalidOperationException) when (false) { throw; }"),
            };
            inserts.Add((s.SpanStart, before));
            inserts.Add((s.Span.End, after));
        }
        foreach (var m in CompileMethods(root).Where(m => m.Body is not null && rng.Next(3) == 0))
        {
            inserts.Add((m.Body!.OpenBraceToken.Span.End, " using var userResource = (System.IDisposable?)null; "));
        }
        return Insert(text, inserts);
    }

    /// <summary>Conditions as patterns (<c>c is true</c>, <c>c is not false</c>), conditionals as switch expressions with and without <c>when</c>.</summary>
    private static string Patterns(string text, Random rng)
    {
        var root = Parse(text);
        var conditions = CompileMethods(root).SelectMany(m => m.DescendantNodes()).Select(n => n switch
        {
            IfStatementSyntax i => i.Condition,
            WhileStatementSyntax w => w.Condition,
            _ => null,
        }).Where(c => c is not null).Select(c => c!).ToList();
        var conditionals = CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<ConditionalExpressionSyntax>()).ToList();
        var replaced = new Dictionary<SyntaxNode, string>();
        foreach (var c in conditions.Where(_ => rng.Next(2) == 0))
        {
            replaced[c] = rng.Next(3) switch
            {
                0 => $"({c}) is true",
                1 => $"({c}) is not false",
                _ => $"({c}) switch {{ true when 1 > 0 => true, _ => false }}",
            };
        }
        foreach (var c in conditionals.Where(c => !replaced.Keys.Any(k => k.Span.OverlapsWith(c.Span)) && rng.Next(2) == 0))
        {
            replaced[c] = $"(({c.Condition}) switch {{ true => {c.WhenTrue}, false => {c.WhenFalse} }})";
        }
        // Only the outermost of nested replacements: the inner text is inside the outer one's own text anyway.
        var outer = replaced.Keys.Where(k => !replaced.Keys.Any(o => o != k && o.Span.Contains(k.Span))).OrderByDescending(k => k.SpanStart).ToList();
        var sb = new StringBuilder(text);
        foreach (var k in outer) sb.Remove(k.SpanStart, k.Span.Length).Insert(k.SpanStart, replaced[k]);
        return sb.ToString();
    }

    /// <summary>Simple assignments of a local through a named tuple: <c>var t = (Value: e, Tag: 1); x = t.Value;</c> or <c>(x, _) = (e, 0);</c>.</summary>
    private static string NamedTuples(string text, Random rng)
    {
        var root = Parse(text);
        var statements = CompileMethods(root).SelectMany(m => m.DescendantNodes().OfType<ExpressionStatementSyntax>())
            .Where(s => s.Parent is BlockSyntax && s.Expression is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax })
            .Where(_ => rng.Next(2) == 0).OrderByDescending(s => s.SpanStart).ToList();
        var sb = new StringBuilder(text);
        int k = 0;
        foreach (var s in statements)
        {
            var a = (AssignmentExpressionSyntax)s.Expression;
            k++;
            var replacement = rng.Next(2) == 0
                ? $"{{ var named{k} = (Value: {a.Right}, Tag: {k}); {a.Left} = named{k}.Value; }}"
                : $"({a.Left}, _) = ({a.Right}, {k});";
            sb.Remove(s.SpanStart, s.Span.Length).Insert(s.SpanStart, replacement);
        }
        return sb.ToString();
    }

    /// <summary>An optional int parameter added, <c>in</c> on a tensor parameter the body never assigns, a trailing <c>params</c> array.</summary>
    private static string ParameterModifiers(string text, Random rng)
    {
        var root = Parse(text);
        var inserts = new List<(int, string)>();
        foreach (var m in CompileMethods(root).Where(_ => rng.Next(2) == 0))
        {
            var ps = m.ParameterList.Parameters;
            bool hasParams = ps.Any(p => p.Modifiers.Any(SyntaxKind.ParamsKeyword));
            if (!hasParams)
            {
                inserts.Add((m.ParameterList.CloseParenToken.SpanStart, (ps.Count > 0 ? ", " : "") + (rng.Next(2) == 0 ? "int optionalExtra = 0" : "params int[] extraValues")));
            }
            var assigned = m.DescendantNodes().OfType<AssignmentExpressionSyntax>().Select(a => a.Left.ToString())
                .Concat(m.DescendantNodes().OfType<PostfixUnaryExpressionSyntax>().Select(u => u.Operand.ToString()))
                .Concat(m.DescendantNodes().OfType<PrefixUnaryExpressionSyntax>().Select(u => u.Operand.ToString()))
                .Concat(m.DescendantNodes().OfType<ArgumentSyntax>().Where(a => !a.RefKindKeyword.IsKind(SyntaxKind.None)).Select(a => a.Expression.ToString()))
                .Concat(m.DescendantNodes().OfType<TupleExpressionSyntax>().Where(t => t.Parent is AssignmentExpressionSyntax a && a.Left == t).SelectMany(t => t.Arguments.Select(a => a.Expression.ToString())))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var p in ps.Where(p => p.Type?.ToString() == "Tensor" && p.Modifiers.Count == 0 && !assigned.Contains(p.Identifier.ValueText) && rng.Next(2) == 0))
            {
                inserts.Add((p.SpanStart, "in "));
            }
        }
        return Insert(text, inserts);
    }

    /// <summary>Bodies of one return become expression bodies; expression bodies become blocks.</summary>
    private static string ExpressionBodies(string text)
    {
        var root = Parse(text);
        var methods = CompileMethods(root);
        return root.ReplaceNodes(methods, (_, m) => m switch
        {
            { Body.Statements: [ReturnStatementSyntax { Expression: { } e }] } => m.WithBody(null)
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(e.WithoutTrivia())).WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken)),
            { ExpressionBody: { } eb, ReturnType: not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword } } => m.WithExpressionBody(null)
                .WithSemicolonToken(default).WithBody(SyntaxFactory.Block(SyntaxFactory.ReturnStatement(eb.Expression.WithoutTrivia()))),
            _ => m,
        }).ToFullString();
    }

    /// <summary>Verbatim, raw and interpolated strings (and char literals of every escape) discarded inside loop bodies and before loops.</summary>
    private static string Strings(string text, Random rng)
    {
        string[] pieces =
        [
            "_ = @\"verbatim \"\"quoted\"\" { } for (;;)\";",
            "_ = \"\"\"raw \"quoted\" { } // not a comment\"\"\";",
            "_ = $\"{1} and {{braces}}\";",
            "_ = $@\"{\"x\"}\\n\";",
            "_ = '\\u0041' + '\\'' + '\"';",
            "_ = \"#line 1 \\\"no\\\"\\n#if X\";",
            "_ = $$\"\"\"{{2}} {literal}\"\"\";",
        ];
        var root = Parse(text);
        var statements = BodyStatements(root);
        return Insert(text, statements.Where(_ => rng.Next(3) == 0).Select(s => (s.SpanStart, Pick(pieces, rng) + " ")));
    }

    /// <summary>Global usings, global aliases and using static at the top of the file, and Tensor sometimes through the global alias.</summary>
    private static string GlobalUsings(string text, Random rng)
    {
        var root = Parse(text);
        var head = "global using static System.Math;\nglobal using FuzzTensorAlias = LoopGen.Tensor;\nusing static LoopGen.Tensor;\nusing Cmp = LoopGen.CompileAttribute;\n";
        if (rng.Next(2) == 0)
        {
            var ids = CompileMethods(root).SelectMany(m => m.ParameterList.Parameters).Select(p => p.Type).OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == "Tensor").ToList();
            text = root.ReplaceNodes(ids, (_, i) => SyntaxFactory.IdentifierName("FuzzTensorAlias").WithTriviaFrom(i)).ToFullString();
        }
        var externs = Regex.Match(text, @"\A(\s*extern alias \w+;\s*)*");
        return text.Insert(externs.Length, head);
    }

    /// <summary><c>extern alias</c> of the runtime reference, with some tensor parameter types written <c>LGRT::LoopGen.Tensor</c>.</summary>
    private static string ExternAlias(string text, Random rng)
    {
        if (text.Contains("extern alias", StringComparison.Ordinal)) return text;
        var root = Parse(text);
        var ids = CompileMethods(root).SelectMany(m => m.ParameterList.Parameters.Select(p => p.Type).Append(m.ReturnType))
            .OfType<IdentifierNameSyntax>().Where(i => i.Identifier.ValueText == "Tensor" && rng.Next(2) == 0).ToList();
        text = root.ReplaceNodes(ids, (_, i) => SyntaxFactory.ParseTypeName(RuntimeAlias + "::LoopGen.Tensor").WithTriviaFrom(i)).ToFullString();
        return "extern alias " + RuntimeAlias + ";\n" + text;
    }

    /// <summary>A static class holding [Compile] methods becomes a struct, a record, a record struct or a sealed class, in every file that declares it.</summary>
    private static List<(string Path, string Text)> ContainerKinds(List<(string Path, string Text)> files, int target, Random rng)
    {
        var names = Parse(files[target].Text).DescendantNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.Modifiers.Any(SyntaxKind.StaticKeyword) && c.Modifiers.Any(SyntaxKind.PartialKeyword) && CompileMethods(c).Count > 0)
            .Select(c => c.Identifier.ValueText).ToList();
        if (names.Count == 0) return files;
        var name = Pick(names, rng);
        var kind = Pick(new[] { "partial struct", "partial record", "partial record struct", "sealed partial class", "abstract partial class", "readonly partial struct" }, rng);
        var pattern = new Regex(@"\bstatic\s+partial\s+class\s+" + Regex.Escape(name) + @"\b");
        return files.Select(f => (f.Path, pattern.Replace(f.Text, kind + " " + name))).ToList();
    }

    /// <summary>The file's types nested in a (sometimes generic) partial outer class, imported back everywhere with a global using static.</summary>
    private static List<(string Path, string Text)> NestedInOuter(List<(string Path, string Text)> files, int target, Random rng)
    {
        var root = Parse(files[target].Text);
        var ns = root.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
        var members = ns is null ? root.Members : ns.Members;
        var types = members.OfType<TypeDeclarationSyntax>().ToList();
        if (types.Count == 0 || members.Any(m => m is DelegateDeclarationSyntax or EnumDeclarationSyntax) || types.Any(t => t.Modifiers.Any(SyntaxKind.FileKeyword))) return files;
        bool generic = rng.Next(2) == 0;
        var outer = "FuzzOuter" + target + (generic ? "<TOuter>" : "");
        var first = types[0];
        var last = types[^1];
        var text = files[target].Text;
        text = text.Insert(last.FullSpan.End, "\n}\n").Insert(first.FullSpan.Start, "\npublic static partial class " + outer + "\n{\n");
        var list = files.ToList();
        list[target] = (list[target].Path, text);
        var full = (ns is null ? "" : ns.Name + ".") + "FuzzOuter" + target + (generic ? "<int>" : "");
        list.Add(("FuzzOuterImport" + target + ".cs", "global using static " + full + ";\n"));
        return list;
    }

    /// <summary>A copy of the file in a namespace differing from its own only by case (same type and method names), importing the original namespace.</summary>
    private static List<(string Path, string Text)> NamespaceByCase(List<(string Path, string Text)> files, int target, Random rng)
    {
        var root = Parse(files[target].Text);
        var ns = root.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
        var list = files.ToList();
        if (ns is null)
        {
            list.Add(("CaseCopy" + target + ".cs", "namespace GLOBALCOPY\n{\n" + files[target].Text + "\n}\n"));
            return list;
        }
        var name = ns.Name.ToString();
        var lastDot = name.LastIndexOf('.');
        var tail = name[(lastDot + 1)..];
        var swapped = rng.Next(2) == 0 ? tail.ToUpperInvariant() : tail.ToLowerInvariant();
        if (swapped == tail) swapped = char.IsUpper(tail[0]) ? char.ToLowerInvariant(tail[0]) + tail[1..] : char.ToUpperInvariant(tail[0]) + tail[1..];
        var newName = name[..(lastDot + 1)] + swapped;
        var text = files[target].Text;
        var renamedNs = ns.WithName(SyntaxFactory.ParseName(newName).WithTriviaFrom(ns.Name));
        var copy = text.Remove(ns.FullSpan.Start, ns.FullSpan.Length).Insert(ns.FullSpan.Start, renamedNs.ToFullString());
        var usingsEnd = root.Usings.Count > 0 ? root.Usings[^1].FullSpan.End : root.Externs.Count > 0 ? root.Externs[^1].FullSpan.End : 0;
        copy = copy.Insert(usingsEnd, "using " + name + ";\n");
        list.Add((Path.GetFileNameWithoutExtension(files[target].Path) + ".CaseCopy.cs", copy));
        return list;
    }

    /// <summary>Namespaces named System, LoopGen, Generated and Tensor inside the user's namespace (they shadow the real ones there).</summary>
    private static List<(string Path, string Text)> ShadowingNamespaces(List<(string Path, string Text)> files, int target, Random rng)
    {
        var ns = Parse(files[target].Text).Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault();
        var prefix = ns is null ? "" : ns.Name + ".";
        var shadow = Pick(new[] { "System", "LoopGen", "Generated", "Runtime", "CompilerServices", "Collections" }, rng);
        var list = files.ToList();
        list.Add(("Shadow" + target + ".cs", $"namespace {prefix}{shadow}\n{{\n    internal static class ShadowMarker{target} {{ }}\n}}\n"));
        return list;
    }

    /// <summary>A Program.cs of top-level statements calling the file's static [Compile] methods (the fuzz compiles it as an executable).</summary>
    private static List<(string Path, string Text)> TopLevel(List<(string Path, string Text)> files, int target, Random rng)
    {
        if (files.Any(f => f.Path == "Program.cs")) return files;
        var root = Parse(files[target].Text);
        var calls = new StringBuilder();
        foreach (var m in CompileMethods(root).Where(m => m.Modifiers.Any(SyntaxKind.StaticKeyword) && m.TypeParameterList is null && rng.Next(2) == 0))
        {
            var type = m.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (type is null || type.TypeParameterList is not null || m.Ancestors().OfType<TypeDeclarationSyntax>().Skip(1).Any() || type.Modifiers.Any(SyntaxKind.FileKeyword)) continue;
            var args = m.ParameterList.Parameters.Where(p => p.Default is null && !p.Modifiers.Any(SyntaxKind.ParamsKeyword)).Select(p => p.Type?.ToString() switch
            {
                "Tensor" => "LoopGen.Tensor.From(new float[] { 0.25f, 0.5f, 0.75f }, 3)",
                "int" => "2",
                "long" => "2L",
                "float" => "0.5f",
                "double" => "0.5",
                "bool" => "true",
                _ => null,
            }).ToList();
            if (args.Any(a => a is null) || m.ParameterList.Parameters.Any(p => p.Modifiers.Any(x => x.IsKind(SyntaxKind.RefKeyword) || x.IsKind(SyntaxKind.OutKeyword)))) continue;
            var ns = m.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).Reverse();
            var qualified = "global::" + string.Join(".", ns.Append(type.Identifier.ValueText));
            calls.Append("_ = ").Append(qualified).Append('.').Append(m.Identifier.ValueText).Append('(').Append(string.Join(", ", args)).Append(");\n");
        }
        if (calls.Length == 0) return files;
        var list = files.ToList();
        list.Add(("Program.cs", "using LoopGen;\n" + calls + "System.Console.WriteLine(\"done\");\n"));
        return list;
    }
}
