using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace LoopGen.Samples.Bench;

/// <summary>
/// The same log-log panels as <see cref="SvgPlot"/>, drawn side by side by ScottPlot into a PNG (for the README, where an
/// image shows everywhere). Log axes the ScottPlot way: the data are plotted as log10 values, ticks fall on whole
/// decades with log-spaced minor ticks, and labels show 10^tick.
/// </summary>
internal static class PngPlot
{
    /// <summary>Pixels per panel.</summary>
    public const int PanelWidth = 520, Height = 420;

    /// <summary>The PNG bytes of <paramref name="panels"/>; the title and <paramref name="caption"/> go above the first and last panel.</summary>
    public static byte[] Render(string title, string caption, IReadOnlyList<PlotPanel> panels)
    {
        var plots = panels.Select((panel, i) => Panel(panel, i == 0 ? title : null, i == panels.Count - 1 ? caption : null)).ToList();
        // A multiplot starts from its first plot; the rest are added beside it.
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1)) multiplot.AddPlot(plot);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        string file = Path.Combine(Path.GetTempPath(), $"loopgen-plot-{Guid.NewGuid():N}.png");
        try
        {
            multiplot.SavePng(file, PanelWidth * panels.Count, Height);
            return File.ReadAllBytes(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Plot Panel(PlotPanel panel, string? heading, string? caption)
    {
        var plot = new Plot();
        foreach (var series in panel.Series)
        {
            // Points that cannot sit on a log axis are left out, as in the SVG.
            var points = series.Points.Where(p => p.X > 0 && p.Y > 0).ToList();
            var line = plot.Add.Scatter(points.Select(p => Math.Log10(p.X)).ToArray(), points.Select(p => Math.Log10(p.Y)).ToArray(), Color.FromHex(series.Color));
            line.LegendText = series.Label;
            line.LinePattern = series.Dashed ? LinePattern.Dashed : LinePattern.Solid;
            line.MarkerShape = series.Dashed ? MarkerShape.FilledSquare : MarkerShape.FilledCircle;
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        // The caption goes under the last panel's title, where no data can be (an annotation would hide a line).
        plot.Title(string.Join("\n", new[] { heading, panel.Title, caption?.Replace("; ", "\n", StringComparison.Ordinal) }.OfType<string>()));
        plot.Axes.Title.Label.FontSize = 13;
        plot.XLabel(panel.XLabel);
        plot.YLabel(panel.YLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static NumericAutomatic LogTicks() => new()
    {
        IntegerTicksOnly = true,
        MinorTickGenerator = new LogMinorTickGenerator(),
        LabelFormatter = exponent => SvgPlot.TickLabel((int)Math.Round(exponent)),
    };
}
