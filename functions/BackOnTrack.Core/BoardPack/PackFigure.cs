using System.Globalization;
using BackOnTrack.Core.Tracker;

namespace BackOnTrack.Core.BoardPack;

/// <summary>
/// Where a figure comes from: one property of one table row (<c>Metrics[LA|2026-27_YEAR_All].PermExcl</c>), so anyone
/// reading the pack can find the row behind a number.
/// </summary>
public sealed record RowRef(string Table, string PartitionKey, string RowKey, string Property)
{
    public override string ToString() => $"{Table}[{PartitionKey}|{RowKey}].{Property}";
}

/// <summary>What a figure measures, which decides how it is written.</summary>
public enum FigureKind
{
    /// <summary>A whole number: <c>1,234</c>.</summary>
    Count,

    /// <summary>A percentage to two decimal places, as DfE publishes rates: <c>0.12%</c>.</summary>
    Rate,

    /// <summary>A difference of two rates in percentage points: <c>+0.05 pts</c>.</summary>
    Change,

    /// <summary>A position among LAs: <c>108 of 152</c>.</summary>
    Rank,

    /// <summary>An average to one decimal place: <c>9.8</c>.</summary>
    Average,
}

/// <summary>Whether a figure is shown, held back, or not there to show.</summary>
public enum FigureState
{
    Shown,

    /// <summary>Small-number suppression: a count of 1 or 2, or a figure built on one, written <c>x</c>.</summary>
    Suppressed,

    /// <summary>The tables hold no such figure (no row, no denominator, no DfE publication): written <c>–</c>.</summary>
    NotAvailable,
}

/// <summary>
/// One number in the pack with the rows it was read from. A suppressed figure carries no value at all, so no renderer
/// (chart or table) can show what the suppression hides.
/// </summary>
public sealed record PackFigure
{
    public const string NotAvailableText = "–";

    private PackFigure(FigureKind kind, FigureState state, double? value, int? of, IReadOnlyList<RowRef> sources)
    {
        Kind = kind;
        State = state;
        Value = value;
        Of = of;
        Sources = sources;
    }

    public FigureKind Kind { get; }

    public FigureState State { get; }

    /// <summary>The value when <see cref="State"/> is Shown; null otherwise.</summary>
    public double? Value { get; }

    /// <summary>For a rank: how many LAs were ranked.</summary>
    public int? Of { get; }

    /// <summary>The rows (and properties) the figure is read or worked out from; empty only when nothing was found.</summary>
    public IReadOnlyList<RowRef> Sources { get; }

    /// <summary>The first source, or null when there is none.</summary>
    public RowRef? Source => Sources.Count > 0 ? Sources[0] : null;

    public bool IsShown => State == FigureState.Shown;

    /// <summary>The figure as printed: the number, <c>x</c> when suppressed, <c>–</c> when not available.</summary>
    public string Text => State switch
    {
        FigureState.Suppressed => FigureRows.Suppressed,
        FigureState.NotAvailable => NotAvailableText,
        _ => Kind switch
        {
            FigureKind.Count => Value!.Value.ToString("N0", CultureInfo.InvariantCulture),
            FigureKind.Rate => Value!.Value.ToString("0.00", CultureInfo.InvariantCulture) + "%",
            FigureKind.Change => (Value!.Value > 0 ? "+" : Value!.Value < 0 ? "−" : "±") + Math.Abs(Value!.Value).ToString("0.00", CultureInfo.InvariantCulture) + " pts",
            FigureKind.Rank => $"{Value!.Value.ToString("0", CultureInfo.InvariantCulture)} of {Of?.ToString(CultureInfo.InvariantCulture)}",
            _ => Value!.Value.ToString("0.0", CultureInfo.InvariantCulture),
        },
    };

    public override string ToString() => Text;

