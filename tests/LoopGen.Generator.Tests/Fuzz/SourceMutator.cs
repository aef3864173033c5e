using LoopGen.Generator.Tests.Support;
using LoopGen.Generator.Tests.Variants;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// Random edits of a user's file, most of them inside <c>[Compile]</c> bodies: statements inserted (exits, writes to
/// fields, host reads, directives, odd but valid C#), deleted, duplicated or swapped, operators and literals changed,
/// and the source variants. Many results do not compile — the generator must still not throw; those that do compile
/// must give generated code that compiles too.
/// </summary>
internal static class SourceMutator
{
    private static readonly string[] Snippets =
    [
        "break;", "continue;", "return x;", "x = x + 1;", "x++;", "x += 1f;", "if (x.Sum() > 0f) x = x * 2f;", "if (x.Sum() > 0f) break; else continue;",
        "goto end;", "var host = x.Item<float>();", "System.Console.WriteLine(x);", "x = checked(x + 1);", "int k = 0; k += 1;",
        "lock (typeof(object)) { }", "x = x[0..1];", "x = Tensor.Concat([x, x], 0);", "{ }", ";", "\n#if DEBUG\nx = x * 3f;\n#endif\n",
        "/* c */", "// c\n", "x = (x);", "x = x.Sum() > 0f ? x : -x;", "for (int q = 0; q < 2; q++) x = x * 0.5f;",
        "while (x.Sum() > 1e9f) x = x * 0.5f;", "do { x = x + 0f; } while (x.Sum() > 1e9f);", "foreach (var row in x) { }",
        "s_field = 1;", "x = Math.Max(1, 2) * x;", "x = unchecked(x * 2f);", "try { } finally { }", "using var d = (System.IDisposable?)null;",
        "int[] table = [1, 2, 3];", "var (a, b) = (x, x);", "x = a;", "switch (1) { case 1: x = x + 1; break; default: break; }",
        "#region r\n", "#endregion\n", "#pragma warning disable CS0168\n", "Tensor @class = x; x = @class;", "x = global::LoopGen.Tensor.Stack([x]).Sum(0);",
        "int c = 0; while (++c < 3) x = x * 0.5f;", "long c2 = 3; do { x = x + c2; } while (c2-- > 0 && x.Sum() < 9f);",
        "var (c3, t3) = (1, x); (long l3, Tensor u3) = (c3, t3);",
        // Constructs users write inside and around loop bodies (lambdas, local functions, patterns, tuples, jumps, resources).
        "System.Func<Tensor, Tensor> f1 = v => v * 2f; x = f1(x);", "x = ((System.Func<Tensor>)(() => x + 1f))();", "Tensor Twice(Tensor v) => v + v; x = Twice(x);",
        "static Tensor Half(Tensor v) => v * 0.5f; x = Half(x);", "void Bump() { x = x + 1f; } Bump();", "int Count() => 3; for (int q2 = 0; q2 < Count(); q2++) x = x + q2;",
        "var lam = [System.Diagnostics.CodeAnalysis.SuppressMessage(\"a\", \"b\")] (Tensor v) => v; x = lam(x);",
        "using (var ms = new System.IO.MemoryStream()) { x = x + 1f; }", "using var ms2 = new System.IO.MemoryStream();",
        "try { x = x + 1f; } finally { x = x * 1f; }", "try { x = x + 1f; } catch (System.Exception) { throw; }", "lock (typeof(int)) { x = x * 2f; }",
        "goto next; next: x = x + 1f;", "again: if (x.Sum() > 1e9f) goto again;", "checked { int ck = 1; ck++; x = x + ck; }", "unchecked { x = x + 1; }",
        "if (x is Tensor { Rank: > 0 } tx) x = tx;", "if (x is not null) x = x + 1f;", "x = x.Rank switch { 0 => x, 1 when x.Sum() > 0f => x * 2f, _ => -x };",
        "int sw = 2 switch { > 1 when true => 1, _ => 0 }; x = x + sw;", "var named = (Value: x, Count: 2); x = named.Value * named.Count;",
        "(Tensor A, int B) pair = (x, 1); x = pair.A + pair.B;", "var (first, _) = (x, 0); x = first;", "ref Tensor rx = ref x; rx = rx + 1f;",
        "int.TryParse(\"1\", out var parsed); x = x + parsed;", "x = x + nameof(x).Length;", "x = default(Tensor) ?? x;", "x = x ?? throw new System.InvalidOperationException();",
        "string str = $\"{x}\"; x = x + str.Length;", "string raw = \"\"\"raw \"q\" \"\"\"; x = x + raw.Length;", "var @var = x; x = @var;", "var Δx = x * 1f; x = Δx;",
        "unsafe { int* p = stackalloc int[2]; p[0] = 1; x = x + p[0]; }", "#nullable disable\n", "#nullable restore\n", "\n#line 77 \"User.cs\"\n", "\n#line default\n",
        "\n#line hidden\n", "/// <summary>not a doc</summary>\n", "x = x\r\n+ 1f;", "\tx = x + 1f;\t", "foreach (var (ia, ib) in new[] { (1, 2) }) x = x + ia;",
        "for (int fi = 0, fj = 10; fi < fj; fi++, fj--) x = x + fi;", "while (true) { x = x + 1f; break; }", "do x = x * 1f; while (false);",
        "x = System.Math.Clamp(1, 0, 2) * x;", "x = Tensor.Where(x > 0.5f, x, x * 0f);", "x = (x.Sum() > 0f) switch { true => x, false => -x };",
        "if (x.Sum() is var sv && sv > 0f) x = x + sv;", "for (;;) { if (x.Sum() > -1f) break; x = x + 1f; }", "x = x.Sum() > 0f ? x : x.Sum() < -1f ? -x : x;",
    ];

