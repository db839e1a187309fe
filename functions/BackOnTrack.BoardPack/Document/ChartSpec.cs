namespace BackOnTrack.BoardPack.Document;

/// <summary>How a chart draws its series.</summary>
public enum ChartKind
{
    /// <summary>Vertical bars, one per series side by side in each category.</summary>
    GroupedBars,

    /// <summary>Horizontal bars, the series stacked end to end in each category.</summary>
    StackedHorizontalBars,

    /// <summary>One line with markers per series across the categories.</summary>
    Lines,
}

/// <summary>One series: its name, colour (hex, <c>#RRGGBB</c>) and a value per category; null draws nothing (suppressed or not available).</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double?> Values);

/// <summary>
/// A chart as data, drawn by <see cref="ChartRenderer"/>. Values come only from figures the pack shows, so a suppressed
/// figure has no bar or point; <see cref="Description"/> is the chart's text alternative.
/// </summary>
/// <param name="Id">A stable id, e.g. <c>exclusions-trend-permanent</c>.</param>
/// <param name="ValueAxis">The value axis label, e.g. "Permanent exclusions".</param>
/// <param name="Percent">True when values are percentages (axis ticks read 5%).</param>
public sealed record ChartSpec(
    string Id,
    string Title,
    string Description,
    ChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    string ValueAxis,
    bool Percent = false)
{
    /// <summary>True when there is at least one value to draw.</summary>
    public bool HasData => Series.Any(s => s.Values.Any(v => v is not null));
}
