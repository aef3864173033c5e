using System.Diagnostics;

namespace LoopGen.Tests.Support;

/// <summary>Finds and runs the real MLIR parser (<c>mlir-opt</c>) to check the text LoopGen prints.</summary>
internal static class MlirOpt
{
    private const string DebianPath = "/usr/lib/llvm-19/bin/mlir-opt";

    private static readonly Lazy<string?> s_path = new(Locate);

    /// <summary>The executable: <c>mlir-opt</c> on PATH first, then Debian's llvm-19 location; null when absent.</summary>
    public static string? Path => s_path.Value;

    private static string? Locate()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = System.IO.Path.Combine(dir, "mlir-opt");
            if (File.Exists(candidate)) return candidate;
        }
        return File.Exists(DebianPath) ? DebianPath : null;
    }

    /// <summary>Runs <c>mlir-opt --allow-unregistered-dialect</c> on the text; returns the exit code and stderr.</summary>
    public static (int ExitCode, string Errors) Check(string mlirText) => Run(mlirText, splitInputFile: false);

    /// <summary>Runs mlir-opt on the text (with <c>--split-input-file</c>: each <c>// -----</c> part on its own).</summary>
    public static (int ExitCode, string Errors) Run(string mlirText, bool splitInputFile)
    {
        var exe = Path ?? throw new InvalidOperationException("mlir-opt not found");
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"loopgen-{Guid.NewGuid():N}.mlir");
        File.WriteAllText(file, mlirText);
        try
        {
            var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("--allow-unregistered-dialect");
            if (splitInputFile) psi.ArgumentList.Add("--split-input-file");
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add("/dev/null");
            psi.ArgumentList.Add(file);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            stdout.Wait();
            p.WaitForExit();
            return (p.ExitCode, stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Asserts that mlir-opt accepts the text, showing its diagnostics and the text when it does not.</summary>
    public static void AssertParses(string mlirText)
    {
        var (code, errors) = Check(mlirText);
        Assert.True(code == 0, $"mlir-opt rejected the text (exit {code}):\n{errors}\n--- text ---\n{mlirText}");
    }
}
