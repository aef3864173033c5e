using System.Xml.Linq;
using LoopGen.Samples.Bench;

namespace LoopGen.Samples.Tests;

/// <summary>The small SVG writer: valid XML, log ticks people read, points that cannot sit on a log axis left out.</summary>
public sealed class SvgPlotTests
{
    [Theory]
    [InlineData(-2, "0.01")]
    [InlineData(0, "1")]
    [InlineData(3, "1000")]
    [InlineData(5, "100000")]
    [InlineData(6, "1e6")]
    public void DecadeLabels(int exponent, string expected) => Assert.Equal(expected, SvgPlot.TickLabel(exponent));

    [Fact]
    public void RendersWellFormedSvgWithEveryDecadeLabelled()
    {
        var panel = new PlotPanel("t", "x <axis>", "y & axis",
        [
            new PlotSeries("a", "blue", false, [(10, 0.5), (100, 5), (1000, 50)]),
            new PlotSeries("b", "red", true, [(10, 0), (100, 20)]),   // (10, 0) cannot be drawn on a log axis
        ]);
        var doc = XDocument.Parse(SvgPlot.Render("title", "caption", [panel]));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = doc.Descendants(ns + "text").Select(t => t.Value).ToList();
        foreach (var label in new[] { "10", "100", "1000", "0.1", "1", "x <axis>", "y & axis" }) Assert.Contains(label, texts);
        var lines = doc.Descendants(ns + "polyline").Select(p => ((string)p.Attribute("points")!).Split(' ').Length).ToList();
        Assert.Equal([3, 1], lines);
    }
}
