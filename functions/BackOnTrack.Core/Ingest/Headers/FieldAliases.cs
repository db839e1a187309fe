using System.Collections.Frozen;
using BackOnTrack.Core.Text;

namespace BackOnTrack.Core.Ingest.Headers;

/// <summary>
/// The headings each field is recognised by: the LA template's canonical heading first, then the aliases of docs/architecture.md §Inputs
/// and common MIS export headings. Compared in <see cref="Normalised"/> form, so case, spaces, underscores and
/// punctuation do not matter. A kind only looks up its own fields, so "Name" can be a school's name in a schools
/// register and a pupil's (personal, dropped) elsewhere.
/// </summary>
internal static class FieldAliases
{
    private static readonly Dictionary<Field, string[]> Headings = new()
    {
        [Field.Upn] = ["UPN", "Unique Pupil Number", "Pupil UPN"],
        [Field.NcYear] = ["NCYear", "NC Year", "Year Group", "National Curriculum Year", "NC Year Group", "Year", "Yr Group", "Year Grp"],
        [Field.Laestab] = ["LAESTAB", "DfE Number", "DfE No", "LA Estab", "LAESTAB Number", "School LAESTAB"],
        [Field.Category] = ["Category", "Exclusion Type", "Type", "Exclusion Category"],
        [Field.StartDate] = ["StartDate", "Start Date", "Exclusion Start Date", "Date Joined", "Joined"],
        [Field.Sessions] = ["Sessions", "Number of Sessions", "No of Sessions", "Sessions Excluded", "Length (Sessions)"],
        [Field.Days] = ["Days", "Number of Days", "No of Days", "Days Excluded", "Length (Days)"],
        [Field.Reason1] = ["Reason1", "Reason", "Reason Code", "Reason Code 1", "Exclusion Reason", "Exclusion Reason 1"],
        [Field.Reason2] = ["Reason2", "Reason Code 2", "Exclusion Reason 2"],
        [Field.Reason3] = ["Reason3", "Reason Code 3", "Exclusion Reason 3"],
        [Field.Status] = ["Status", "Exclusion Status"],
        [Field.Date] = ["Date", "Session Date", "Attendance Date"],
        [Field.Session] = ["Session", "AM/PM", "Session (AM/PM)"],
        [Field.Mark] = ["Mark", "Code", "Attendance Code", "Attendance Mark", "Mark Code"],
        [Field.PeriodStart] = ["PeriodStart", "Period Start", "Period Start Date", "From Date", "Date From"],
        [Field.PeriodEnd] = ["PeriodEnd", "Period End", "Period End Date", "To Date", "Date To"],
        [Field.PossibleSessions] = ["PossibleSessions", "Possible Sessions", "Possible", "Sessions Possible"],
        [Field.Present] = ["Present", "Attended", "Present Sessions", "Sessions Attended", "Attended Sessions"],
        [Field.Aea] = ["AEA", "Approved Educational Activity", "AEA Sessions", "Approved Educational Activity Sessions"],
        [Field.AuthorisedAbsence] = ["AuthorisedAbsence", "Authorised Absence", "Authorised", "Authorised Absence Sessions", "Authorized Absence"],
        [Field.UnauthorisedAbsence] = ["UnauthorisedAbsence", "Unauthorised Absence", "Unauthorised", "Unauthorised Absence Sessions", "Unauthorized Absence"],
        [Field.Urn] = ["URN", "Unique Reference Number", "School URN"],
        [Field.SchoolName] = ["SchoolName", "School Name", "Name", "Establishment Name"],
        [Field.Phase] = ["Phase", "School Phase", "Phase of Education", "Education Phase"],
        [Field.AcademicYear] = ["AcademicYear", "Academic Year", "Year", "Time Period"],
        [Field.Headcount] = ["Headcount", "Head Count", "Pupils on Roll", "Number on Roll", "NOR"],
        [Field.Cohort] = ["Cohort", "Cohort Name", "Programme"],
    };

    private static readonly FrozenDictionary<Field, FrozenSet<string>> ByField = Headings.ToFrozenDictionary(
        pair => pair.Key,
        pair => pair.Value.Select(Normalised.Of).ToFrozenSet(StringComparer.Ordinal));

    /// <summary>The canonical heading, used to name a column the file lacks.</summary>
    public static string CanonicalHeading(Field field) => Headings[field][0];

    /// <summary>True when a normalised heading names the field.</summary>
    public static bool Matches(Field field, string normalisedHeading) => ByField[field].Contains(normalisedHeading);
}
