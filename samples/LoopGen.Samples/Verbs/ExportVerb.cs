using System.CommandLine;
using LoopGen.Onnx;
using LoopGen.Samples.Catalog;
using LoopGen.Samples.Cli;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>export NAME [--unrolled] [--n N] [-o FILE]</c>: writes a sample's module as an ONNX model (each
/// <c>stablehlo.while</c> one ONNX <c>Loop</c>), to <c>NAME.onnx</c> unless <c>-o</c> says where. The node and loop
/// counts go to standard error.
/// </summary>
internal static class ExportVerb
{
    /// <summary>The <c>export</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var name = SampleArguments.Name(allowAll: false);
        var unrolled = new Option<bool>("--unrolled") { Description = "Export the unrolled control group instead" };
        var n = SampleArguments.TripCount();
        var output = new Option<string?>("--output", "-o") { Description = "The .onnx file to write (default: NAME.onnx)", HelpName = "FILE" };
        var command = new Command("export", "Write a sample's module as an ONNX model (one Loop per stablehlo.while)") { name, unrolled, n, output };
        command.SetAction(parse => VerbContext.Run(parse, backend,
            ctx => Execute(ctx, parse.GetRequiredValue(name), parse.GetValue(unrolled), parse.GetValue(n), parse.GetValue(output))));
        return command;
    }

    /// <summary>Exports <paramref name="name"/> to <paramref name="path"/> (or <c>NAME.onnx</c>).</summary>
    public static int Execute(VerbContext ctx, string name, bool unrolled, int? n, string? path)
    {
        if (string.Equals(name, SampleCatalog.Quadratic, StringComparison.OrdinalIgnoreCase))
        {
            ctx.Error.WriteLine($"error: '{SampleCatalog.Quadratic}' is not compiled, so it has no module (see: run quadratic)");
            return ExitCodes.Failed;
        }
        var sample = SampleCatalog.Find(name) ?? throw new ArgumentException($"no sample named '{name}'", nameof(name));
        Func<int, Lowered> lower = sample.Lower;
        if (unrolled)
        {
            if (sample.Unrolled is null)
            {
                ctx.Error.WriteLine($"error: '{sample.Name}' has no unrolled twin: its trip count is only known at run time, or it calls the loop API by hand");
                return ExitCodes.Failed;
            }
            lower = sample.Unrolled.Lower;
        }
        if (n is not null && sample.TripCount is null) ctx.Error.WriteLine($"note: --n ignored, '{sample.Name}' has a fixed or run-time trip count");
        var lowered = lower(sample.TripCount is null ? sample.DefaultN : n ?? sample.DefaultN);
        OnnxModel model;
        try
        {
            model = OnnxExport.ToModel(lowered);
        }
        catch (OnnxExportException e)
        {
            ctx.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        path ??= sample.Name + ".onnx";
        var bytes = model.ToBytes();
        File.WriteAllBytes(path, bytes);
        ctx.Output.WriteLine(path);
        ctx.Error.WriteLine($"// {lowered.Name}: {model.NodeCount} ONNX nodes, {model.CountNodes("Loop", Ir.Ops.While)} Loop for {lowered.WhileCount} stablehlo.while, {bytes.Length} bytes, opset {OnnxModel.Opset} ({(unrolled ? "unrolled" : "rolled")})");
        return ExitCodes.Ok;
    }
}
