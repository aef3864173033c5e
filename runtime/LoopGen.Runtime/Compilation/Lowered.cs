using LoopGen.Backends;
using LoopGen.Ir;

namespace LoopGen;

/// <summary>
/// A function traced for one signature but not run, like JAX's <c>jit(f).lower(x)</c>: the StableHLO text and
/// its statistics. <see cref="Compile"/> measures compilation on a backend without running anything.
/// </summary>
public sealed class Lowered
{
    internal Lowered(string name, Module module, string? text, TimeSpan traceTime)
    {
        Ir.Verification.IrVerifier.IfEnabled(module);
        Name = name;
        Module = module;
        _text = text;
        TraceTime = traceTime;
    }

    /// <summary>The compiled function's name.</summary>
    public string Name { get; }

    /// <summary>The module (the IR itself).</summary>
    public Module Module { get; }

    /// <summary>The canonical StableHLO text (generic MLIR op form), as sent to a backend; printed on first use.</summary>
    public string Text => _text ??= Ir.Text.MlirPrinter.Print(Module);

    private string? _text;

    /// <summary>The same module in StableHLO's pretty form, as JAX prints it (for people; <see cref="Text"/> is what runs).</summary>
    public string PrettyText => _pretty ??= Ir.Text.PrettyPrinter.Print(Module);

    private string? _pretty;

    /// <summary>Size of <see cref="Text"/> in UTF-8 bytes.</summary>
    public int TextBytes => System.Text.Encoding.UTF8.GetByteCount(Text);

    /// <summary>Number of operations, nested regions included, terminators not counted.</summary>
    public int OpCount => Module.CountOperations();

    /// <summary>Number of <c>stablehlo.while</c> operations (one per rolled loop).</summary>
    public int WhileCount => Module.CountOperations(Ops.While);

    /// <summary>How long tracing took.</summary>
    public TimeSpan TraceTime { get; }

    /// <summary>
    /// Compiles the module on <paramref name="backend"/> (default: the current one) as a call would, and returns how long
    /// that took; nothing runs and nothing is cached. The interpreter compiles the IR itself; other backends the text.
    /// </summary>
    public TimeSpan Compile(IBackend? backend = null)
    {
        var target = backend ?? Backend.Current;
        return target is Compilation.IModuleCompiler
            ? Compilation.CompileCache.Compile(target, "", Module).CompileTime
            : Compilation.CompileCache.Compile(target, Text, Module).CompileTime;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
