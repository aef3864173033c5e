using System.Diagnostics;
using LoopGen.Ir;

namespace LoopGen.Tracing;

/// <summary>A function traced into a module, with what a call needs besides its own arguments.</summary>
/// <param name="Module">The module; <c>main</c> takes the explicit parameters, then <see cref="Captured"/>.</param>
/// <param name="Captured">Concrete tensors the function closed over, passed as trailing parameters.</param>
/// <param name="OutputTemplate">The traced outputs (symbolic), giving the results' structure and weak types.</param>
/// <param name="TraceTime">How long the trace took.</param>
internal sealed record TracedFunction(Module Module, IReadOnlyList<Tensor> Captured, Tensor[] OutputTemplate, TimeSpan TraceTime)
{
    /// <summary>The traced function's result as the user's type (a Tensor, tuple or array of symbolic tensors).</summary>
    public object? OutputObject { get; init; }
}

/// <summary>Runs a C# function on symbolic tensors and records the StableHLO it performs.</summary>
internal static class Tracer
{
    /// <summary>
    /// Traces <paramref name="fn"/> with one symbolic parameter per entry of <paramref name="inputs"/> (same
    /// type and weakness). Tensors the function uses from outside become extra parameters, never constants.
    /// </summary>
    public static TracedFunction Trace(string moduleName, IReadOnlyList<Tensor> inputs, Func<Tensor[], Tensor[]> fn)
    {
        var clock = Stopwatch.StartNew();
        var body = new Block();
        var scope = TraceScope.OpenFunction(body);
        Tensor[] outputs;
        Value[] results;
        int explicitCount = inputs.Count;
        try
        {
            var args = new Tensor[inputs.Count];
            for (int i = 0; i < args.Length; i++) args[i] = scope.Wrap(body.AddArgument(inputs[i].Type), inputs[i].IsWeak);
            outputs = fn(args);
            // A bounded output's valid lengths follow the outputs as extra s32 results; the call reads them once and
            // slices (Executor.Run), so the caller gets the eager shape (docs/bounded-sizes.md).
            results = [.. outputs.Select(scope.Use), .. outputs.Where(o => o.IsBounded).SelectMany(o => o.Bounds!.Axes.Select(a => scope.Use(o.Bounds.Lengths[a]!)))];
            body.Operations.Add(new Operation(Ops.FuncReturn, results, Array.Empty<TensorType>()));
        }
        finally
        {
            scope.Close();
        }

        // Captured tensors were appended as parameters in order of first use, after the explicit ones.
        var captured = scope.Captures.Select(c => c.Tensor).ToArray();
        var main = new Function("main", body, [.. results.Select(v => v.Type)]);
        var module = new Module(SanitizeName(moduleName), [main]);
        Debug.Assert(body.Arguments.Count == explicitCount + captured.Length, "parameters = explicit + captured");
        return new TracedFunction(module, captured, outputs, clock.Elapsed);
    }

    /// <summary>MLIR symbol names are letters, digits, '_', '$' and '.'; anything else becomes '_'.</summary>
    internal static string SanitizeName(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '$' ? c : '_').ToArray();
        var s = new string(chars);
        return s.Length == 0 || char.IsAsciiDigit(s[0]) ? "m_" + s : s;
    }
}
