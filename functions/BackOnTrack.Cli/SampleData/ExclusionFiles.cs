using System.Globalization;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Cli.SampleData;

/// <summary>A school's exclusions file for the year, in the school's <see cref="ExclusionsLayout"/>.</summary>
internal static class ExclusionFiles
{
    /// <summary>A reason code no version of CBDS has, as a school-specific MIS code would be.</summary>
    private const string UnknownReason = "ZZ";

    public static SampleFile Build(SampleSchool school, AcademicYear year, IReadOnlyList<SampleExclusion> exclusions, DateOnly exportedOn)
    {
        var random = SampleRandom.For("exclusions file " + school.Laestab);
        var rows = BadRowPlanter.Plant(exclusions, school.Plan.ExclusionsBadRows, Spoil, random);
        var path = $"{school.Laestab}/exclusions-{year}";
        switch (school.Plan.ExclusionsLayout)
        {
            case ExclusionsLayout.LaTemplate:
                return Csv(path, school, SampleTable.Of(
                    [
                        new("UPN", e => e.Pupil.Upn),
                        new("NCYear", e => NcYearText.Plain(e.Pupil.NcYear)),
                        new("Category", e => e.Category.ToCode()),
                        new("StartDate", e => e.Start),
                        new("Sessions", e => e.Sessions),
                        new("Reason1", e => Reason(e, 0)),
                        new("Reason2", e => Reason(e, 1)),
                        new("Reason3", e => Reason(e, 2)),
                        new("Status", e => Status(e, standing: string.Empty)),
                    ],
                    rows), CsvEncoding.Utf8, "dd/MM/yyyy");

            case ExclusionsLayout.MisWithDaysAndDescriptions:
                return Csv(path, school, SampleTable.Of(
                    [
                        new("UPN", e => e.Pupil.Upn),
                        new("Year Group", e => NcYearText.Words(e.Pupil.NcYear)),
                        new("Exclusion Type", e => e.Category switch
                        {
                            ExclusionCategory.Permanent => "Permanent",
                            ExclusionCategory.Suspension => "Fixed Term",
                            _ => "Lunchtime",
                        }),
                        new("Start Date", e => e.Start),
                        new("Days", e => e.Sessions / 2m),
                        new("Reason", e => Description(e, 0)),
                        new("Reason 2", e => Description(e, 1)),
                        new("Reason 3", e => Description(e, 2)),
                    ],
                    rows), CsvEncoding.Utf8, "d MMM yyyy");

            case ExclusionsLayout.ShortWithIsoDates:
                return Csv(path, school, SampleTable.Of(
                    [
                        new("UPN", e => e.Pupil.Upn),
                        new("NC Year", e => NcYearText.Prefixed(e.Pupil.NcYear)),
                        new("Type", e => e.Category switch
                        {
                            ExclusionCategory.Permanent => "Permanent",
                            ExclusionCategory.Suspension => "Suspension",
                            _ => "Lunchtime",
                        }),
                        new("Start Date", e => e.Start),
                        new("Sessions", e => e.Sessions),
                        // All the reasons in one cell, as some exports list them.
                        new("Reason Code", e => string.Join(", ", e.Reasons)),
                    ],
                    rows), CsvEncoding.Utf8, "yyyy-MM-dd");

            case ExclusionsLayout.TitledWorkbookWithNames:
                var table = SampleTable.Of(
                    [
                        new("UPN", e => e.Pupil.Upn),
                        new("Legal Surname", e => e.Pupil.Surname, Personal: true),
                        new("Preferred Forename", e => e.Pupil.Forename, Personal: true),
                        new("Reg Group", e => RegistrationGroup(e.Pupil)),
                        new("NC Year", e => NcYearText.Number(e.Pupil.NcYear)),
                        new("Category", e => e.Category switch
                        {
                            ExclusionCategory.Permanent => "Permanent",
                            ExclusionCategory.Suspension => "Suspension",
                            _ => "Lunchtime",
                        }),
                        new("Start Date", e => e.Start),
                        new("Sessions", e => e.Sessions),
                        new("Reason 1", e => CodeAndDescription(e, 0)),
                        new("Reason 2", e => CodeAndDescription(e, 1)),
                        new("Reason 3", e => CodeAndDescription(e, 2)),
                        new("Status", e => Status(e, standing: string.Empty)),
                    ],
                    rows,
                    [school.Plan.Name, $"Exclusions and suspensions, {Long(year.Start)} to {Long(year.End)}", $"Produced {Long(exportedOn)}"]);
                return SampleFile.Accepted(path + ".xlsx", school.Laestab, DropKind.Exclusions, DropLayout.Table, table, SampleXlsx.Write(table, "Exclusions", exportedOn));

            case ExclusionsLayout.DfeNumberWithStatus:
                return Csv(path, school, SampleTable.Of(
                    [
                        new("DfE Number", _ => $"{SampleLa.LaCode}/{school.Plan.Estab}"),
                        new("UPN", e => e.Pupil.Upn),
                        new("NC Year", e => NcYearText.Prefixed(e.Pupil.NcYear)),
                        new("Category", e => e.Category.ToCode()),
                        new("Start Date", e => e.Start),
                        new("Sessions", e => e.Sessions),
                        new("Reason Code 1", e => Reason(e, 0)),
                        new("Reason Code 2", e => Reason(e, 1)),
                        new("Reason Code 3", e => Reason(e, 2)),
                        new("Exclusion Status", e => Status(e, standing: "Upheld")),
                    ],
                    rows), CsvEncoding.Utf8WithBom, "dd/MM/yyyy");

            case ExclusionsLayout.LongMisHeadings:
                return Csv(path, school, SampleTable.Of(
                    [
                        new("UPN", e => e.Pupil.Upn),
                        new("Year Group", e => NcYearText.Words(e.Pupil.NcYear)),
                        new("Exclusion Category", e => e.Category.ToCode()),
                        new("Exclusion Start Date", e => e.Start),
                        new("Number of Sessions", e => e.Sessions),
                        new("Exclusion Reason 1", e => Reason(e, 0)),
                        new("Exclusion Reason 2", e => Reason(e, 1)),
                        new("Exclusion Reason 3", e => Reason(e, 2)),
                    ],
                    rows), CsvEncoding.Utf8, "dd/MM/yyyy");

            default:
                throw new InvalidOperationException($"No exclusions layout {school.Plan.ExclusionsLayout}.");
        }
    }

