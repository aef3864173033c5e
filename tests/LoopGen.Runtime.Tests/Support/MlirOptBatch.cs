using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using LoopGen.Ir;
using LoopGen.Ir.Text;
using LoopGen.Ir.Verification;

namespace LoopGen.Tests.Support;

/// <summary>
/// Feeds the printed text of every module the tests compile (each distinct text once) to <c>mlir-opt</c>, in batches
/// of <see cref="BatchSize"/> split with <c>// -----</c>: the in-process verifier checks StableHLO's op rules, this checks
/// that the text is what MLIR parses. A rejected batch fails the compile that filled it, naming the module; what is
/// left at the end of the run is checked at process exit and reported on stderr. Off where mlir-opt is absent.
/// </summary>
internal static class MlirOptBatch
{
    public const int BatchSize = 48;

    private static readonly object s_lock = new();
    private static readonly HashSet<string> s_seen = [];
    private static List<string> s_pending = [];

    /// <summary>Modules sent to mlir-opt so far, and batches run (for the run's summary).</summary>
    public static int Checked { get; private set; }

#pragma warning disable CA2255 // a test assembly's own hook: installed once, before any test compiles a module
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (MlirOpt.Path is null || Environment.GetEnvironmentVariable("LOOPGEN_MLIR_OPT_ALL") == "0") return;
        IrVerifier.ModuleVerified += OnVerified;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            List<string> rest;
            lock (s_lock) (rest, s_pending) = (s_pending, []);
            var failure = Check(rest);
            if (failure is not null) Console.Error.WriteLine(failure);
        };
    }

    private static void OnVerified(Module module)
    {
        var text = MlirPrinter.Print(module);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        List<string> batch;
        lock (s_lock)
        {
            if (!s_seen.Add(key)) return;
            s_pending.Add(text);
            if (s_pending.Count < BatchSize) return;
            (batch, s_pending) = (s_pending, []);
        }
        var failure = Check(batch);
        if (failure is not null) throw new InvalidOperationException(failure);
    }

    /// <summary>Null when mlir-opt accepts every text; else its errors and the first text it rejects on its own.</summary>
    private static string? Check(List<string> texts)
    {
        if (texts.Count == 0) return null;
        lock (s_lock) Checked += texts.Count;
        var (code, errors) = Run(string.Join("\n// -----\n", texts), split: true);
        if (code == 0) return null;
        foreach (var t in texts)
        {
            var (one, oneErrors) = Run(t, split: false);
            if (one != 0) return $"mlir-opt rejected a module the tests compiled (exit {one}):\n{oneErrors}\n--- text ---\n{t}";
        }
        return $"mlir-opt rejected a batch of {texts.Count} modules (exit {code}):\n{errors}";
    }

    private static (int Code, string Errors) Run(string text, bool split) => MlirOpt.Run(text, split);
}