    /// <summary>A count of pupils or events: <c>x</c> when it is 1 or 2 (<see cref="FigureRows.IsSmall"/>).</summary>
    public static PackFigure Count(long? count, RowRef source) =>
        count is null ? Missing(FigureKind.Count, source)
        : FigureRows.IsSmall(count) ? new PackFigure(FigureKind.Count, FigureState.Suppressed, null, null, [source])
        : new PackFigure(FigureKind.Count, FigureState.Shown, count, null, [source]);

    /// <summary>A count that is not about pupils (actions, schools): never suppressed. The sources are the rows counted.</summary>
    public static PackFigure Tally(long count, IReadOnlyList<RowRef> sources) => new(FigureKind.Count, FigureState.Shown, count, null, sources);

    /// <summary>A rate about a group of pupils (e.g. a cohort's attendance): <c>x</c> when the group is 1 or 2 pupils.</summary>
    public static PackFigure RateAmong(double? rate, long pupils, RowRef source) => Built(FigureKind.Rate, rate, [pupils], [source]);

    /// <summary>A figure held back whatever its value, because the group it describes is 1 or 2 pupils.</summary>
    public static PackFigure Withheld(FigureKind kind, RowRef source) => new(kind, FigureState.Suppressed, null, null, [source]);

    /// <summary>
    /// A rate the hub worked out from counts: <c>x</c> when its numerator or denominator is 1 or 2, so a small number
    /// cannot be worked back from a rate and its base (as the figures list does).
    /// </summary>
    public static PackFigure Rate(double? rate, long numerator, long? denominator, RowRef source) =>
        Built(FigureKind.Rate, rate, [numerator, denominator], [source]);

    /// <summary>An average (e.g. suspensions per pupil) from counts, suppressed like a rate.</summary>
    public static PackFigure Average(double? value, long numerator, long? denominator, IReadOnlyList<RowRef> sources) =>
        Built(FigureKind.Average, value, [numerator, denominator], sources);

    /// <summary>A rate as DfE published it: DfE did its own suppression, so a missing one is simply not there.</summary>
    public static PackFigure Published(double? rate, RowRef source) =>
        rate is { } r ? new PackFigure(FigureKind.Rate, FigureState.Shown, r, null, [source]) : Missing(FigureKind.Rate, source);

    /// <summary>The home LA's rank among LAs as stored on its Benchmarks row.</summary>
    public static PackFigure Rank(int? rank, int? of, RowRef source) =>
        rank is { } r && of is { } n ? new PackFigure(FigureKind.Rank, FigureState.Shown, r, n, [source]) : Missing(FigureKind.Rank, source);

    /// <summary>The later rate minus the earlier, in points: suppressed when either is, not available when either is missing.</summary>
    public static PackFigure Change(PackFigure later, PackFigure earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        IReadOnlyList<RowRef> sources = [.. later.Sources, .. earlier.Sources];
        return later.State == FigureState.Suppressed || earlier.State == FigureState.Suppressed
            ? new PackFigure(FigureKind.Change, FigureState.Suppressed, null, null, sources)
            : later.Value is { } a && earlier.Value is { } b ? new PackFigure(FigureKind.Change, FigureState.Shown, a - b, null, sources)
            : new PackFigure(FigureKind.Change, FigureState.NotAvailable, null, null, sources);
    }

    /// <summary>No such figure in the tables; <paramref name="lookedFor"/> says where it would have been.</summary>
    public static PackFigure Missing(FigureKind kind, RowRef? lookedFor) =>
        new(kind, FigureState.NotAvailable, null, null, lookedFor is null ? [] : [lookedFor]);

    private static PackFigure Built(FigureKind kind, double? value, long?[] builtOn, IReadOnlyList<RowRef> sources) =>
        builtOn.Any(FigureRows.IsSmall) ? new PackFigure(kind, FigureState.Suppressed, null, null, sources)
        : value is { } v ? new PackFigure(kind, FigureState.Shown, v, null, sources)
        : new PackFigure(kind, FigureState.NotAvailable, null, null, sources);
}
