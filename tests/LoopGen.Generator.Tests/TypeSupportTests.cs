using LoopGen.Generator.Parsing;
using LoopGen.Generator.Tests.Support;
using Microsoft.CodeAnalysis;

namespace LoopGen.Generator.Tests;

/// <summary>
/// How the compiled entry converts the twin's result back to the method's return type, and which twin parameter
/// types an original argument converts to. (With the placeholder lifter twins keep the original types, so the
/// snapshots do not show these conversions yet.)
/// </summary>
public sealed class TypeSupportTests
{
    private static ITypeSymbol ReturnTypeOf(string signature)
    {
        var compilation = GeneratorHarness.Compilation("using LoopGen;\npublic static class C { public static " + signature + " => default!; }");
        return compilation.GetTypeByMetadataName("C")!.GetMembers("M").OfType<IMethodSymbol>().Single().ReturnType;
    }

    [Theory]
    [InlineData("Tensor M()", "global::LoopGen.Tensor", "__r")]
    [InlineData("int M()", "int", "__r")]
    [InlineData("int M()", "global::LoopGen.Tensor", "__r.Item<int>()")]
    [InlineData("bool M()", "global::LoopGen.Tensor", "__r.Item<bool>()")]
    [InlineData("double M()", "global::LoopGen.Tensor", "__r.Item<double>()")]
    [InlineData("(Tensor A, int B) M()", "(global::LoopGen.Tensor A, global::LoopGen.Tensor B)", "(__r.Item1, __r.Item2.Item<int>())")]
    [InlineData("(Tensor A, int B) M()", "(global::LoopGen.Tensor, int)", "__r")]
    [InlineData("(long, (float, Tensor)) M()", "(global::LoopGen.Tensor, (global::LoopGen.Tensor, global::LoopGen.Tensor))", "(__r.Item1.Item<long>(), (__r.Item2.Item1.Item<float>(), __r.Item2.Item2))")]
    [InlineData("Tensor[] M()", "global::LoopGen.Tensor[]", "__r")]
    public void ResultConversion(string signature, string twin, string expected) =>
        Assert.Equal(expected, TypeSupport.ConvertResult(ReturnTypeOf(signature), twin, "__r"));

    [Theory]
    [InlineData("Tensor M()", "int")]
    [InlineData("int M()", "long")]
    [InlineData("(Tensor, int) M()", "(global::LoopGen.Tensor, int, int)")]
    [InlineData("Tensor[] M()", "global::LoopGen.Tensor")]
    public void MismatchedTwinTypesAreRejected(string signature, string twin) =>
        Assert.Null(TypeSupport.ConvertResult(ReturnTypeOf(signature), twin, "__r"));

    [Theory]
    [InlineData("int M()", "global::LoopGen.Tensor", true)]
    [InlineData("(int, float) M()", "(global::LoopGen.Tensor, global::LoopGen.Tensor)", true)]
    [InlineData("Tensor M()", "int", false)]
    public void ArgumentConversion(string signature, string twin, bool converts) =>
        Assert.Equal(converts, TypeSupport.ArgumentConverts(ReturnTypeOf(signature), twin));
}

/// <summary>The C# facts the entry relies on: a primitive or a tuple of primitives passes to the twin's tensor parameters implicitly.</summary>
public sealed class ArgumentConversionFacts
{
    [Fact]
    public void TuplesOfPrimitivesConvertImplicitlyToTuplesOfTensors()
    {
        var compilation = GeneratorHarness.Compilation("""
            using LoopGen;

            public static class C
            {
                private static (Tensor, Tensor) Twin((Tensor, Tensor) t, Tensor n) => t;

                public static (Tensor, Tensor) Entry((int, float) t, int n) => Twin(t, n);
            }
            """);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
