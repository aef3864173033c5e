namespace LoopGen.Loops;

/// <summary>Where a loop is and what its carries are called, for messages.</summary>
/// <param name="Kind">The API that made it: <c>Loop.Fori</c>, <c>Loop.While</c>, <c>Loop.Scan</c>.</param>
/// <param name="File">The source file (caller info).</param>
/// <param name="Line">The source line (caller info).</param>
/// <param name="CarryNames">Names of the user's carries, in flatten order.</param>
internal sealed record LoopInfo(string Kind, string File, int Line, IReadOnlyList<string> CarryNames)
{
    /// <summary>"Loop.Fori at Kernels.cs:12".</summary>
    public string Where => File.Length == 0 ? Kind : $"{Kind} at {Path.GetFileName(File)}:{Line}";

    /// <summary>The same loop with its carry names replaced.</summary>
    public LoopInfo WithNames(IReadOnlyList<string> names) => this with { CarryNames = names };

    /// <summary>Checks that each value the body returns has the type of the carry it replaces.</summary>
    /// <param name="entering">The carries entering the iteration (user carries only).</param>
    /// <param name="returned">What the body returned for them.</param>
    public void CheckCarries(IReadOnlyList<Tensor> entering, IReadOnlyList<Tensor> returned)
    {
        if (returned.Count != entering.Count)
        {
            throw new InvalidOperationException($"{Where}: the body returned {returned.Count} carries; the loop has {entering.Count}");
        }
        for (int i = 0; i < entering.Count; i++)
        {
            if (entering[i].Type != returned[i].Type)
            {
                var name = i < CarryNames.Count ? CarryNames[i] : $"carry{i}";
                throw new LoopCarryException(Kind, name, i, entering.Count, entering[i].Type.ToString(), returned[i].Type.ToString(), File, Line);
            }
        }
    }
}
