using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Analyzers.Tests.Support;

/// <summary>
/// Compiles C# in memory against the .NET 10 reference assemblies and the LoopGen runtime (with the SDK's implicit usings),
/// runs <see cref="LoopGenAnalyzer"/> on it and compares its diagnostics with the ones marked in the source.
/// </summary>
internal static class AnalyzerHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>What <c>ImplicitUsings</c> gives a console or library project.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>
    /// What a user's project references: the .NET 10 reference assemblies (from a package, not this test host's own
    /// runtime, so the tests see the public surface a user compiles against), the LoopGen runtime and its dependency.
    /// </summary>
    public static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(Tensor).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location),
    ]);

    /// <summary>Compilation options; LG0013 (off by default) can be switched on as a user would in .editorconfig.</summary>
    public static CSharpCompilationOptions Options(bool enableAll) =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(enableAll
                ? [new KeyValuePair<string, ReportDiagnostic>(DiagnosticIds.RecompilesPerValue, ReportDiagnostic.Info)]
                : []);

    public static CSharpCompilation Compilation(IEnumerable<(string Path, string Text)> sources, bool enableAll = false) =>
        CSharpCompilation.Create(
            "LoopGen.UserCode",
            sources.Append((Path: "GlobalUsings.cs", Text: GlobalUsings)).Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            Options(enableAll));

    /// <summary>The LoopGen diagnostics of the analyzer on <paramref name="compilation"/>, after checking the code itself compiles.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Microsoft.CodeAnalysis.Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test source does not compile:\n" + string.Join("\n", errors));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new LoopGenAnalyzer());
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var all = compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        // AD0001 (an analyzer exception) must never happen: it is checked with the LoopGen ids.
        return [.. all.Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal) || d.Id == "AD0001").OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>Asserts the analyzer reports exactly the diagnostics marked in <paramref name="markup"/>; returns them (for message checks).</summary>
    public static ImmutableArray<Diagnostic> Verify(string markup, bool enableAll = false)
    {
        var (source, expected) = Markup.Parse(markup);
        var actual = Analyze(Compilation([("Source.cs", source)], enableAll));
        var actualPairs = actual.Select(d => (d.Id, d.Location.SourceSpan)).ToList();
        Assert.True(
            expected.SequenceEqual(actualPairs),
            "expected:\n" + string.Join("\n", expected.Select(e => $"  {e.Id} '{source.Substring(e.Span.Start, e.Span.Length)}'"))
            + "\nactual:\n" + string.Join("\n", actual.Select(d => $"  {d.Id} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage()}")));
        return actual;
    }
}
