using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LoopGen.Generator.Tests.Support;

/// <summary>
/// Compiles C# in memory against the running app's framework and the LoopGen runtime, and runs the generator on it
/// with step tracking on, the way the compiler does in a build.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>Parse options of every test compilation: latest C#, doc comments checked, interceptors enabled for LoopGen's namespace.</summary>
    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose)
        .WithFeatures([new("InterceptorsNamespaces", "LoopGen.Generated")]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            // This app's own assemblies (the tests, the generator) are not what user code references.
            .Where(p => !Path.GetFileName(p).StartsWith("LoopGen.", StringComparison.Ordinal))
            .Append(typeof(Tensor).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    /// <summary>A library compilation of <paramref name="sources"/> (path, text).</summary>
    public static CSharpCompilation Compilation(params (string Path, string Text)[] sources) =>
        CSharpCompilation.Create(
            "LoopGen.UserCode",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A compilation of one file, <c>Source.cs</c>.</summary>
    public static CSharpCompilation Compilation(string source) => Compilation(("Source.cs", source));

    /// <summary>A fresh driver for the generator, tracking steps.</summary>
    public static GeneratorDriver Driver() => CSharpGeneratorDriver.Create(
        [new LoopGenGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator on <paramref name="compilation"/> with <paramref name="driver"/> (a new one by default).</summary>
    public static GeneratorRun Run(Microsoft.CodeAnalysis.Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? Driver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(driver, driver.GetRunResult(), output, generatorDiagnostics);
    }

    /// <summary>
    /// Whether <paramref name="position"/> is hidden by <c>#line hidden</c> (a line under it, or before the file's first
    /// #line in a file that has one): the compiler reports no analyzer diagnostic there.
    /// </summary>
    public static bool IsHidden(SyntaxTree tree, int position) => tree.GetLineVisibility(position) switch
    {
        LineVisibility.Hidden => true,
        LineVisibility.BeforeFirstLineDirective => tree.HasHiddenRegions(),
        _ => false,
    };

    /// <summary>Runs the generator on one source file.</summary>
    public static GeneratorRun Run(string source) => Run(Compilation(source));
}

/// <summary>What one generator run produced.</summary>
/// <param name="Driver">The driver after the run (run it again on an edited compilation for incrementality).</param>
/// <param name="Result">The run result: generated sources, exceptions, tracked steps.</param>
/// <param name="Output">The compilation with the generated files added.</param>
/// <param name="GeneratorDiagnostics">Diagnostics the driver reported (a generator exception shows here as CS8785).</param>
internal sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Microsoft.CodeAnalysis.Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated files, by hint name.</summary>
    public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();

    /// <summary>All generated files as one text, each under a header with its hint name (what a snapshot holds).</summary>
    public string AllGeneratedText => string.Join("\n", Sources.Select(s => "// ---- " + s.HintName + " ----\n" + s.SourceText));

    /// <summary>
    /// The compiler's errors and warnings on the output compilation, except missing-doc warnings on the test's own
    /// code (the generated code must document what it makes public, so CS1591 still counts there).
    /// </summary>
    public IReadOnlyList<Diagnostic> CompilerProblems => Output.GetDiagnostics()
        .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
        .Where(d => !(d.Id == "CS1591" && !IsGenerated(d.Location.SourceTree)))
        .ToList();

    /// <summary>Errors located in generated files only.</summary>
    public IReadOnlyList<Diagnostic> ErrorsInGeneratedCode => Output.GetDiagnostics()
        .Where(d => d.Severity == DiagnosticSeverity.Error && IsGenerated(d.Location.SourceTree))
        .ToList();

    /// <summary>Asserts the generator did not throw (no exception in the result, no CS8785 and no other driver diagnostic).</summary>
    public void AssertNoGeneratorFailure()
    {
        foreach (var r in Result.Results) Assert.Null(r.Exception);
        Assert.Empty(GeneratorDiagnostics);
    }

    /// <summary>Asserts the generator did not throw and the output compiles with no warning at all.</summary>
    public void AssertClean()
    {
        AssertNoGeneratorFailure();
        var problems = CompilerProblems;
        Assert.True(problems.Count == 0, "compiler diagnostics:\n" + string.Join("\n", problems) + "\n\n" + AllGeneratedText);
    }

    private static bool IsGenerated(SyntaxTree? tree) => tree is not null && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);
}
