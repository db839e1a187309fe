using System.Globalization;
using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.SampleData;

/// <summary>An invented pupil on a sample school's roll.</summary>
/// <param name="Upn">A UPN with a correct check letter (permanent, or for a few new arrivals temporary).</param>
/// <param name="NcYear">The pupil's year group for the whole sample year.</param>
/// <param name="Forename">An invented forename.</param>
/// <param name="Surname">An invented surname.</param>
/// <param name="DateOfBirth">A date of birth that fits the year group.</param>
/// <param name="Joined">The first day on roll, for a pupil who arrived during the year; null when on roll from the start.</param>
/// <param name="Left">The last day on roll, for a pupil who left during the year; null when still on roll.</param>
/// <param name="AbsenceRate">The share of sessions the pupil tends to miss (before suspensions and school events).</param>
internal sealed record SamplePupil(
    string Upn,
    NcYear NcYear,
    string Forename,
    string Surname,
    DateOnly DateOfBirth,
    DateOnly? Joined,
    DateOnly? Left,
    double AbsenceRate)
{
    public bool OnRollOn(DateOnly date) => (Joined is null || date >= Joined) && (Left is null || date <= Left);

    public bool OnRollAllYear => Joined is null && Left is null;

    /// <summary>NC years 1–11: the pupils DfE's absence statistics cover (docs/architecture.md §Storage).</summary>
    public bool OfCompulsorySchoolAge => YearNumber(NcYear) is >= 1 and <= 11;

    /// <summary>0 for reception, otherwise the NC year's number.</summary>
    public static int YearNumber(NcYear year) =>
        year == NcYear.Reception ? 0 : int.Parse(year.Code, NumberStyles.None, CultureInfo.InvariantCulture);
}
