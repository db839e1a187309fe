using System.Globalization;
using ScottPlot;

namespace BackOnTrack.BoardPack.Document;

/// <summary>Draws a <see cref="ChartSpec"/> with ScottPlot: a PNG for the PDF, SVG for the HTML.</summary>
public static class ChartRenderer
{
    /// <summary>PNG pixels per PDF point: 3 gives 216 dpi, sharp on paper and on screen.</summary>
    public const int PngScale = 3;

    /// <summary>The chart as PNG bytes, <paramref name="width"/> × <paramref name="height"/> points drawn at <see cref="PngScale"/>.</summary>
    public static byte[] Png(ChartSpec spec, int width, int height)
    {
        using var plot = Build(spec);
        plot.ScaleFactor = PngScale;
        return plot.GetImageBytes(width * PngScale, height * PngScale, ImageFormat.Png);
    }

    /// <summary>The chart as an SVG document.</summary>
    public static string Svg(ChartSpec spec, int width, int height)
    {
        using var plot = Build(spec);
        return plot.GetSvgXml(width, height);
    }

    private static Plot Build(ChartSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        PackFonts.Register();
        var plot = new Plot();
        plot.Font.Set(PackFonts.Family);
        plot.Title(spec.Title, size: 12);
        plot.Axes.Title.Label.Bold = true;
        plot.Grid.MajorLineColor = Color.FromHex("#D9D9D9");
        var positions = Enumerable.Range(0, spec.Categories.Count).Select(i => (double)i).ToArray();
        var labels = spec.Categories.ToArray();
        switch (spec.Kind)
        {
            case ChartKind.GroupedBars:
                GroupedBars(plot, spec);
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
                plot.Axes.Bottom.MajorTickStyle.Length = 0;
                plot.YLabel(spec.ValueAxis, size: 10);
                plot.Axes.Margins(bottom: 0);
                break;
            case ChartKind.StackedHorizontalBars:
                StackedHorizontal(plot, spec);
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
                plot.Axes.Left.MajorTickStyle.Length = 0;
                plot.XLabel(spec.ValueAxis, size: 10);
                plot.Axes.Margins(left: 0);
                plot.Axes.InvertY();
                break;
            default:
                Lines(plot, spec);
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
                plot.YLabel(spec.ValueAxis, size: 10);
                plot.Axes.SetLimitsY(0, Math.Max(0.1, spec.Series.SelectMany(s => s.Values).OfType<double>().DefaultIfEmpty(0).Max() * 1.15));
                break;
        }

        plot.Axes.Bottom.TickLabelStyle.FontSize = 10;
        plot.Axes.Left.TickLabelStyle.FontSize = 10;
        if (spec.Percent)
        {
            IAxis axis = spec.Kind == ChartKind.StackedHorizontalBars ? plot.Axes.Bottom : plot.Axes.Left;
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.##", CultureInfo.InvariantCulture) + "%" };
        }

        plot.Legend.ManualItems.Clear();
        foreach (var series in spec.Series)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = series.Name,
                FillColor = Color.FromHex(series.Color),
                LineColor = Color.FromHex(series.Color),
                MarkerColor = Color.FromHex(series.Color),
            });
        }

        // One compact row under the plot: a boxed legend beside or below a wide, short chart takes the room the bars need.
        plot.Legend.FontSize = 10;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
        plot.Legend.Padding = new PixelPadding(2);
        plot.Legend.Margin = new PixelPadding(0);
        plot.Legend.InterItemPadding = new PixelPadding(6, 2);
        plot.Legend.SymbolWidth = 14;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White;
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void GroupedBars(Plot plot, ChartSpec spec)
    {
        var count = Math.Max(1, spec.Series.Count);
        var width = 0.8 / count;
        var bars = new List<Bar>();
        for (var s = 0; s < spec.Series.Count; s++)
        {
            var series = spec.Series[s];
            for (var c = 0; c < spec.Categories.Count; c++)
            {
                if (series.Values[c] is not { } value)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = c - 0.4 + (width * (s + 0.5)),
                    Value = value,
                    Size = width * 0.92,
                    FillColor = Color.FromHex(series.Color),
                    LineWidth = 0,
                });
            }
        }

        plot.Add.Bars(bars);
    }

    private static void StackedHorizontal(Plot plot, ChartSpec spec)
    {
        var bars = new List<Bar>();
        for (var c = 0; c < spec.Categories.Count; c++)
        {
            double start = 0;
            foreach (var series in spec.Series)
            {
                if (series.Values[c] is not { } value || value <= 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = c,
                    ValueBase = start,
                    Value = start + value,
                    Size = 0.6,
                    FillColor = Color.FromHex(series.Color),
                    LineWidth = 1,
                    LineColor = Colors.White,
                });
                start += value;
            }
        }

        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;

        // Whole actions: one tick per action while the bars are short, automatic ticks beyond that.
        var longest = spec.Categories.Select((_, c) => spec.Series.Sum(s => s.Values[c] ?? 0)).DefaultIfEmpty(0).Max();
        if (longest <= 12)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1);
        }
    }

    private static void Lines(Plot plot, ChartSpec spec)
    {
        foreach (var series in spec.Series)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var c = 0; c < spec.Categories.Count; c++)
            {
                if (series.Values[c] is { } value)
                {
                    xs.Add(c);
                    ys.Add(value);
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            scatter.Color = Color.FromHex(series.Color);
            scatter.LineWidth = 2.5f;
            scatter.MarkerSize = 7;
        }
    }
}
