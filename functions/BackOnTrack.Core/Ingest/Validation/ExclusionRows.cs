using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Exclusion rows. Rules: a valid pupil, year group and school; a category; a start date not after today; a length
/// for suspensions and lunchtime exclusions (Sessions, or Days × 2, at least 1; a suspension at most 90 sessions, the
/// legal maximum of 45 school days), while a permanent exclusion has no length (a value given is ignored); one to three
/// reasons (CBDS codes or DfE descriptions, <c>OT</c> only before autumn 2020); a known status; one row per pupil,
/// start date and category.
/// </summary>
internal sealed class ExclusionRows : RowValidator
{
    /// <summary>docs/domain.md §Length and dates: at most 45 school days (90 sessions) of suspension in a year, so no single one is longer.</summary>
    public const int MaxSuspensionSessions = 90;

    private const int MaxReasons = 3;

    private static readonly char[] ReasonSeparators = [',', ';', '|'];

    private readonly int _category;
    private readonly int _sessions;
    private readonly int _days;
    private readonly int _status;
    private readonly (Field Field, int Column)[] _reasons;

    public ExclusionRows(HeaderMatch header, DropContext context)
        : base(header, context)
    {
        _category = header.ColumnOf(Field.Category);
        _sessions = header.ColumnOf(Field.Sessions);
        _days = header.ColumnOf(Field.Days);
        _status = header.ColumnOf(Field.Status);
        _reasons = [(Field.Reason1, header.ColumnOf(Field.Reason1)), (Field.Reason2, header.ColumnOf(Field.Reason2)), (Field.Reason3, header.ColumnOf(Field.Reason3))];
    }

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        var hasPupil = TryPupil(row, ref errors, out var pupil, out var pupilIndex);
        TryNcYear(row, ref errors, out var ncYear);
        var hasSchool = TrySchool(row, ref errors, out var school);
        var hasCategory = ExclusionCategories.TryParse(row[_category], out var category);
        if (!hasCategory)
        {
            Fail(ref errors, row, Field.Category, row[_category].Length == 0
                ? "Category is missing."
                : "Category must be PERM (permanent), FIXD (suspension, fixed term or fixed period) or LNCH (lunchtime).");
        }

        var hasStart = TryDate(row, Field.StartDate, ref errors, out var start);
        int? sessions = null;
        if (hasCategory && category != ExclusionCategory.Permanent)
        {
            sessions = Length(row, category, ref errors);
        }

        var reasons = Reasons(row, hasStart ? start : DateOnly.MinValue, ref errors);
        var withdrawn = Withdrawn(row, ref errors);

        if (errors is null && hasPupil && hasSchool && hasCategory
            && IsDuplicate(
                new RowKey(pupilIndex, start.DayNumber, (int)category, Duplicates.IndexOf(school.Value)),
                row,
                ref errors,
                Header.HeadingOf(Field.StartDate),
                "pupil, start date and category"))
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors!));
            return;
        }

        outcomes.Add(errors is null
            ? RowOutcome.Accepted(row.RowNumber, new ExclusionRecord(pupil, school, category, start, sessions, reasons, ncYear, withdrawn))
            : RowOutcome.Rejected(row.RowNumber, errors));
    }

    private int? Length(TabularRow row, ExclusionCategory category, ref List<RowError>? errors)
    {
        var sessionsText = row[_sessions];
        var daysText = row[_days];
        var what = category == ExclusionCategory.Suspension ? "A suspension" : "A lunchtime exclusion";
        if (sessionsText.Length == 0 && daysText.Length == 0)
        {
            Fail(ref errors, row, _sessions >= 0 || _days < 0 ? Field.Sessions : Field.Days, $"{what} needs its length in Sessions (or Days).");
            return null;
        }

        int? fromSessions = null;
        if (sessionsText.Length > 0)
        {
            if (!Numbers.TryWhole(sessionsText, out var value) || value < 1)
            {
                Fail(ref errors, row, Field.Sessions, "Sessions must be a whole number of at least 1.");
                return null;
            }

            fromSessions = value;
        }

        int? fromDays = null;
        if (daysText.Length > 0)
        {
            if (!Numbers.TryDecimal(daysText, out var days) || days * 2 != decimal.Truncate(days * 2) || days * 2 < 1 || days > int.MaxValue / 2)
            {
                Fail(ref errors, row, Field.Days, "Days must be a number of half days, at least 0.5 (e.g. 1, 2.5).");
                return null;
            }

            fromDays = (int)(days * 2);
        }

        if (fromSessions is { } s && fromDays is { } d && s != d)
        {
            Fail(ref errors, row, Field.Sessions, "Sessions and Days disagree (a day is two sessions).");
            return null;
        }

        var sessions = fromSessions ?? fromDays!.Value;
        if (category == ExclusionCategory.Suspension && sessions > MaxSuspensionSessions)
        {
            Fail(ref errors, row, fromSessions is null ? Field.Days : Field.Sessions,
                $"A suspension cannot be longer than {MaxSuspensionSessions} sessions (45 school days).");
            return null;
        }

        return sessions;
    }

    private List<string> Reasons(TabularRow row, DateOnly start, ref List<RowError>? errors)
    {
        var codes = new List<string>(MaxReasons);
        var failed = false;
        foreach (var (field, column) in _reasons)
        {
            var cell = row[column];
            if (cell.Length == 0)
            {
                continue;
            }

            // A Reason cell may list several ("PD, VA"); the descriptions themselves contain no such separators.
            var parts = cell.IndexOfAny(ReasonSeparators) < 0 ? [cell] : cell.Split(ReasonSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var part in parts)
            {
                if (ExclusionReason.TryParse(part, start, out var reason, out var error))
                {
                    if (!codes.Contains(reason.Code))
                    {
                        codes.Add(reason.Code);
                    }
                }
                else
                {
                    Fail(ref errors, row, field, error);
                    failed = true;
                }
            }
        }

        if (!failed && codes.Count == 0)
        {
            Fail(ref errors, row, Field.Reason1, "At least one reason is required.");
        }
        else if (codes.Count > MaxReasons)
        {
            Fail(ref errors, row, Field.Reason1, $"An exclusion has at most {MaxReasons} reasons.");
        }

        return codes;
    }

    private bool Withdrawn(TabularRow row, ref List<RowError>? errors)
    {
        switch (Normalised.Of(row[_status]))
        {
            case "withdrawn" or "rescinded" or "overturned" or "reinstated" or "cancelled" or "canceled":
                return true;
            case "" or "upheld" or "confirmed" or "active" or "current" or "open" or "closed" or "complete" or "completed":
                return false;
            default:
                Fail(ref errors, row, Field.Status, "Status must be empty, Upheld, or Withdrawn/Rescinded.");
                return false;
        }
    }
}
