using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace LoopGen.Analyzers.Tests.Support;

/// <summary>
/// Source with expected diagnostics marked in it: <c>{|LG0006:acc = Tensor.Concat([acc, y], 1)|}</c> says that LG0006
/// is reported on exactly that text. Marks may nest.
/// </summary>
internal static class Markup
{
    /// <summary>The plain source and the marked (id, span) pairs, in order of their start.</summary>
    public static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var sb = new StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        var expected = new List<(string, TextSpan)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), sb.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, sb.Length)));
                i++;
            }
            else
            {
                sb.Append(markup[i]);
            }
        }
        if (open.Count > 0) throw new ArgumentException("unclosed {| mark in the test source");
        return (sb.ToString(), expected.OrderBy(e => e.Item2.Start).ThenBy(e => e.Item1, StringComparer.Ordinal).ToList());
    }
}
