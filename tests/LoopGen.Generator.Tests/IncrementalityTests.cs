using System.Collections;
using System.Reflection;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LoopGen.Generator.Tests;

/// <summary>
/// The pipeline caches: an edit that does not touch a <c>[Compile]</c> method leaves the <c>CompiledMethods</c> and
/// <c>Output</c> steps Cached/Unchanged (no file is rewritten); a body edit gives Modified. And no Roslyn object
/// (which would defeat caching and hold compilations alive) travels in a model.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Kernels = """
        using LoopGen;

        namespace Demo;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Step(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x + 1;
                return x;
            }
        }
        """;

    private const string Unrelated = """
        namespace Demo;

        // A comment.
        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private const string Callers = """
        using LoopGen;

        namespace Demo;

        public static class Callers
        {
            public static Tensor Use(Tensor x) => Kernels.Step(x, 3);
        }
        """;

    private static (GeneratorRun First, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.Compilation(("Kernels.cs", Kernels), ("Unrelated.cs", Unrelated), ("Callers.cs", Callers));
        var run = GeneratorHarness.Run(compilation);
        run.AssertClean();
        return (run, compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }

    private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorRun run, string step) =>
        run.Result.Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static void AssertCached(GeneratorRun run, string step)
    {
        var reasons = Reasons(run, step).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {r}"));
    }

    [Fact]
    public void CommentEditInAnUnrelatedFileRegeneratesNothing()
    {
        var (first, compilation) = FirstRun();
        var edited = Replace(compilation, "Unrelated.cs", Unrelated.Replace("// A comment.", "// Another comment, longer."));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();
        AssertCached(second, LoopGenGenerator.Steps.CompiledMethods);
        AssertCached(second, LoopGenGenerator.Steps.Interceptions);
        AssertCached(second, LoopGenGenerator.Steps.Output);
    }

    [Fact]
    public void AddingAnUnrelatedTypeRegeneratesNothing()
    {
        var (first, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Demo;\n\npublic sealed class Added\n{\n    public int Value { get; set; }\n}\n", GeneratorHarness.ParseOptions, "Added.cs"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();
        AssertCached(second, LoopGenGenerator.Steps.CompiledMethods);
        AssertCached(second, LoopGenGenerator.Steps.Output);
    }

    [Fact]
    public void BodyEditOfACompiledMethodRegeneratesItsFile()
    {
        var (first, compilation) = FirstRun();
        var edited = Replace(compilation, "Kernels.cs", Kernels.Replace("x = x + 1;", "x = x * 2f;"));
        var second = GeneratorHarness.Run(edited, first.Driver);
        second.AssertClean();
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, LoopGenGenerator.Steps.CompiledMethods));
        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, LoopGenGenerator.Steps.Output));
        Assert.Contains("x = x * 2f;", second.AllGeneratedText, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsHoldNoRoslynObjects()
    {
        var (first, _) = FirstRun();
        var steps = first.Result.Results.Single().TrackedSteps;
        int walked = 0;
        foreach (var name in new[] { LoopGenGenerator.Steps.CompiledMethods, LoopGenGenerator.Steps.Interceptions, LoopGenGenerator.Steps.Output })
        {
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                Walk(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
                walked++;
            }
        }
        Assert.True(walked >= 3, "expected outputs in every tracked step");
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(
            value is ISymbol or SyntaxNode or SemanticModel or Microsoft.CodeAnalysis.Compilation or Location or SyntaxTree,
            $"{path} holds a {value.GetType().FullName}");
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (var item in items) Walk(item, $"{path}[{i++}]", seen);
            return;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            Walk(property.GetValue(value), path + "." + property.Name, seen);
        }
    }
}
