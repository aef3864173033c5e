using LoopGen.Analyzers;
using LoopGen.Generator.Tests.Support;
using LoopGen.Generator.Tests.Variants;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace LoopGen.Generator.Tests.Fuzz;

/// <summary>
/// The project's kernels through random meaning-preserving rewrites (<see cref="PreservingMutator"/>): for every
/// rewrite that compiles as C#, the generator and the analyzers do not throw, the generated code compiles with no
/// warning, and every compiled entry of the rewritten file agrees with its eager reference. A fixed seed here;
/// <c>LOOPGEN_FUZZ_CASES</c> and <c>LOOPGEN_FUZZ_SEED</c> set a larger or other run (shared with
/// <see cref="GeneratorFuzzTests"/>), <c>LOOPGEN_FUZZ_KIND</c> one kind only, <c>LOOPGEN_FUZZ_COMPARE=0</c> no runs (the build checks only).
/// </summary>
public sealed class PreservingFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PreservingRewritesCompileCleanAndAgreeWithEager()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_CASES"), out var c) ? c : 4;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_SEED"), out var s) ? s : 20261201;
        var only = Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_KIND");
        bool compare = Environment.GetEnvironmentVariable("LOOPGEN_FUZZ_COMPARE") != "0";
        var rng = new Random(seed);
        var sets = new[] { ProjectFiles.Read("tests/LoopGen.EndToEnd/Kernels"), ProjectFiles.Read("samples/LoopGen.Samples/Kernels") };
        int compiling = 0, generatorExceptions = 0, internalErrors = 0, analyzerExceptions = 0, brokenOutputs = 0, mismatches = 0, compared = 0;
        var failures = new List<string>();
        var invalid = new Dictionary<string, int>(StringComparer.Ordinal);
        var eagerByKind = new Dictionary<string, int>(StringComparer.Ordinal);
        int silentlyEager = 0;
        for (int k = 0; k < cases; k++)
        {
            var set = sets[rng.Next(sets.Length)];
            int target = rng.Next(set.Length);
            var (mutated, kinds) = PreservingMutator.Mutate(set, target, rng, only);
            var files = mutated.Append(("GlobalUsings.cs", ProjectFiles.GlobalUsings)).ToArray();
            var compilation = Compilation(files);
            var userErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (userErrors.Count > 0)
            {
                // The rewrite picked a clashing name or cut a cross-file reference: not an input, but say which kind, so a kind that never compiles shows.
                invalid[kinds] = invalid.GetValueOrDefault(kinds) + 1;
                if (only is not null) output.WriteLine($"case {k} ({kinds}) does not compile: {userErrors[0]}");
                continue;
            }
            compiling++;
            string Where() => $"case {k} ({kinds}, {set[target].Path})";
            GeneratorRun run;
            try
            {
                run = GeneratorHarness.Run(compilation);
            }
            catch (Exception e)
            {
                generatorExceptions++;
                failures.Add($"{Where()}: the driver threw {e}");
                continue;
            }
            if (run.Result.Results.Any(r => r.Exception is not null) || run.GeneratorDiagnostics.Any(d => d.Id == "CS8785"))
            {
                generatorExceptions++;
                failures.Add($"{Where()}: generator exception {run.Result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null)}\n{mutated[target].Text}");
                continue;
            }
            if (run.GeneratorDiagnostics.FirstOrDefault(d => d.Id == "LG9999") is { } internalError)
            {
                internalErrors++;
                failures.Add($"{Where()}: {internalError.GetMessage()}\n{mutated[target].Text}");
            }
            var broken = run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
            if (broken.Count > 0)
            {
                brokenOutputs++;
                var tree = broken[0].Location.SourceTree!;
                failures.Add($"{Where()}: generated code does not compile clean: {broken[0]}\n{mutated[target].Text}\n---- {tree.FilePath}\n{tree}");
                continue;
            }
            var analyzerDiagnostics = await run.Output.WithAnalyzers([new LoopGenAnalyzer()]).GetAnalyzerDiagnosticsAsync();
            if (analyzerDiagnostics.FirstOrDefault(d => d.Id is "AD0001" or "LG9999") is { } analyzerError)
            {
                analyzerExceptions++;
                failures.Add($"{Where()}: analyzer: {analyzerError}\n{mutated[target].Text}");
            }
            foreach (var name in NotCompiled(run))
            {
                // A method left eager must say so: an LG diagnostic inside a method of that name (unless its declaration is
                // under '#line hidden', where the compiler drops analyzer diagnostics).
                bool hidden = run.Output.SyntaxTrees.Where(t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).SelectMany(t => t.GetRoot().DescendantNodes()
                    .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Where(m => m.Identifier.ValueText == name).Select(m => GeneratorHarness.IsHidden(t, m.Identifier.SpanStart))).DefaultIfEmpty(false).All(h => h);
                bool said = hidden || analyzerDiagnostics.Concat(run.GeneratorDiagnostics).Any(d => d.Id.StartsWith("LG", StringComparison.Ordinal) && d.Location.SourceTree is { } t
                    && t.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == name));
                eagerByKind[kinds] = eagerByKind.GetValueOrDefault(kinds) + 1;
                if (!said)
                {
                    silentlyEager++;
                    failures.Add($"{Where()}: {name} is not compiled and no diagnostic says so\n{run.AllGeneratedText.Split('\n').First(l => l.Contains(" " + name + " is not compiled", StringComparison.Ordinal))}\n{mutated[target].Text}");
                }
            }
            if (!compare) continue;
            var mutatedTypes = mutated.Where(f => !set.Contains(f) || f.Path == set[target].Path)
                .SelectMany(f => CSharpSyntaxTree.ParseText(f.Text, GeneratorHarness.ParseOptions).GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax>())
                .Select(t => t.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
            try
            {
                compared += KernelRunner.CompareAll(KernelRunner.Load(run.Output), seed: k, type => mutatedTypes.Contains(type.Name.Split('`')[0]));
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException or System.Reflection.TargetInvocationException)
            {
                mismatches++;
                failures.Add($"{Where()}: compiled and eager differ: {e.Message}\n{mutated[target].Text}");
            }
        }
        output.WriteLine($"seed {seed}: {cases} rewritten projects, {compiling} compile as C#, {compared} compiled entries compared with eager; "
            + $"generator exceptions {generatorExceptions}, internal errors {internalErrors}, analyzer exceptions {analyzerExceptions}, uncompilable outputs {brokenOutputs}, mismatches {mismatches}, eager methods with no diagnostic {silentlyEager}");
        output.WriteLine("methods left eager, by kinds: " + string.Join(", ", eagerByKind.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine("rewrites that do not compile as C#, by kinds: " + string.Join(", ", invalid.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
        foreach (var f in failures.Take(5)) output.WriteLine("---- failure\n" + f[..Math.Min(f.Length, 20000)]);
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures; first:\n{failures.FirstOrDefault()}");
        Assert.True(compiling >= cases / 3, $"only {compiling} of {cases} rewritten projects compile: the rewrites test too little valid code");
    }

    /// <summary>The methods the generated files say are not compiled.</summary>
    private static IEnumerable<string> NotCompiled(GeneratorRun run) =>
        run.AllGeneratedText.Split('\n').Select(l => System.Text.RegularExpressions.Regex.Match(l, @"// LoopGen: (\S+) is not compiled")).Where(m => m.Success).Select(m => m.Groups[1].Value);

    /// <summary>
    /// The rewrites' compilation: the runtime also under an extern alias, unsafe code allowed, an executable when a
    /// file holds top-level statements.
    /// </summary>
    private static CSharpCompilation Compilation((string Path, string Text)[] files)
    {
        var compilation = GeneratorHarness.Compilation(files);
        var runtime = compilation.References.OfType<PortableExecutableReference>().First(r => Path.GetFileName(r.FilePath) == "LoopGen.Runtime.dll");
        compilation = compilation.ReplaceReference(runtime, runtime.WithAliases(["global", PreservingMutator.RuntimeAlias]));
        var options = compilation.Options.WithAllowUnsafe(true);
        if (files.Any(f => f.Path == "Program.cs")) options = options.WithOutputKind(OutputKind.ConsoleApplication);
        return compilation.WithOptions(options);
    }
}
