using LoopGen.Generator.Parsing;
using LoopGen.Generator.Tests.Fuzz;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LoopGen.Generator.Tests;

/// <summary>
/// A <c>[Compile]</c> method with compile errors gets no twin, told by <see cref="CompileErrors"/> from the body's one
/// binding instead of the compiler's second compile of it (<c>SemanticModel.GetDiagnostics</c>). The compiler's own
/// errors are the reference here: every method the compiler accepts must pass the check (else valid code would stay
/// eager), and broken code must never give the user more errors than their own.
/// </summary>
public sealed class CompileErrorTests(ITestOutputHelper output)
{
    private const string Header = """
        using LoopGen;

        namespace Demo;

        public partial class Kernels
        {
            private static Tensor Helper(Tensor t, int k) => t * k;

            private int Count => 2;

            [System.Obsolete("use Helper", true)]
            private static int Old() => 1;

        """;

    /// <summary>One method per error kind: (name, body of <c>Tensor Step(Tensor x, int n)</c>, the compiler's error id).</summary>
    public static TheoryData<string, string, string> Broken() => new()
    {
        { "syntax error", "for (int i = 0; i < n; i++) x = x + ;\nreturn x;", "CS1525" },
        { "unknown identifier", "for (int i = 0; i < n; i++) x = x + y;\nreturn x;", "CS0103" },
        { "unknown member", "for (int i = 0; i < n; i++) x = x.Frobnicate();\nreturn x;", "CS1061" },
        { "wrong argument type", "for (int i = 0; i < n; i++) x = Helper(x, \"two\");\nreturn x;", "CS1503" },
        { "no implicit conversion", "int k = 1.5;\nfor (int i = 0; i < n; i++) x = x * k;\nreturn x;", "CS0266" },
        { "unassigned local", "Tensor y;\nfor (int i = 0; i < n; i++) x = x + 1;\nreturn y;", "CS0165" },
        { "unassigned local in the loop", "int k;\nfor (int i = 0; i < n; i++) { x = x * k; k = i; }\nreturn x;", "CS0165" },
        { "missing return", "for (int i = 0; i < n; i++) x = x + 1;\nif (n > 3) return x;", "CS0161" },
        { "duplicate local", "int k = 1;\nint k = 2;\nfor (int i = 0; i < n; i++) x = x * k;\nreturn x;", "CS0128" },
        { "local clashes with a parameter", "for (int i = 0; i < 3; i++) { int n = i; x = x + n; }\nreturn x;", "CS0136" },
        { "local clashes with an outer local", "int k = 1;\nfor (int i = 0; i < n; i++) { int k = i; x = x * k; }\nreturn x;", "CS0136" },
        { "loop counter clashes", "for (int i = 0; i < n; i++) { for (int i = 0; i < 2; i++) x = x + 1; }\nreturn x;", "CS0136" },
        { "return without a value", "for (int i = 0; i < n; i++) x = x + 1;\nif (n > 3) return;\nreturn x;", "CS0126" },
        { "await in a method that is not async", "for (int i = 0; i < n; i++) x = x + 1;\nawait System.Threading.Tasks.Task.Yield();\nreturn x;", "CS4032" },
        { "unsafe code without /unsafe", "for (int i = 0; i < n; i++) x = x + 1;\nunsafe { int* p = null; }\nreturn x;", "CS0227" },
        { "const from a variable", "const int k = n;\nfor (int i = 0; i < n; i++) x = x * k;\nreturn x;", "CS0133" },
        { "repeated case label", "for (int i = 0; i < n; i++) x = x + 1;\nswitch (n) { case 1: x = x + 1; break; case 1: break; }\nreturn x;", "CS0152" },
        { "a switch section falling through", "for (int i = 0; i < n; i++) x = x + 1;\nswitch (n) { case 1: x = x + 1; case 2: break; }\nreturn x;", "CS0163" },
        { "an instance member from static code", "for (int i = 0; i < n; i++) x = x * Count;\nreturn x;", "CS0120" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void AMethodWithCompileErrorsGetsNoTwinAndNoMoreErrors(string kind, string body, string id)
    {
        var run = GeneratorHarness.Run(Source(body));
        run.AssertNoGeneratorFailure();
        var userErrors = GeneratorHarness.Compilation(Source(body)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(userErrors.Any(d => d.Id == id), $"{kind}: the case should give {id}, the compiler says: {string.Join("; ", userErrors)}");
        Assert.True(run.ErrorsInGeneratedCode.Count == 0, kind + ":\n" + string.Join("\n", run.ErrorsInGeneratedCode) + "\n\n" + run.AllGeneratedText);
        Assert.Contains("// LoopGen: Step is not compiled: it has compilation errors", run.AllGeneratedText, StringComparison.Ordinal);
        Assert.DoesNotContain("StepCompiled", run.AllGeneratedText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task TheAnalyzersSayNothingOnAMethodWithCompileErrors(string kind, string body, string id)
    {
        Assert.NotEmpty(id);
        // After the generator (a build: its verdict is reused) and on a compilation of their own (the IDE: their own check).
        foreach (var compilation in new Microsoft.CodeAnalysis.Compilation[] { GeneratorHarness.Run(Source(body)).Output, GeneratorHarness.Compilation(Source(body)) })
        {
            var analyzers = compilation.WithAnalyzers([new LoopGen.Analyzers.LoopGenAnalyzer()]);
            var lg = (await analyzers.GetAnalyzerDiagnosticsAsync()).Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal) || d.Id == "AD0001").ToList();
            Assert.True(lg.Count == 0, kind + ": " + string.Join("; ", lg));
        }
    }

    /// <summary>
    /// Errors the check does not see (docs/design.md, "Generated code"): the twin fails the same way, and its #line
    /// directives put each of its errors on the user's line, where the user's own error of the same id is.
    /// </summary>
    [Theory]
    [InlineData("for (int i = 0; i < n; i++) x = x * Old();\nreturn x;", "CS0619")]
    [InlineData("for (int i = 0; i < n; i++) x = x + 1;\nvar k = n switch { _ => 1, 2 => 3 };\nreturn x * k;", "CS8510")]
    [InlineData("for (int i = 0; i < n; i++) x = x + 1;\nif (x is Tensor t) { }\nreturn t;", "CS0165")]
    public void AnErrorTheCheckDoesNotSeeComesBackOnlyOnTheUsersLine(string body, string id)
    {
        var run = GeneratorHarness.Run(Source(body));
        run.AssertNoGeneratorFailure();
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "LG9999");
        var user = GeneratorHarness.Compilation(Source(body)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(Where).ToHashSet();
        Assert.Contains(user, u => u.StartsWith(id + "@", StringComparison.Ordinal));
        foreach (var generated in run.ErrorsInGeneratedCode.Select(Where)) Assert.Contains(generated, user);
    }

    [Theory]
    [InlineData("Tensor y = x;\nfor (int i = 0; i < n; i++) y = y + 1;\nreturn y;")]
    [InlineData("{ int k = 1; x = x * k; }\n{ int k = 2; x = x * k; }\nreturn x;")]
    [InlineData("for (int i = 0; i < n; i++) x = x + 1;\nfor (int i = 0; i < n; i++) x = x * 2;\nreturn x;")]
    [InlineData("int k;\nif (n > 2) k = 1; else k = 2;\nfor (int i = 0; i < n; i++) x = x * k;\nreturn x;")]
    [InlineData("var t = ((float, long))(1.5, 2);\nfor (int i = 0; i < n; i++) x = x * t.Item1;\nreturn x;")]
    [InlineData("System.Func<int, int> f = n => n + 1;\nfor (int i = 0; i < f(n); i++) x = x + 1;\nreturn x;")]
    [InlineData("while (true) { x = x + 1; if (x.Sum() > 10f) return x; }")]
    [InlineData("switch (n) { case 1: { x = x + 1; break; } case 2: if (n > 0) return x; else break; default: x = x * 2; break; }\nreturn x;")]
    [InlineData("for (int i = 0; i < n; i++) x = x + 1;\nthrow new System.InvalidOperationException();")]
    public void CodeThatCompilesPassesTheCheck(string body)
    {
        var compilation = GeneratorHarness.Compilation(Source(body));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var tree = compilation.SyntaxTrees.Single();
        var step = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Step");
        Assert.False(CompileErrors.Any(step, compilation.GetSemanticModel(tree), default));
    }

    /// <summary>
    /// The repository's kernels and the generator's corpus, and mutations of them: no method the compiler accepts is
    /// called broken; the broken ones the check misses are printed by error id (the twin then fails as the user's code does).
    /// </summary>
    [Fact]
    public void TheCheckAgreesWithTheCompilerOnValidCodeOfTheCorpusAndItsMutations()
    {
        var sets = new List<(string Path, string Text)[]> { ProjectFiles.Read("tests/LoopGen.EndToEnd/Kernels"), ProjectFiles.Read("samples/LoopGen.Samples/Kernels") };
        sets.AddRange(ProjectFiles.Read("tests/LoopGen.Generator.Tests/Corpus").Select(f => new[] { f }));
        var rng = new Random(20261201);
        int valid = 0, broken = 0, caught = 0;
        var falsePositives = new List<string>();
        var missed = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < sets.Count + 150; k++)
        {
            var set = sets[k < sets.Count ? k : rng.Next(sets.Count)];
            int target = rng.Next(set.Length);
            var files = set.Select((f, i) => k >= sets.Count && i == target ? (f.Path, SourceMutator.Mutate(f.Text, rng)) : f).Append(("GlobalUsings.cs", ProjectFiles.GlobalUsings)).ToArray();
            var compilation = GeneratorHarness.Compilation(files);
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (model.GetDeclaredSymbol(method) is not IMethodSymbol symbol || !CompileChecks.HasCompile(symbol) || CompileChecks.WhyNot(method, symbol) is not null) continue;
                    var errors = model.GetDiagnostics(method.Span).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    bool flagged = CompileErrors.Any(method, model, default);
                    if (errors.Count == 0)
                    {
                        valid++;
                        if (flagged) falsePositives.Add($"{tree.FilePath}: {symbol.Name}\n{method}");
                        continue;
                    }
                    broken++;
                    if (flagged)
                    {
                        caught++;
                        continue;
                    }
                    foreach (var id in errors.Select(e => e.Id).Distinct()) missed[id] = missed.GetValueOrDefault(id) + 1;
                }
            }
        }
        output.WriteLine($"{valid} methods compile, {broken} do not; the check finds {caught} of those; missed, by error id: "
            + string.Join(", ", missed.OrderByDescending(m => m.Value).Select(m => $"{m.Key} {m.Value}")));
        Assert.True(falsePositives.Count == 0, $"{falsePositives.Count} methods that compile were called broken; first:\n{falsePositives.FirstOrDefault()}");
        Assert.True(valid > 100 && broken > 20, $"too few methods to tell ({valid} valid, {broken} broken)");
    }

    /// <summary>An error as id@file:line, the line where #line maps it.</summary>
    private static string Where(Diagnostic d)
    {
        var span = d.Location.GetMappedLineSpan();
        return $"{d.Id}@{span.Path}:{span.StartLinePosition.Line + 1}";
    }

    private static string Source(string body) =>
        Header + "    [Compile]\n    public static Tensor Step(Tensor x, int n)\n    {\n" + body + "\n    }\n}\n";
}
