using BackOnTrack.Core.Ingest.Headers;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;

namespace BackOnTrack.Core.Ingest.Validation;

/// <summary>
/// Cohort membership rows. Rules: a valid pupil and school; a cohort name of letters, digits and hyphens (it becomes a
/// table key and a breakdown name, docs/architecture.md §Storage), at most 64 characters; a start date not after today; each pupil once
/// per cohort.
/// </summary>
internal sealed class CohortRows : RowValidator
{
    public const int MaxCohortNameLength = 64;

    private readonly int _cohort;

    public CohortRows(HeaderMatch header, DropContext context)
        : base(header, context) => _cohort = header.ColumnOf(Field.Cohort);

    public override void Validate(TabularRow row, List<RowOutcome> outcomes)
    {
        List<RowError>? errors = null;
        var hasPupil = TryPupil(row, ref errors, out var pupil, out var pupilIndex);
        TrySchool(row, ref errors, out var school);
        var cohort = row[_cohort];
        var hasCohort = IsCohortName(cohort);
        if (!hasCohort)
        {
            Fail(ref errors, row, Field.Cohort, cohort.Length == 0
                ? "Cohort is missing."
                : $"Cohort name must be 1–{MaxCohortNameLength} letters, digits and hyphens (no spaces).");
        }

        TryDate(row, Field.StartDate, ref errors, out var start);

        if (errors is null && hasPupil && hasCohort
            && IsDuplicate(new RowKey(pupilIndex, Duplicates.IndexOf(cohort), 0, 0), row, ref errors, Header.HeadingOf(Field.Cohort), "pupil and cohort"))
        {
            outcomes.Add(RowOutcome.Rejected(row.RowNumber, errors!));
            return;
        }

        outcomes.Add(errors is null
            ? RowOutcome.Accepted(row.RowNumber, new CohortMemberRecord(pupil, school, cohort, start))
            : RowOutcome.Rejected(row.RowNumber, errors));
    }

    internal static bool IsCohortName(string name) =>
        name.Length is > 0 and <= MaxCohortNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
