using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LoopGen.Docs.Tests.Support;

/// <summary>What compiling a snippet gave: the C# errors and warnings, and the LoopGen diagnostics.</summary>
/// <param name="Source">The file compiled (the snippet, wrapped where its marker says so).</param>
/// <param name="Compiler">Errors and warnings of the compilation with the generator's output, emit included.</param>
/// <param name="LoopGen">What the package's analyzers reported, every severity.</param>
internal sealed record SnippetResult(string Source, IReadOnlyList<Diagnostic> Compiler, IReadOnlyList<Diagnostic> LoopGen);

/// <summary>
/// Compiles a snippet the way a new console project that references the package would: C# latest, the implicit
/// usings of <c>dotnet new console</c>, an executable when it has top-level statements (a library otherwise), the
/// .NET 10 reference assemblies and the package's library; the package's generator runs, the interceptor namespaces of
/// its props are accepted, and its analyzers run as shipped, plus the off-by-default rules the caller turns on (as a
/// user would in .editorconfig).
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The global usings of a <c>dotnet new console</c> project (ImplicitUsings=enable), plus <c>LoopGen</c> where a snippet's marker says <c>members</c>.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Compiles <paramref name="code"/> as the file <paramref name="path"/>, with the rules <paramref name="enable"/> on.</summary>
    public static SnippetResult Compile(string path, string code, IEnumerable<string> enable)
    {
        var package = Package.Instance;
        var parse = new CSharpParseOptions(LanguageVersion.Latest)
            .WithFeatures([new("InterceptorsNamespaces", package.InterceptorsNamespaces)]);
        var tree = CSharpSyntaxTree.ParseText(code, parse, path);
        var usings = CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs");
        bool program = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(package.Analyzers.SelectMany(a => a.SupportedDiagnostics)
                .Where(d => !d.IsEnabledByDefault && enable.Contains(d.Id))
                .Select(d => KeyValuePair.Create(d.Id, ReportDiagnostic.Warn)));
        var references = Basic.Reference.Assemblies.Net100.References.All
            .Append(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(package.Library));
        var compilation = CSharpCompilation.Create("Snippet", [tree, usings], references, options);

        var driver = CSharpGeneratorDriver.Create(package.Generators.Select(GeneratorExtensions.AsSourceGenerator), parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);

        using var peStream = new MemoryStream();
        var emit = generated.Emit(peStream);
        var compiler = generatorDiagnostics.Concat(emit.Diagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.Id.StartsWith("LG", StringComparison.Ordinal))
            .Distinct().ToList();
        var loopGen = compilation.WithAnalyzers([.. package.Analyzers])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Concat(generatorDiagnostics.Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal)))
            .ToList();
        return new SnippetResult(code, compiler, loopGen);
    }
}
