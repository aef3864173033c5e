namespace LoopGen;

/// <summary>
/// A loop carry whose dtype or shape differs between what enters an iteration and what the body returns.
/// Carries keep one type across iterations (as in JAX's <c>fori_loop</c>): nothing is silently broadcast or cast.
/// </summary>
public sealed class LoopCarryException : Exception
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public LoopCarryException(string loop, string carryName, int carryIndex, int carryCount, string expected, string actual, string file, int line)
        : base(Compose(loop, carryName, carryIndex, carryCount, expected, actual, file, line))
    {
        CarryName = carryName;
        CarryIndex = carryIndex;
        Expected = expected;
        Actual = actual;
        File = file;
        Line = line;
    }

    /// <summary>The carry's name (a variable name, or a path such as <c>init.Item2</c>).</summary>
    public string CarryName { get; }

    /// <summary>The carry's position among the loop's carries.</summary>
    public int CarryIndex { get; }

    /// <summary>The type entering the iteration, e.g. <c>f32[3]</c>.</summary>
    public string Expected { get; }

    /// <summary>The type the body returned, e.g. <c>f32[4]</c>.</summary>
    public string Actual { get; }

    /// <summary>The source file of the loop.</summary>
    public string File { get; }

    /// <summary>The source line of the loop.</summary>
    public int Line { get; }

    private static string Compose(string loop, string name, int index, int count, string expected, string actual, string file, int line)
    {
        var where = file.Length == 0 ? loop : $"{loop} at {Path.GetFileName(file)}:{line}";
        var advice = SameDType(expected, actual)
            ? "A carry cannot grow or shrink: collect per-iteration values as scan outputs instead "
              + "(Loop.Scan, or a List<Tensor> filled in the loop and stacked after it)."
            : "Compute the new value in the carry's dtype (e.g. with Cast), so every iteration sees the same type.";
        return $"{where}: carry '{name}' (carry {index + 1} of {count}) changes type across one iteration: "
            + $"it enters as {expected} and the body returns {actual}. {advice}";
    }

    private static bool SameDType(string expected, string actual) =>
        expected.Split('[')[0] == actual.Split('[')[0];
}