    /// <summary>The statement snippets the mutator inserts (also placed one by one by <see cref="LoopBodyConstructTests"/>).</summary>
    public static IReadOnlyList<string> AllSnippets => Snippets;

    private static readonly SyntaxKind[] Operators =
    [
        SyntaxKind.PlusToken, SyntaxKind.MinusToken, SyntaxKind.AsteriskToken, SyntaxKind.SlashToken, SyntaxKind.LessThanToken,
        SyntaxKind.LessThanEqualsToken, SyntaxKind.GreaterThanToken, SyntaxKind.ExclamationEqualsToken, SyntaxKind.AmpersandAmpersandToken,
    ];

    public static string Mutate(string text, Random rng)
    {
        int edits = rng.Next(1, 4);
        for (int e = 0; e < edits; e++) text = MutateOnce(text, rng);
        return text;
    }

    private static string MutateOnce(string text, Random rng)
    {
        var root = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions).GetRoot();
        var bodies = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(m => m.Body is not null).Select(m => m.Body!).ToList();
        if (bodies.Count == 0) return text;
        var body = bodies[rng.Next(bodies.Count)];
        var statements = body.DescendantNodesAndSelf().OfType<StatementSyntax>().Where(s => s.Parent is BlockSyntax).ToList();
        var tokens = body.DescendantTokens().ToList();
        switch (rng.Next(8))
        {
            case 0:
            {
                var singles = SourceVariants.All.Where(v => v.Key != "PartialTypesSplitOverFiles").Select(v => v.Value).ToList();
                return singles[rng.Next(singles.Count)]([("F.cs", text)])[0].Text;
            }
            case 1 when statements.Count > 0:
            {
                var s = statements[rng.Next(statements.Count)];
                var at = rng.Next(2) == 0 ? s.SpanStart : s.Span.End;
                return text.Insert(at, " " + Snippets[rng.Next(Snippets.Length)] + " ");
            }
            case 2 when tokens.Count > 2:
            {
                var t = tokens[rng.Next(1, tokens.Count - 1)];
                return text.Remove(t.SpanStart, t.Span.Length);
            }
            case 3 when statements.Count > 0:
            {
                var s = statements[rng.Next(statements.Count)];
                return text.Insert(s.Span.End, " " + s.ToString());
            }
            case 4 when statements.Count > 1:
            {
                var s = statements[rng.Next(statements.Count)];
                if (s.Parent is not BlockSyntax b || b.Statements.Count < 2) return text;
                int i = b.Statements.IndexOf(s), j = i + 1 < b.Statements.Count ? i + 1 : i - 1;
                var (first, second) = i < j ? (b.Statements[i], b.Statements[j]) : (b.Statements[j], b.Statements[i]);
                return text.Substring(0, first.SpanStart) + second + text.Substring(first.Span.End, second.SpanStart - first.Span.End) + first + text.Substring(second.Span.End);
            }
            case 5:
            {
                var ops = tokens.Where(t => Operators.Contains(t.Kind())).ToList();
                if (ops.Count == 0) return text;
                var t = ops[rng.Next(ops.Count)];
                return text.Remove(t.SpanStart, t.Span.Length).Insert(t.SpanStart, SyntaxFacts.GetText(Operators[rng.Next(Operators.Length)]));
            }
            case 6:
            {
                var literals = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
                if (literals.Count == 0) return text;
                var t = literals[rng.Next(literals.Count)];
                string[] values = ["0", "1", "2", "-1", "1000000", "0.5f", "1e-9", "3L"];
                return text.Remove(t.SpanStart, t.Span.Length).Insert(t.SpanStart, values[rng.Next(values.Length)]);
            }
            default:
            {
                // A field the snippets may write, and a label they may jump to.
                var cls = root.DescendantNodes().OfType<ClassDeclarationSyntax>().FirstOrDefault();
                if (cls is null) return text;
                text = text.Insert(cls.OpenBraceToken.Span.End, " private static int s_field; ");
                return text;
            }
        }
    }
}
