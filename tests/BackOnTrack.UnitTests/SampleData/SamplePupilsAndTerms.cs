using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;
using BackOnTrack.Cli.SampleData;

namespace BackOnTrack.UnitTests.SampleData;

/// <summary>The sample LA's pupils and term dates.</summary>
public sealed class SamplePupilsAndTerms
{
    private static readonly AcademicYear Year = AcademicYear.StartingIn(2024);

    [Fact]
    public void Every_pupil_has_a_valid_upn_of_the_la_no_two_share_one_and_two_are_temporary()
    {
        var pupils = Schools().SelectMany(s => s.Pupils).ToList();

        Assert.All(pupils, p => Assert.True(Upn.TryParse(p.Upn, out _, out var reason), reason));
        Assert.All(pupils, p => Assert.Equal(SampleLa.LaCode, p.Upn[1..4]));
        Assert.Equal(pupils.Count, pupils.Select(p => p.Upn).Distinct().Count());
        Assert.Equal(2, pupils.Count(p => Upn.TryParse(p.Upn, out var upn, out _) && upn.IsTemporary));
    }

    [Fact]
    public void A_wrong_check_letter_is_one_the_upn_check_rejects()
    {
        var upn = Schools()[0].Pupils[0].Upn;

        Assert.False(Upn.TryParse(UpnAllocator.WithWrongCheckLetter(upn), out _, out var reason));
        Assert.Contains("check letter", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SchoolPhase.Primary, 0, 6)]
    [InlineData(SchoolPhase.Secondary, 7, 13)]
    [InlineData(SchoolPhase.AlternativeProvision, 5, 11)]
    public void Pupils_year_groups_fit_their_schools_phase(SchoolPhase phase, int lowest, int highest)
    {
        var pupils = Schools().Where(s => s.Phase == phase).SelectMany(s => s.Pupils).ToList();

        Assert.NotEmpty(pupils);
        Assert.All(pupils, p => Assert.InRange(SamplePupil.YearNumber(p.NcYear), lowest, highest));
    }

    [Fact]
    public void The_2024_25_terms_are_the_usual_ones_and_the_census_is_the_third_thursday_of_january()
    {
        var terms = new SampleTermDates(Year);

        Assert.Equal(new DateOnly(2024, 9, 2), terms.AutumnStart);
        Assert.Equal(new DateOnly(2024, 12, 20), terms.AutumnEnd);
        Assert.DoesNotContain(terms.AutumnDays, d => d >= new DateOnly(2024, 10, 28) && d <= new DateOnly(2024, 11, 1));
        Assert.Equal(75, terms.AutumnDays.Count);
        Assert.Equal(new DateOnly(2025, 1, 16), terms.CensusDay);
        Assert.DoesNotContain(terms.SchoolDays, d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.DoesNotContain(new DateOnly(2025, 4, 21), terms.SchoolDays);
        Assert.Equal(new DateOnly(2025, 4, 11), terms.SchoolDays.Last(d => d.Month == 4 && d.Day < 20));
        Assert.Equal(new DateOnly(2025, 7, 18), terms.SchoolDays[^1]);
        Assert.InRange(terms.SchoolDays.Count, 190, 200);
    }

    private static List<SampleSchool> Schools()
    {
        var terms = new SampleTermDates(Year);
        var upns = new UpnAllocator(SampleLa.LaCode);
        return [.. SampleLa.Schools.Select(plan => SampleSchool.Create(plan, Year, terms, upns))];
    }
}
