using System.Reflection;
using System.Runtime.Loader;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Tests;

/// <summary>A [Compile] method of a class library, called from a project that references the library.</summary>
public sealed class CrossAssemblyTests
{
    private const string Library = """
        using LoopGen;

        namespace Lib;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Step(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = x * 0.5f + 1f;
                return x;
            }

            [Compile]
            public static Tensor NotCompiled(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) { System.Console.WriteLine(i); x = x + 1f; }
                return x;
            }
        }
        """;

    private const string App = """
        using LoopGen;

        namespace App;

        public static partial class Program
        {
            public static Tensor Run(Tensor x) => Lib.Kernels.Step(x, 3) + Lib.Kernels.NotCompiled(x, 1);

            [Compile]
            public static Tensor Twice(Tensor x)
            {
                for (int i = 0; i < 2; i++) x = Lib.Kernels.Step(x, 2);
                return x;
            }
        }
        """;

    [Fact]
    public void PlainCallsGoToTheLibrarysCompiledEntryAndAgree()
    {
        var libRun = GeneratorHarness.Run(GeneratorHarness.Compilation(("Lib.cs", Library)).WithAssemblyName("UserLib"));
        libRun.AssertNoGeneratorFailure();
        Assert.Empty(libRun.ErrorsInGeneratedCode);
        var libImage = Emit(libRun.Output);

        var app = GeneratorHarness.Compilation(("App.cs", App)).WithAssemblyName("UserApp").AddReferences(MetadataReference.CreateFromImage(libImage));
        var run = GeneratorHarness.Run(app);
        run.AssertClean();
        var referenced = Assert.Single(run.Sources, s => s.HintName == "LoopGen.ReferencedInterceptors.g.cs").SourceText.ToString();
        // Step has a compiled entry in the library: its plain call in Run is intercepted. NotCompiled has none: its call stays.
        Assert.Contains("=> global::Lib.Kernels.StepCompiled(x, n);", referenced, StringComparison.Ordinal);

        Assert.DoesNotContain("NotCompiled", referenced, StringComparison.Ordinal);
        // A [Compile] method of the app calling the library's: traced inline through the public entry.
        Assert.True(run.AllGeneratedText.Contains("global::Lib.Kernels.StepCompiled(x, 2)", StringComparison.Ordinal), run.AllGeneratedText);

        var libAssembly = Assembly.Load(libImage);
        Assembly? Resolve(AssemblyLoadContext _, AssemblyName name) => name.Name == "UserLib" ? libAssembly : null;
        AssemblyLoadContext.Default.Resolving += Resolve;
        try
        {
            var appAssembly = Assembly.Load(Emit(run.Output));
            var x = Tensor.From(new[] { 1f, 2f, -3f }, 3);
            var program = appAssembly.GetType("App.Program")!;
            var kernels = libAssembly.GetType("Lib.Kernels")!;
            var eagerStep = (Tensor)kernels.GetMethod("StepEager")!.Invoke(null, [x, 3])!;
            var eagerOther = (Tensor)kernels.GetMethod("NotCompiled")!.Invoke(null, [x, 1])!;
            var result = (Tensor)program.GetMethod("Run")!.Invoke(null, [x])!;
            Assert.Equal((eagerStep + eagerOther).ToArray<float>(), result.ToArray<float>());
            var twice = (Tensor)program.GetMethod("TwiceCompiled")!.Invoke(null, [x])!;
            var expected = (Tensor)kernels.GetMethod("StepEager")!.Invoke(null, [(Tensor)kernels.GetMethod("StepEager")!.Invoke(null, [x, 2])!, 2])!;
            Assert.Equal(expected.ToArray<float>(), twice.ToArray<float>());
        }
        finally
        {
            AssemblyLoadContext.Default.Resolving -= Resolve;
        }
    }

    private static byte[] Emit(Microsoft.CodeAnalysis.Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }
}
