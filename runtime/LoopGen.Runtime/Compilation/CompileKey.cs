using LoopGen.Ir;

namespace LoopGen.Compilation;

/// <summary>
/// The shared cache's key for a traced module: its text, plus what the IR carries that the text does not (the
/// bounds checks of <c>xs[i]</c> indexing and their C# lines, see <see cref="Backends.Interpreter.IndexChecks"/>), so
/// two modules that print alike but check differently never share an executable.
/// </summary>
internal static class CompileKey
{
    /// <summary>The key of <paramref name="module"/> printed as <paramref name="text"/>.</summary>
    public static string Of(Module module, string text)
    {
        var extra = Backends.Interpreter.IndexChecks.Fingerprint(module);
        return extra.Length == 0 ? text : text + "\n// loopgen index checks: " + extra;
    }
}
