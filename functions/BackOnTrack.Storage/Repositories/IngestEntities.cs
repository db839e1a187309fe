using System.Globalization;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest.Records;
using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// How normalised records are stored (docs/architecture.md §Storage contracts; Attendance is this hub's design, see README). Keys say what
/// a row describes, so the same event sent twice, or in two files, is one row. Every row carries the drop that last
/// wrote it, so a replaced or withdrawn drop's rows can be found and removed.
/// </summary>
public static class IngestEntities
{
    public const string SourceDropId = "SourceDropId";

    /// <summary>Attendance RowKey prefix of a pupil's marks for one month.</summary>
    public const string MarksPrefix = "M_";

    /// <summary>Attendance RowKey prefix of a pupil's summary for one period.</summary>
    public const string SummaryPrefix = "P_";

    /// <summary>Partition of a school's rows for one academic year (Exclusions and Attendance).</summary>
    public static string SchoolYearPartition(Laestab school, AcademicYear year) => $"{school.Value}_{year}";

    public static TableEntity Exclusion(ExclusionRecord record, string dropId)
    {
        var entity = new TableEntity(
            SchoolYearPartition(record.Laestab, record.AcademicYear),
            $"{record.PupilKey.Value}_{record.StartDate:yyyyMMdd}_{record.Category.ToCode()}")
        {
            ["PupilKey"] = record.PupilKey.Value,
            ["Category"] = record.Category.ToCode(),
            ["StartDate"] = Midnight(record.StartDate),
            ["Reasons"] = string.Join(',', record.Reasons),
            ["NcYear"] = record.NcYear.Code,
            ["Withdrawn"] = record.Withdrawn,
            [SourceDropId] = dropId,
        };
        if (record.Sessions is { } sessions)
        {
            entity["Sessions"] = sessions;
        }

        return entity;
    }

    public static TableEntity School(SchoolRecord record, string dropId) => new(record.AcademicYear.ToString(), record.Laestab.Value)
    {
        ["Urn"] = record.Urn,
        ["Name"] = record.Name,
        ["Phase"] = record.Phase.ToString(),
        ["Headcount"] = record.Headcount,
        [SourceDropId] = dropId,
    };

    public static TableEntity CohortMember(CohortMemberRecord record, string dropId) => new(record.Cohort, record.PupilKey.Value)
    {
        ["Laestab"] = record.Laestab.Value,
        ["StartDate"] = Midnight(record.StartDate),
        [SourceDropId] = dropId,
    };

    public static TableEntity AttendanceSummary(AttendanceSummaryRecord record, string dropId) => new(
        SchoolYearPartition(record.Laestab, record.AcademicYear),
        $"{SummaryPrefix}{record.PupilKey.Value}_{record.PeriodStart:yyyyMMdd}_{record.PeriodEnd:yyyyMMdd}")
    {
        ["PupilKey"] = record.PupilKey.Value,
        ["NcYear"] = record.NcYear.Code,
        ["PeriodStart"] = Midnight(record.PeriodStart),
        ["PeriodEnd"] = Midnight(record.PeriodEnd),
        ["PossibleSessions"] = record.PossibleSessions,
        ["Present"] = record.Present,
        ["ApprovedEducationalActivity"] = record.ApprovedEducationalActivity,
        ["AuthorisedAbsence"] = record.AuthorisedAbsence,
        ["UnauthorisedAbsence"] = record.UnauthorisedAbsence,
        [SourceDropId] = dropId,
    };

    /// <summary>The entity holding a pupil's marks for the month of <paramref name="date"/>.</summary>
    public static (string PartitionKey, string RowKey) AttendanceMonth(Laestab school, PupilKey pupil, DateOnly date) =>
        (SchoolYearPartition(school, AcademicYear.FromDate(date)), $"{MarksPrefix}{pupil.Value}_{date:yyyyMM}");

    private static readonly string[] SessionProperties =
        [.. Enumerable.Range(1, 31).SelectMany(day => new[] { string.Create(CultureInfo.InvariantCulture, $"S{day:D2}AM"), string.Create(CultureInfo.InvariantCulture, $"S{day:D2}PM") })];

    /// <summary>The property of one session in a month entity, e.g. <c>S03AM</c>.</summary>
    public static string SessionProperty(DateOnly date, Core.Attendance.Session session) =>
        SessionProperties[((date.Day - 1) * 2) + (session == Core.Attendance.Session.AM ? 0 : 1)];

    /// <summary>A session's stored value: the code and the short id of the drop that sent it, e.g. <c>/|a1b2c3d4e5f6</c>.</summary>
    public static string SessionValue(string code, string dropId) => code + "|" + DropId.ShortForm(dropId);

    /// <summary>Splits a stored session value into its code and short drop id.</summary>
    public static (string Code, string ShortDropId) ReadSessionValue(string value)
    {
        var bar = value.LastIndexOf('|');
        return bar < 0 ? (value, "") : (value[..bar], value[(bar + 1)..]);
    }

    /// <summary>
    /// Unpacks a pupil-month entity (RowKey ending <c>_yyyyMM</c>) into its sessions with their stored codes and the
    /// categories those codes have in the code set of each session's date (the 2024 set from 19 August 2024).
    /// </summary>
    public static IEnumerable<(DateOnly Date, Core.Attendance.Session Session, string Code, Core.Attendance.AttendanceCategory Category)> ReadMonth(TableEntity month)
    {
        ArgumentNullException.ThrowIfNull(month);
        return ReadMonth(month.RowKey, month!);
    }

    private static IEnumerable<(DateOnly Date, Core.Attendance.Session Session, string Code, Core.Attendance.AttendanceCategory Category)> ReadMonth(
        string rowKey, IEnumerable<KeyValuePair<string, object>> properties)
    {
        var yearMonth = rowKey[^6..];
        var (year, monthOfYear) = (int.Parse(yearMonth[..4], CultureInfo.InvariantCulture), int.Parse(yearMonth[4..], CultureInfo.InvariantCulture));
        foreach (var (name, value) in properties.Where(p => IsSessionProperty(p.Key)))
        {
            var date = new DateOnly(year, monthOfYear, int.Parse(name[1..3], CultureInfo.InvariantCulture));
            var session = name.EndsWith("AM", StringComparison.Ordinal) ? Core.Attendance.Session.AM : Core.Attendance.Session.PM;
            var code = ReadSessionValue((string)value).Code;
            // Stored codes were valid for their date when ingested; one that no longer parses is skipped, not guessed.
            if (Core.Attendance.AttendanceCode.TryParse(code, date, out var parsed, out _))
            {
                yield return (date, session, parsed.Code, parsed.Category);
            }
        }
    }

    public static bool IsSessionProperty(string name) => name.Length == 5 && name[0] == 'S' && char.IsAsciiDigit(name[1]) && char.IsAsciiDigit(name[2]);

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
