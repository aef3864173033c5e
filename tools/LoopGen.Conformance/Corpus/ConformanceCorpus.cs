namespace LoopGen.Conformance.Corpus;

/// <summary>The conformance corpus: every op family and every loop form, with fresh inputs from a seed.</summary>
public static class ConformanceCorpus
{
    /// <summary>Builds every case, tracing on the interpreter (the current backend is not used).</summary>
    public static IReadOnlyList<ConformanceCase> Build(int seed)
    {
        var builder = new CaseBuilder(seed);
        using (Backends.Backend.Use(Backends.Interpreter.InterpreterBackend.Instance))
        {
            OpCases.AddTo(builder);
            LoopCases.AddTo(builder);
        }
        return builder.Cases;
    }
}
