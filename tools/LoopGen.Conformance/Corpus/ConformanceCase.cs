using LoopGen.Compilation;
using LoopGen.Ir;

namespace LoopGen.Conformance.Corpus;

/// <summary>
/// One module as LoopGen compiles it (StableHLO text, generic form) with host inputs: what every backend must run to
/// the interpreter's results, and what JAX is given to run the very same text.
/// </summary>
public sealed class ConformanceCase
{
    private ConformanceCase(string name, string text, Array[] inputs, TensorType[] inputTypes, TensorType[] resultTypes, double relative, double absolute)
    {
        ResultTypes = resultTypes;
        Name = name;
        Text = text;
        Inputs = inputs;
        InputTypes = inputTypes;
        RelativeTolerance = relative;
        AbsoluteTolerance = absolute;
    }

    /// <summary>A short unique name, e.g. <c>loop/scan-reverse</c>.</summary>
    public string Name { get; }

    /// <summary>The module text.</summary>
    public string Text { get; }

    /// <summary>Row-major host arrays, one per parameter of <c>main</c>.</summary>
    public IReadOnlyList<Array> Inputs { get; }

    /// <summary>The parameter types of <c>main</c>.</summary>
    public IReadOnlyList<TensorType> InputTypes { get; }

    /// <summary>The result types of <c>main</c>.</summary>
    public IReadOnlyList<TensorType> ResultTypes { get; }

    /// <summary>Floating-point results may differ from the interpreter's by <c>atol + rtol * |expected|</c>.</summary>
    public double RelativeTolerance { get; }

    /// <summary>See <see cref="RelativeTolerance"/>.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary>A name usable as a folder name.</summary>
    public string Slug => string.Concat(Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    /// <summary>
    /// A case from a lowered function and the tensors it was lowered with. The function must close over no tensor:
    /// captured tensors become extra parameters whose values the case would not carry.
    /// </summary>
    public static ConformanceCase Of(string name, Lowered lowered, Tensor[] inputs, double relative = 1e-4, double absolute = 1e-5)
    {
        var parameters = lowered.Module.Main.Parameters;
        if (parameters.Count != inputs.Length)
        {
            throw new InvalidOperationException($"case '{name}': main takes {parameters.Count} parameters but {inputs.Length} inputs were given (does the function capture a tensor?)");
        }
        return new ConformanceCase(name, lowered.Text, [.. inputs.Select(Host)], [.. parameters.Select(p => p.Type)], [.. lowered.Module.Main.ResultTypes], relative, absolute);
    }

    private static Array Host(Tensor t) => t.DType switch
    {
        DType.F32 => t.ToArray<float>(),
        DType.F64 => t.ToArray<double>(),
        DType.S32 => t.ToArray<int>(),
        DType.S64 => t.ToArray<long>(),
        DType.Pred => t.ToArray<bool>(),
        _ => throw new NotSupportedException($"no conformance inputs of dtype {t.DType.Name()}"),
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
