using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace LoopGen.Generator.Tests.Support;

/// <summary>
/// Compares generated code with <c>Snapshots/{TestName}.verified.cs</c>. On a mismatch it writes
/// <c>{TestName}.received.cs</c> beside it and fails with a diff; with <c>LOOPGEN_ACCEPT=1</c> it overwrites the
/// verified file instead (for an intended change, such as the real lifter landing).
/// </summary>
internal static partial class Snapshot
{
    /// <summary>Checks <paramref name="actual"/> against the verified snapshot of the calling test.</summary>
    public static void Verify(string actual, [CallerMemberName] string testName = "")
    {
        var text = Scrub(actual).Replace("\r\n", "\n");
        var verified = Path.Combine(Directory(), testName + ".verified.cs");
        var received = Path.Combine(Directory(), testName + ".received.cs");
        if (Environment.GetEnvironmentVariable("LOOPGEN_ACCEPT") == "1")
        {
            File.WriteAllText(verified, text);
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == text)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, text);
        Assert.Fail(expected is null
            ? $"no snapshot {verified}; wrote {received} (rerun with LOOPGEN_ACCEPT=1 to accept)"
            : $"snapshot mismatch for {testName}; wrote {received} (LOOPGEN_ACCEPT=1 accepts):\n{Diff(expected, text)}");
    }

    /// <summary>
    /// Replaces each interceptor location's data with a placeholder: it encodes a checksum of the calling file, so
    /// any edit changes it, and it says nothing about the generator's behaviour.
    /// </summary>
    public static string Scrub(string text) => InterceptsLocation().Replace(text, "InterceptsLocation($1, \"<scrubbed>\")");

    [GeneratedRegex("InterceptsLocation\\((\\d+), \"[^\"]*\"\\)")]
    private static partial Regex InterceptsLocation();

    /// <summary>A line diff (longest common subsequence): <c>-</c> expected only, <c>+</c> actual only, with line numbers.</summary>
    public static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var sb = new StringBuilder();
        int x = 0, y = 0, shown = 0;
        while ((x < a.Length || y < b.Length) && shown < 200)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { x++; y++; continue; }
            if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y])) sb.Append($"+{y + 1,5}: {b[y++]}\n");
            else sb.Append($"-{x + 1,5}: {a[x++]}\n");
            shown++;
        }
        return sb.ToString();
    }

    private static string Directory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Snapshots");
}