    private static (SampleExclusion Row, string Problem)? Spoil(BadRowKind kind, SampleExclusion exclusion) => kind switch
    {
        BadRowKind.WrongCheckLetter =>
            (exclusion with { Pupil = exclusion.Pupil with { Upn = UpnAllocator.WithWrongCheckLetter(exclusion.Pupil.Upn) } }, "UPN with a wrong check letter"),
        BadRowKind.FutureDate =>
            (exclusion with { Start = exclusion.Start.AddYears(10) }, "start date with the year mistyped, ten years ahead"),
        BadRowKind.UnknownReasonCode =>
            (exclusion with { Reasons = [UnknownReason] }, "reason code that is not a CBDS code"),
        BadRowKind.ZeroSessionSuspension when exclusion.Category == ExclusionCategory.Suspension =>
            (exclusion with { Sessions = 0 }, "suspension of 0 sessions"),
        BadRowKind.ZeroSessionSuspension => null,
        BadRowKind.DuplicateRow => (exclusion, "the same exclusion again"),
        _ => throw BadRowPlanter.Unsupported(kind, "exclusions"),
    };

    private static SampleFile Csv(string path, SampleSchool school, SampleTable table, CsvEncoding encoding, string dateFormat) =>
        SampleFile.Accepted(path + ".csv", school.Laestab, DropKind.Exclusions, DropLayout.Table, table, SampleCsv.Write(table, encoding, dateFormat));

    private static string? Reason(SampleExclusion exclusion, int index) => index < exclusion.Reasons.Count ? exclusion.Reasons[index] : null;

    private static string? Description(SampleExclusion exclusion, int index) =>
        Reason(exclusion, index) is { } code && ExclusionReason.TryParse(code, exclusion.Start, out var reason, out _) ? reason.Description : Reason(exclusion, index);

    // "PD - Persistent disruptive behaviour", as MIS reports print a reason.
    private static string? CodeAndDescription(SampleExclusion exclusion, int index) =>
        Reason(exclusion, index) is { } code && ExclusionReason.TryParse(code, exclusion.Start, out var reason, out _) ? $"{code} - {reason.Description}" : Reason(exclusion, index);

    private static string Status(SampleExclusion exclusion, string standing) => exclusion.Status switch
    {
        ExclusionStatus.Withdrawn => "Withdrawn",
        ExclusionStatus.Rescinded => "Rescinded",
        _ => standing,
    };

    // A form such as "9C": the year group and a letter that stays the same for the pupil.
    private static string RegistrationGroup(SamplePupil pupil) =>
        pupil.NcYear.Code + "ABCD"[pupil.Upn[^1] % 4];

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
