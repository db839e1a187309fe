using System.Globalization;
using System.Text;
using BackOnTrack.Core.Calendar;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Cli.Operations.Output;

/// <summary>The returns tracker as text: one line per school, the latest drop of each kind, missing schools flagged.</summary>
public static class ReturnsTable
{
    private const int Cell = 24;

    public static string Format(TermReturns returns)
    {
        ArgumentNullException.ThrowIfNull(returns);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Returns for {returns.Term.ToCode()} {returns.Year} ({returns.Start:yyyy-MM-dd} to {returns.End:yyyy-MM-dd}), ")
            .AppendLine(returns.RegisterYear is { } year ? $"schools from the {year} register:" : "no schools register loaded yet:");
        if (returns.Schools.Count == 0)
        {
            return text.AppendLine("No schools expected and no drops received this term.").ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $"{"laestab",-8} {"school",-30} ");
        foreach (var kind in ReturnsTracker.SchoolKinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"{kind,-Cell} ");
        }

        text.AppendLine("unknown kind");
        foreach (var school in returns.Schools)
        {
            var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{school.Laestab,-8} {Truncate(school.Name ?? "(not in register)", 30),-30} ");
            foreach (var kind in ReturnsTracker.SchoolKinds)
            {
                line.Append(CultureInfo.InvariantCulture, $"{CellText(school, kind),-Cell} ");
            }

            line.Append(CultureInfo.InvariantCulture, $"{CellText(school, null),-Cell}").Append(school.HasAcceptedDrop ? "" : "  << no accepted drop");
            text.AppendLine(line.ToString().TrimEnd());
        }

        var missing = returns.Missing;
        return text.Append(CultureInfo.InvariantCulture, $"{returns.Schools.Count} schools; ")
            .AppendLine(missing.Count == 0
                ? "every school has an accepted drop this term."
                : $"{missing.Count} with no accepted drop this term: {string.Join(", ", missing.Select(s => s.Laestab + (s.Name is null ? "" : " " + s.Name)))}.")
            .ToString();
    }

    /// <summary>The latest drop of a kind as "Status yyyy-MM-dd", with how many more came this term; "-" when none.</summary>
    private static string CellText(SchoolReturn school, string? kind)
    {
        var latest = school.Latest(kind);
        if (latest is null)
        {
            return "-";
        }

        var others = school.Drops.Count(d => d.Kind == kind) - 1;
        return string.Create(CultureInfo.InvariantCulture, $"{latest.Status} {latest.ReceivedAt:yyyy-MM-dd}{(others > 0 ? $" (+{others})" : "")}");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
