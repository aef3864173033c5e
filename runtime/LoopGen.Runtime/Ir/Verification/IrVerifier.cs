namespace LoopGen.Ir.Verification;

/// <summary>
/// Checks a module against the StableHLO specification's op constraints (docs/design.md, "Verifying the IR"): types and
/// shapes of every op LoopGen emits, region signatures, terminators and SSA dominance. The real StableHLO verifier
/// (stablehlo-opt, a PJRT plugin's parser) rejects such modules too; this one runs in process, on the IR, and names
/// the op, where it is, the spec's constraint id and the shapes.
/// </summary>
public static class IrVerifier
{
    /// <summary>The <see cref="AppContext"/> switch that turns <see cref="VerifyBeforeCompile"/> on (a test project's runtimeconfig sets it).</summary>
    public const string SwitchName = "LoopGen.VerifyIr";

    private static readonly AsyncLocal<bool> s_suspended = new();
    private static bool s_enabled = ReadSwitch();

    /// <summary>
    /// When true, every module is verified before a backend compiles it, every lowered module when it is made, and every
    /// eager op before it runs. Off by default (the runtime's own emission is verified by its tests); on with the
    /// <see cref="AppContext"/> switch <c>LoopGen.VerifyIr</c> or the environment variable <c>LOOPGEN_VERIFY_IR=1</c> (which, when set, wins).
    /// </summary>
    public static bool VerifyBeforeCompile
    {
        get => s_enabled;
        set => s_enabled = value;
    }

    /// <summary>Verifies every function of <paramref name="module"/>; throws <see cref="IrVerificationException"/> at the first broken rule.</summary>
    public static void Verify(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var names = new HashSet<string>();
        foreach (var f in module.Functions)
        {
            if (!names.Add(f.Name)) throw new IrVerificationException("func.func", "@" + f.Name, "symbol", $"module @{module.Name} defines @{f.Name} twice");
            Verify(f);
        }
    }

    /// <summary>Verifies one function: its body, its ops, and that <c>func.return</c> matches its result types.</summary>
    public static void Verify(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        new BlockWalker(function.Name).Function(function);
    }

    /// <summary>Verifies one op run on its own (eager mode): its operands come from outside, its regions use only their arguments.</summary>
    public static void Verify(Operation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        new BlockWalker("eager").LooseOp(op);
    }

    /// <summary>
    /// Raised with each module that passed the before-compile check (<see cref="VerifyBeforeCompile"/>), for tools that
    /// check it further: LoopGen's tests print it and feed the text to <c>mlir-opt</c>. A handler that throws fails the compile.
    /// </summary>
    public static event Action<Module>? ModuleVerified;

    internal static void IfEnabled(Module module)
    {
        if (!s_enabled || s_suspended.Value) return;
        Verify(module);
        ModuleVerified?.Invoke(module);
    }

    internal static void IfEnabled(Function function)
    {
        if (!s_enabled || s_suspended.Value) return;
        Verify(function);
        if (ModuleVerified is { } handlers) handlers(new Module("verified", [function]));
    }

    internal static void IfEnabled(Operation op)
    {
        if (s_enabled && !s_suspended.Value) Verify(op);
    }

    /// <summary>
    /// Turns the before-compile check off in this async flow until disposed: for tests of the interpreter's own checks on
    /// hand-built bad IR, which would otherwise meet the verifier first.
    /// </summary>
    internal static IDisposable Suspend()
    {
        var previous = s_suspended.Value;
        s_suspended.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => s_suspended.Value = previous;
    }

    private static bool ReadSwitch()
    {
        // The environment wins, so a run can turn off what a test project's runtimeconfig turns on (to measure it).
        var env = Environment.GetEnvironmentVariable("LOOPGEN_VERIFY_IR");
        if (!string.IsNullOrEmpty(env)) return env is "1" or "true" or "TRUE" or "True";
        return AppContext.TryGetSwitch(SwitchName, out bool on) && on;
    }
}
