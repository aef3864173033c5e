using System.Diagnostics;
using System.Text;
using LoopGen.Analyzers.Tests.Support;

namespace LoopGen.Analyzers.Tests;

/// <summary>
/// The fixes without an IDE, as docs/diagnostics/README.md says to apply them: <c>dotnet format analyzers
/// --diagnostics LG0002 LG0006 LG0013 --severity info</c> on a project on disk that loads the analyzers and code fixes
/// as the package delivers them (Analyzer items), two files with every problem twice. All ids in one run (each fix
/// then gets diagnostics computed before the others edited the file), and a second run finds nothing left.
/// </summary>
public sealed class DotnetFormatTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("loopgen-format-").FullName;

    private const string Kernels = """
        using LoopGen;

        public static class Kernels
        {
            [Compile]
            public static Tensor Smooth(Tensor x, int n)
            {
                for (int i = 0; i < n; i++) x = (x + x * 0.5f) * 0.5f;
                return x;
            }

            [Compile]
            public static Tensor Crops(Tensor w, Tensor starts, int width)
            {
                int rows = w.Shape[0];
                var acc = Tensor.Zeros(DType.F32, rows, 0);
                for (int k = 0; k < starts.Shape[0]; k++)
                {
                    var crop = Tensor.DynamicSlice(w, [Tensor.Scalar(0), starts[k]], [rows, width]);
                    acc = Tensor.Concat([acc, crop], 1);
                }
                return acc;
            }
        }
        """;

    private const string KernelsFixed = """
        using LoopGen;

        public static partial class Kernels
        {
            [Compile]
            public static Tensor Smooth(Tensor x, [Dynamic] int n)
            {
                for (int i = 0; i < n; i++) x = (x + x * 0.5f) * 0.5f;
                return x;
            }

            [Compile]
            public static Tensor Crops(Tensor w, Tensor starts, int width)
            {
                int rows = w.Shape[0];
                var acc = Tensor.Zeros(DType.F32, rows, 0);
                var accParts = new List<Tensor>();
                for (int k = 0; k < starts.Shape[0]; k++)
                {
                    var crop = Tensor.DynamicSlice(w, [Tensor.Scalar(0), starts[k]], [rows, width]);
                    accParts.Add(crop);
                }
                acc = Tensor.Concat([acc, .. accParts], 1);
                return acc;
            }
        }
        """;

    private const string Nested = """
        namespace User
        {
            public static class Outer
            {
                public static class Inner
                {
                    [LoopGen.Compile]
                    public static LoopGen.Tensor Rows(LoopGen.Tensor xs, LoopGen.Tensor ys, int m)
                    {
                        var acc = xs[0];
                        foreach (var x in xs)
                            acc = LoopGen.Tensor.Concat([acc, x * 2f]);
                        var other = ys[0];
                        foreach (var y in ys)
                        {
                            other = LoopGen.Tensor.Concat([other, y + 1f]);
                        }
                        for (int i = 0; i < m; i++) acc = acc * 0.5f;
                        return LoopGen.Tensor.Concat([acc, other]);
                    }
                }
            }
        }
        """;

    private const string NestedFixed = """
        namespace User
        {
            public static partial class Outer
            {
                public static partial class Inner
                {
                    [LoopGen.Compile]
                    public static LoopGen.Tensor Rows(LoopGen.Tensor xs, LoopGen.Tensor ys, [LoopGen.Dynamic] int m)
                    {
                        var acc = xs[0];
                        var accParts = new List<LoopGen.Tensor>();
                        foreach (var x in xs)
                            accParts.Add(x * 2f);
                        acc = LoopGen.Tensor.Concat([acc, .. accParts]);
                        var other = ys[0];
                        var otherParts = new List<LoopGen.Tensor>();
                        foreach (var y in ys)
                        {
                            otherParts.Add(y + 1f);
                        }
                        other = LoopGen.Tensor.Concat([other, .. otherParts]);
                        for (int i = 0; i < m; i++) acc = acc * 0.5f;
                        return LoopGen.Tensor.Concat([acc, other]);
                    }
                }
            }
        }
        """;

    [Fact]
    public void DotnetFormatAppliesEveryFixInOneRunAndLeavesNothingToFix()
    {
        string project = WriteProject();
        string[] ids = ["--diagnostics", DiagnosticIds.TypeNotPartial, DiagnosticIds.CarryShapeVaries, DiagnosticIds.RecompilesPerValue, "--severity", "info"];

        var (exit, output) = Run(["format", "analyzers", project, .. ids, "--verbosity", "normal"]);
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("Unable to fix", output, StringComparison.Ordinal);
        Assert.Equal(Normalize(KernelsFixed), Normalize(File.ReadAllText(Path.Combine(_work, "Kernels.cs"))));
        Assert.Equal(Normalize(NestedFixed), Normalize(File.ReadAllText(Path.Combine(_work, "Nested.cs"))));

        // Nothing is left for a second run (exit 2 would mean it found something to change).
        var (again, againOutput) = Run(["format", "analyzers", project, .. ids, "--verify-no-changes", "--no-restore"]);
        Assert.True(again == 0, againOutput);
    }

    private string WriteProject()
    {
        // The generator with the analyzers, and the code fixes, as the package ships them (analyzers/dotnet/cs), beside this test; the runtime as a reference.
        string here = AppContext.BaseDirectory;
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), "<Project />\n");   // nothing from folders above
        File.WriteAllText(Path.Combine(_work, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(_work, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.LG0013.severity = suggestion\n");
        File.WriteAllText(Path.Combine(_work, "Kernels.cs"), Kernels);
        File.WriteAllText(Path.Combine(_work, "Nested.cs"), Nested);
        string project = Path.Combine(_work, "User.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <InterceptorsNamespaces>$(InterceptorsNamespaces);LoopGen.Generated</InterceptorsNamespaces>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(here, "LoopGen.Runtime.dll")}" />
                <Reference Include="{Path.Combine(here, "System.Numerics.Tensors.dll")}" />
                <Analyzer Include="{Path.Combine(here, "LoopGen.Generator.dll")}" />
                <Analyzer Include="{Path.Combine(here, "LoopGen.CodeFixes.dll")}" />
              </ItemGroup>
            </Project>
            """);
        return project;
    }

    private (int Exit, string Output) Run(string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = _work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host runs inside MSBuild's world (dotnet test); the child must find its own SDK.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} took more than 4 minutes:\n{output}");
        }
        process.WaitForExit();
        lock (gate) return (process.ExitCode, output.ToString());
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
