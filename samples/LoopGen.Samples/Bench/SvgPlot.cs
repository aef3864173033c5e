using System.Globalization;
using System.Text;

namespace LoopGen.Samples.Bench;

/// <summary>A line on a panel: its points in data units, drawn with a colour, dashed or solid, with markers.</summary>
/// <param name="Label">The legend text.</param>
/// <param name="Color">An SVG colour.</param>
/// <param name="Dashed">Dashed line and square markers (else solid and round), so the series differ in grey print too.</param>
/// <param name="Points">The points; those with a non-positive coordinate cannot sit on a log axis and are left out.</param>
internal sealed record PlotSeries(string Label, string Color, bool Dashed, IReadOnlyList<(double X, double Y)> Points);

/// <summary>One log-log chart.</summary>
/// <param name="Title">Above the chart.</param>
/// <param name="XLabel">Under the x axis.</param>
/// <param name="YLabel">Beside the y axis.</param>
/// <param name="Series">The lines.</param>
internal sealed record PlotPanel(string Title, string XLabel, string YLabel, IReadOnlyList<PlotSeries> Series);

/// <summary>
/// Writes log-log line charts side by side as one standalone SVG document: decade ticks with labels, minor ticks,
/// a light grid, axis labels and a legend per chart. Small on purpose: no plotting package is available here.
/// </summary>
internal static class SvgPlot
{
    private const double PanelWidth = 460, PanelHeight = 360, Gap = 20;
    private const double Left = 72, Right = 16, Top = 36, Bottom = 52;
    private const double HeaderHeight = 36, FooterHeight = 28;

