using LoopGen.Generator.Tests.Support;
using Xunit.Abstractions;
namespace LoopGen.Generator.Tests;
public sealed class ZzProbe(ITestOutputHelper o)
{
    [Fact]
    public void Probe()
    {
        var path = "/tmp/probe.cs";
        if (!File.Exists(path)) return;
        var run = GeneratorHarness.Run(GeneratorHarness.Compilation(("Probe.cs", File.ReadAllText(path)), ("G.cs", "global using LoopGen;\nglobal using System;\nglobal using System.Collections.Generic;\nglobal using System.Linq;\n")));
        foreach (var l in run.AllGeneratedText.Split('\n').Where(l => l.Contains("is not compiled", StringComparison.Ordinal))) o.WriteLine(l.Trim());
        foreach (var d in run.CompilerProblems) o.WriteLine("COMPILER: " + d);
        foreach (var d in run.GeneratorDiagnostics) o.WriteLine("GEN: " + d);
        if (Environment.GetEnvironmentVariable("PROBE_FULL") == "1") o.WriteLine(run.AllGeneratedText);
    }
}
