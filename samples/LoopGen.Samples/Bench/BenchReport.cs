using System.Globalization;
using System.Text;
using Spectre.Console;

namespace LoopGen.Samples.Bench;

/// <summary>The bench results as a console table, a Markdown table (for docs/benchmarks.md) and the plot (SVG and PNG).</summary>
internal static class BenchReport
{
    private static readonly string[] Columns =
        ["N", "mode", "ops", "whiles", "text bytes", "trace ms", "compile ms", "trace+compile ms", "run ms", "allocated MB", "peak heap MB"];

    /// <summary>One row per mode and trip count.</summary>
    public static Table ConsoleTable(IReadOnlyList<BenchPair> pairs)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in Columns) table.AddColumn(new TableColumn(c).RightAligned());
        table.Columns[1].LeftAligned();
        foreach (var point in Points(pairs)) table.AddRow(Cells(point).Select(Markup.Escape).ToArray());
        return table;
    }

    /// <summary>The same rows as a Markdown table, plus the unrolled/rolled ratios.</summary>
    public static string Markdown(IReadOnlyList<BenchPair> pairs)
    {
        var md = new StringBuilder();
        md.Append("| ").AppendJoin(" | ", Columns).Append(" |\n");
        md.Append("|---:|---|").Append(string.Concat(Enumerable.Repeat("---:|", Columns.Length - 2))).Append('\n');
        foreach (var point in Points(pairs)) md.Append("| ").AppendJoin(" | ", Cells(point)).Append(" |\n");
        md.Append("\nUnrolled / rolled:\n\n| N | ops | text bytes | trace+compile | peak heap |\n|---:|---:|---:|---:|---:|\n");
        foreach (var p in pairs)
        {
            md.Append(F($"| {p.N} | {Ratio(p.Unrolled.Ops, p.Rolled.Ops)} | {Ratio(p.Unrolled.TextBytes, p.Rolled.TextBytes)} | {Ratio(p.Unrolled.TraceCompileMs, p.Rolled.TraceCompileMs)} | {Ratio(p.Unrolled.Heap.PeakHeapBytes, p.Rolled.Heap.PeakHeapBytes)} |\n"));
        }
        return md.ToString();
    }

    /// <summary>Trace+compile time and op count against N, log-log, both modes, as SVG text.</summary>
    public static string Svg(string sampleName, IReadOnlyList<BenchPair> pairs, string caption) =>
        SvgPlot.Render(Title(sampleName), caption, Panels(pairs));

    /// <summary>The same plot as PNG bytes, drawn by ScottPlot.</summary>
    public static byte[] Png(string sampleName, IReadOnlyList<BenchPair> pairs, string caption) =>
        PngPlot.Render(Title(sampleName), caption, Panels(pairs));

    private static string Title(string sampleName) => $"LoopGen: rolled vs unrolled, {sampleName}";

    private static List<PlotPanel> Panels(IReadOnlyList<BenchPair> pairs)
    {
        PlotSeries Series(string label, string color, bool dashed, Func<BenchPair, BenchPoint> mode, Func<BenchPoint, double> value) =>
            new(label, color, dashed, pairs.Select(p => ((double)p.N, value(mode(p)))).ToList());
        PlotPanel Panel(string title, string yLabel, Func<BenchPoint, double> value) => new(title, "trip count N", yLabel,
        [
            Series("rolled (while)", "#1f77b4", false, p => p.Rolled, value),
            Series("unrolled", "#d62728", true, p => p.Unrolled, value),
        ]);
        return
        [
            Panel("trace + compile time", "milliseconds", p => p.TraceCompileMs),
            Panel("module size", "operations", p => p.Ops),
        ];
    }

    private static IEnumerable<BenchPoint> Points(IReadOnlyList<BenchPair> pairs) => pairs.SelectMany(p => new[] { p.Rolled, p.Unrolled });

    private static string[] Cells(BenchPoint p) =>
    [
        F($"{p.N}"), p.Mode, F($"{p.Ops}"), F($"{p.Whiles}"), F($"{p.TextBytes}"), F($"{p.TraceMs:0.00}"), F($"{p.CompileMs:0.00}"),
        F($"{p.TraceCompileMs:0.00}"), F($"{p.RunMs:0.00}"), F($"{p.Heap.AllocatedBytes / 1048576.0:0.00}"), F($"{p.Heap.PeakHeapBytes / 1048576.0:0.00}"),
    ];

    private static string Ratio(double a, double b) => b <= 0 ? "–" : F($"{a / b:0.0}x");

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
