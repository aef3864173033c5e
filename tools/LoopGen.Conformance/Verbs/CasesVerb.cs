using System.CommandLine;
using System.Globalization;
using System.Text;
using LoopGen.Backends;
using LoopGen.Backends.Interpreter;
using LoopGen.Conformance.Cli;
using LoopGen.Conformance.Corpus;
using LoopGen.Conformance.Running;

namespace LoopGen.Conformance.Verbs;

/// <summary>
/// <c>cases [--out DIR] [--seed S] [--filter TEXT]</c>: every corpus case on the backend under test and on the
/// interpreter (the oracle), one line per case, and the artifacts JAX needs to run the very same text.
/// </summary>
internal static class CasesVerb
{
    public static Command Create(Option<string> backend, Option<string?> plugin)
    {
        var output = new Option<string?>("--out") { Description = "Write module.mlir, inputs, expected and actual results per case here", HelpName = "DIR" };
        var seed = new Option<int?>("--seed") { Description = "Seed for the inputs (default: random, printed)", HelpName = "S" };
        var filter = new Option<string?>("--filter") { Description = "Only cases whose name contains this", HelpName = "TEXT" };
        var command = new Command("cases", "Run every conformance case on the backend and compare with the interpreter") { output, seed, filter };
        command.SetAction(parse => BackendSpec.Run(parse, backend, plugin, chosen =>
            Execute(parse.InvocationConfiguration.Output, chosen, parse.GetValue(seed) ?? Random.Shared.Next(), parse.GetValue(filter), parse.GetValue(output))));
        return command;
    }

    /// <summary>Runs the cases; <see cref="Exit.Agree"/> when all agree, else <see cref="Exit.Differ"/>.</summary>
    public static int Execute(TextWriter output, IBackend backend, int seed, string? filter, string? outDir)
    {
        var cases = ConformanceCorpus.Build(seed).Where(c => filter is null || c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        output.WriteLine($"LoopGen conformance: {cases.Count} cases on {BackendSpec.Describe(backend)} against the interpreter; seed {seed}");
        var summary = new StringBuilder("| case | result | max abs diff | compile (ms) | run (ms) |\n| --- | --- | ---: | ---: | ---: |\n");
        int failed = 0;
        foreach (var c in cases)
        {
            var expected = CaseRunner.Run(InterpreterBackend.Instance, c).Results;
            Array[]? actual = null;
            Agreement? agreement = null;
            string? error = null;
            string line;
            try
            {
                var (results, compile, run) = CaseRunner.Run(backend, c);
                actual = results;
                agreement = Agreement.Of(expected, results, c.RelativeTolerance, c.AbsoluteTolerance);
                var verdict = agreement.Agrees ? "agree" : "DIFFER: " + agreement.Detail;
                line = string.Create(CultureInfo.InvariantCulture, $"| {c.Name} | {verdict} | {agreement.MaxAbsDiff:G3} | {compile.TotalMilliseconds:F1} | {run.TotalMilliseconds:F2} |");
            }
            catch (Exception e)
            {
                error = e.Message.ReplaceLineEndings(" ");
                line = $"| {c.Name} | ERROR: {error} | | | |";
            }
            if (error is not null || !agreement!.Agrees) failed++;
            output.WriteLine(line);
            summary.AppendLine(line);
            if (outDir is not null) Artifacts.WriteCase(outDir, c, expected, actual, agreement, error);
        }
        var verdictLine = failed == 0 ? $"all {cases.Count} cases agree with the interpreter" : $"{failed} of {cases.Count} cases differ or fail";
        output.WriteLine(verdictLine);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "summary.md"),
                $"# LoopGen conformance on {BackendSpec.Describe(backend)}\n\nSeed {seed}. {verdictLine}.\n\n{summary}");
        }
        return failed == 0 ? Exit.Agree : Exit.Differ;
    }
}
