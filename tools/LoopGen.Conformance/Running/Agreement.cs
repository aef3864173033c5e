namespace LoopGen.Conformance.Running;

/// <summary>How far a backend's results are from the oracle's: exact for integers and booleans, within tolerance for floats.</summary>
public sealed record Agreement(bool Agrees, double MaxAbsDiff, string Detail)
{
    /// <summary>
    /// Compares result lists: same count, same lengths, and per element <c>|actual - expected| &lt;= atol + rtol * |expected|</c>
    /// (NaN matches NaN; infinities must match exactly).
    /// </summary>
    public static Agreement Of(IReadOnlyList<Array> expected, IReadOnlyList<Array> actual, double relative, double absolute)
    {
        if (expected.Count != actual.Count) return new(false, double.NaN, $"{actual.Count} results; the interpreter gives {expected.Count}");
        double worst = 0;
        for (int r = 0; r < expected.Count; r++)
        {
            var e = expected[r];
            var a = actual[r];
            if (e.GetType() != a.GetType() || e.Length != a.Length)
            {
                return new(false, double.NaN, $"result {r} is {a.GetType().GetElementType()!.Name}[{a.Length}]; the interpreter gives {e.GetType().GetElementType()!.Name}[{e.Length}]");
            }
            bool floating = e is float[] or double[];
            for (int i = 0; i < e.Length; i++)
            {
                double x = Convert.ToDouble(e.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                double y = Convert.ToDouble(a.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                if (double.IsNaN(x) && double.IsNaN(y)) continue;
                double diff = Math.Abs(x - y);
                if (!double.IsNaN(diff) && diff > worst && !double.IsInfinity(diff)) worst = diff;
                bool ok = floating
                    ? x == y || (!double.IsInfinity(x) && diff <= absolute + relative * Math.Abs(x))
                    : x == y;
                if (!ok) return new(false, diff, $"result {r}[{i}]: {y} where the interpreter gives {x}");
            }
        }
        return new(true, worst, "");
    }
}
