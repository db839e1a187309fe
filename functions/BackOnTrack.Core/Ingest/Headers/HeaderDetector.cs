using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>
/// Finds the header row and the kind of drop: the first of the leading rows in which some kind finds every column
/// it requires (MIS reports put title rows above the header); if two kinds do, the one that recognises more of the
/// row's columns.
/// </summary>
internal static class HeaderDetector
{
    /// <summary>How many non-blank rows are searched for the header.</summary>
    public const int RowsSearched = 30;

    public static HeaderMatch? Detect(IReadOnlyList<TabularRow> leadingRows, out string? rejection)
    {
        HeaderMatch? closest = null;
        foreach (var row in leadingRows)
        {
            var matches = KindSchema.All.Select(schema => HeaderMatch.Of(schema, row)).ToList();
            var complete = matches.Where(m => m.IsComplete).MaxBy(m => m.Score);
            if (complete is not null)
            {
                rejection = complete.Conflict;
                return complete.Conflict is null ? complete : null;
            }

            foreach (var match in matches.Where(m => m.RequiredFound >= 2))
            {
                // Most required columns found, then the largest share of them: the kind the file most likely meant.
                if (closest is null || (match.RequiredFound, Fraction(match)).CompareTo((closest.RequiredFound, Fraction(closest))) > 0)
                {
                    closest = match;
                }
            }
        }

        rejection = closest is null
            ? $"No header row was recognised in the first {RowsSearched} rows, so the kind of file is unknown. Expected headings such as UPN, NCYear, Category, StartDate (exclusions); UPN, NCYear, Date, Session, Mark (attendance); LAESTAB, URN, SchoolName (schools register)."
            : $"The kind of file is unknown: no header row has every column of any kind. Closest is {Describe(closest.Schema)} (row {closest.RowNumber}), which lacks {string.Join(", ", Missing(closest))}.";
        return null;
    }

    private static double Fraction(HeaderMatch match) =>
        (double)(match.RequiredFound + (match.SessionColumns.Count > 0 ? 1 : 0)) / (match.Schema.Required.Count + (match.Schema.NeedsSessionColumns ? 1 : 0));

    private static string Describe(KindSchema schema) => schema.Layout switch
    {
        DropLayout.LongForm => "attendance marks (one row per session)",
        DropLayout.WideForm => "attendance marks (one column per session)",
        _ => schema.Kind switch
        {
            DropKind.Exclusions => "exclusions",
            DropKind.AttendanceSummary => "attendance summary",
            DropKind.Schools => "schools register",
            _ => "cohort list",
        },
    };

    private static IEnumerable<string> Missing(HeaderMatch match)
    {
        foreach (var field in match.MissingRequired)
        {
            yield return FieldAliases.CanonicalHeading(field);
        }

        if (match.Schema.NeedsSessionColumns && match.SessionColumns.Count == 0)
        {
            yield return "session columns headed by a date and AM/PM (e.g. '03/11/2025 AM')";
        }
    }
}