    /// <summary>The SVG text of <paramref name="panels"/> under <paramref name="title"/>, with <paramref name="caption"/> at the bottom.</summary>
    public static string Render(string title, string caption, IReadOnlyList<PlotPanel> panels)
    {
        double width = Gap + panels.Count * (PanelWidth + Gap);
        double height = HeaderHeight + PanelHeight + FooterHeight;
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(F($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n"));
        for (int i = 0; i < panels.Count; i++)
        {
            svg.Append(F($"<g transform=\"translate({Gap + i * (PanelWidth + Gap)},{HeaderHeight})\">\n"));
            RenderPanel(svg, panels[i]);
            svg.Append("</g>\n");
        }
        svg.Append(F($"<text x=\"{width / 2}\" y=\"{height - 10}\" text-anchor=\"middle\" fill=\"#555\">{Escape(caption)}</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void RenderPanel(StringBuilder svg, PlotPanel panel)
    {
        var points = panel.Series.SelectMany(s => s.Points).Where(p => p.X > 0 && p.Y > 0).ToList();
        var x = LogAxis.Spanning(points.Select(p => p.X), Left, PanelWidth - Right);
        // The y axis runs upwards: its pixel range is given bottom first.
        var y = LogAxis.Spanning(points.Select(p => p.Y), PanelHeight - Bottom, Top);
        double plotW = PanelWidth - Left - Right, plotH = PanelHeight - Top - Bottom;

        svg.Append(F($"<text x=\"{Left + plotW / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">{Escape(panel.Title)}</text>\n"));
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#333\"/>\n"));

        // Decades: grid line, major tick and label; 2..9 times each decade: minor tick only.
        for (int e = x.LowExponent; e <= x.HighExponent; e++)
        {
            double px = x.Map(Math.Pow(10, e));
            svg.Append(F($"<line x1=\"{px}\" y1=\"{Top}\" x2=\"{px}\" y2=\"{Top + plotH}\" stroke=\"#ddd\"/>\n"));
            svg.Append(F($"<line x1=\"{px}\" y1=\"{Top + plotH}\" x2=\"{px}\" y2=\"{Top + plotH + 6}\" stroke=\"#333\"/>\n"));
            svg.Append(F($"<text x=\"{px}\" y=\"{Top + plotH + 19}\" text-anchor=\"middle\">{TickLabel(e)}</text>\n"));
            for (int m = 2; m <= 9 && e < x.HighExponent; m++)
            {
                double mx = x.Map(m * Math.Pow(10, e));
                svg.Append(F($"<line x1=\"{mx}\" y1=\"{Top + plotH}\" x2=\"{mx}\" y2=\"{Top + plotH + 3}\" stroke=\"#333\"/>\n"));
            }
        }
        for (int e = y.LowExponent; e <= y.HighExponent; e++)
        {
            double py = y.Map(Math.Pow(10, e));
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{py}\" x2=\"{Left + plotW}\" y2=\"{py}\" stroke=\"#ddd\"/>\n"));
            svg.Append(F($"<line x1=\"{Left - 6}\" y1=\"{py}\" x2=\"{Left}\" y2=\"{py}\" stroke=\"#333\"/>\n"));
            svg.Append(F($"<text x=\"{Left - 9}\" y=\"{py + 4}\" text-anchor=\"end\">{TickLabel(e)}</text>\n"));
            for (int m = 2; m <= 9 && e < y.HighExponent; m++)
            {
                double my = y.Map(m * Math.Pow(10, e));
                svg.Append(F($"<line x1=\"{Left - 3}\" y1=\"{my}\" x2=\"{Left}\" y2=\"{my}\" stroke=\"#333\"/>\n"));
            }
        }
        svg.Append(F($"<text x=\"{Left + plotW / 2}\" y=\"{PanelHeight - 12}\" text-anchor=\"middle\">{Escape(panel.XLabel)}</text>\n"));
        svg.Append(F($"<text x=\"16\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Top + plotH / 2})\">{Escape(panel.YLabel)}</text>\n"));

        foreach (var series in panel.Series)
        {
            var pts = series.Points.Where(p => p.X > 0 && p.Y > 0).Select(p => (X: x.Map(p.X), Y: y.Map(p.Y))).ToList();
            if (pts.Count == 0) continue;
            string dash = series.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(F($"<polyline fill=\"none\" stroke=\"{series.Color}\" stroke-width=\"2\"{dash} points=\"{string.Join(" ", pts.Select(p => F($"{p.X:0.##},{p.Y:0.##}")))}\"/>\n"));
            foreach (var (px, py) in pts) svg.Append(Marker(series, px, py));
        }

        // Legend in the top-left corner, where a rising unrolled curve and a flat rolled one leave room.
        double lx = Left + 10, ly = Top + 10;
        svg.Append(F($"<rect x=\"{lx}\" y=\"{ly}\" width=\"150\" height=\"{8 + 18 * panel.Series.Count}\" fill=\"white\" stroke=\"#999\"/>\n"));
        for (int i = 0; i < panel.Series.Count; i++)
        {
            var s = panel.Series[i];
            double row = ly + 13 + 18 * i;
            string dash = s.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(F($"<line x1=\"{lx + 8}\" y1=\"{row}\" x2=\"{lx + 38}\" y2=\"{row}\" stroke=\"{s.Color}\" stroke-width=\"2\"{dash}/>\n"));
            svg.Append(Marker(s, lx + 23, row));
            svg.Append(F($"<text x=\"{lx + 46}\" y=\"{row + 4}\">{Escape(s.Label)}</text>\n"));
        }
    }

    private static string Marker(PlotSeries s, double x, double y) => s.Dashed
        ? F($"<rect x=\"{x - 4:0.##}\" y=\"{y - 4:0.##}\" width=\"8\" height=\"8\" fill=\"{s.Color}\"/>\n")
        : F($"<circle cx=\"{x:0.##}\" cy=\"{y:0.##}\" r=\"4\" fill=\"{s.Color}\"/>\n");

    /// <summary>10^e as people read it: 0.01 … 100000, then 1e6.</summary>
    internal static string TickLabel(int e) =>
        e is >= -3 and <= 5 ? Math.Pow(10, e).ToString("0.###", CultureInfo.InvariantCulture) : F($"1e{e}");

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A log10 axis over whole decades, mapped onto a pixel range.</summary>
    private readonly record struct LogAxis(int LowExponent, int HighExponent, double From, double To)
    {
        public static LogAxis Spanning(IEnumerable<double> values, double from, double to)
        {
            var logs = values.Select(Math.Log10).ToList();
            int lo = logs.Count == 0 ? 0 : (int)Math.Floor(logs.Min());
            int hi = logs.Count == 0 ? 1 : (int)Math.Ceiling(logs.Max());
            if (hi <= lo) hi = lo + 1;
            return new LogAxis(lo, hi, from, to);
        }

        public double Map(double value) => From + (Math.Log10(value) - LowExponent) / (HighExponent - LowExponent) * (To - From);
    }
}
