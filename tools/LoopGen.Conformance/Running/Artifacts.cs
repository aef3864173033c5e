using System.Text.Json;
using LoopGen.Conformance.Corpus;
using LoopGen.Ir;

namespace LoopGen.Conformance.Running;

/// <summary>
/// What a run leaves for tools/gpu/*.py: per case <c>module.mlir</c>, <c>arg*.npy</c>, <c>expected*.npy</c> (the
/// interpreter), <c>pjrt*.npy</c> (the backend under test, when it ran) and <c>case.json</c>.
/// </summary>
public static class Artifacts
{
    /// <summary>Writes one case's folder under <paramref name="root"/>/cases.</summary>
    public static void WriteCase(string root, ConformanceCase c, Array[] expected, Array[]? actual, Agreement? agreement, string? error)
    {
        var dir = Path.Combine(root, "cases", c.Slug);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "module.mlir"), c.Text);
        for (int i = 0; i < c.Inputs.Count; i++) Write(Path.Combine(dir, $"arg{i}.npy"), c.Inputs[i], c.InputTypes[i]);
        for (int i = 0; i < expected.Length; i++) Write(Path.Combine(dir, $"expected{i}.npy"), expected[i], c.ResultTypes[i]);
        if (actual is not null)
        {
            for (int i = 0; i < actual.Length; i++) Write(Path.Combine(dir, $"pjrt{i}.npy"), actual[i], c.ResultTypes[i]);
        }
        var verdict = error is not null ? "error: " + error : agreement!.Agrees ? "agree" : "differ";
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = c.Name,
            ["args"] = c.Inputs.Count,
            ["results"] = c.ResultTypes.Count,
            ["rtol"] = c.RelativeTolerance,
            ["atol"] = c.AbsoluteTolerance,
            ["pjrt"] = verdict,
        }, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(dir, "case.json"), json + "\n");
    }

    private static void Write(string path, Array data, TensorType type) => File.WriteAllBytes(path, Npy.Encode(data, type.Shape.Dims));
}
