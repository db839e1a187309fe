using System.Globalization;
using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Schools;
using BackOnTrack.Cli.SampleData;

namespace BackOnTrack.UnitTests.SampleData;

/// <summary>The dataset's truth against what the hub's reader takes from the files.</summary>
public sealed class SampleDatasetTruth(GeneratedFolder generated) : IClassFixture<GeneratedFolder>
{
    [Theory]
    [InlineData("2025-09-01", 2024)]
    [InlineData("2025-08-01", 2024)]
    [InlineData("2025-07-31", 2023)]
    public void The_dataset_covers_the_last_full_academic_year_before_the_as_of_date(string asOf, int startYear)
    {
        var year = SampleDatasetGenerator.YearBefore(DateOnly.Parse(asOf, CultureInfo.InvariantCulture));

        Assert.Equal(AcademicYear.StartingIn(startYear), year);
    }

    [Fact]
    public void The_truths_headcounts_are_the_schools_registers()
    {
        var register = Assert.Single(generated.Dataset.Files, f => f.Kind == DropKind.Schools);
        var (read, outcomes) = generated.ReadAll(register);
        using (read)
        {
            var schools = outcomes.Select(o => Assert.IsType<SchoolRecord>(o.Record)).ToList();

            Assert.Equal(generated.Dataset.Schools.Select(s => s.Laestab), schools.Select(s => s.Laestab.Value));
            Assert.All(schools, s => Assert.Equal(generated.Dataset.AcademicYear, s.AcademicYear));
            Assert.All(schools, s => Assert.Equal(s.Headcount, generated.Dataset.TruthFor(s.Laestab.Value).Headcount));
            Assert.All(schools, s => Assert.InRange(s.Headcount, 30, 120));
            // docs/architecture.md §Storage: the LA's All is primary, secondary and special; the PRU only under its own phase.
            Assert.Equal(
                schools.Where(s => s.Phase != SchoolPhase.AlternativeProvision).Sum(s => s.Headcount),
                generated.Dataset.TruthFor(DropLocation.LaScope).Headcount);
            Assert.Equal(
                schools.Where(s => s.Phase == SchoolPhase.AlternativeProvision).Sum(s => s.Headcount),
                generated.Dataset.TruthFor(DropLocation.LaScope, "Phase-AlternativeProvision").Headcount);
        }
    }

    [Fact]
    public void The_school_phases_are_three_primary_two_secondary_and_a_pupil_referral_unit()
    {
        Assert.Equal(
            [SchoolPhase.Primary, SchoolPhase.Primary, SchoolPhase.Primary, SchoolPhase.Secondary, SchoolPhase.Secondary, SchoolPhase.AlternativeProvision],
            generated.Dataset.Schools.Select(s => s.Phase));
    }

    [Fact]
    public void Each_schools_truth_is_what_the_reader_takes_from_its_accepted_rows()
    {
        foreach (var school in generated.Dataset.Schools)
        {
            var expected = generated.Dataset.TruthFor(school.Laestab);
            var actual = FromFiles(school.Laestab);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void The_la_rows_add_up_the_schools_and_the_sample_has_exclusions_and_absence_of_every_sort()
    {
        var truth = generated.Dataset;
        var all = truth.TruthFor(DropLocation.LaScope);
        var mainstream = truth.Schools.Where(s => s.Phase != SchoolPhase.AlternativeProvision).Select(s => truth.TruthFor(s.Laestab)).ToList();

        Assert.Equal(mainstream.Sum(t => t.Suspensions), all.Suspensions);
        Assert.Equal(mainstream.Sum(t => t.PossibleSessions), all.PossibleSessions);
        Assert.Equal(
            truth.Schools.Where(s => s.Phase == SchoolPhase.Primary).Sum(s => truth.TruthFor(s.Laestab).AbsenceSessions),
            truth.TruthFor(DropLocation.LaScope, "Phase-Primary").AbsenceSessions);
        Assert.True(all.PermanentExclusions > 0);
        Assert.True(all.PupilsWithOneOrMoreSuspensions < all.Suspensions, "Some pupils are suspended more than once.");
        Assert.True(all.AuthorisedAbsenceSessions > 0 && all.UnauthorisedAbsenceSessions > 0);
        // An overall absence rate of the order DfE publishes (docs/domain.md §Absence measures: 7.1% in 2023/24).
        Assert.InRange(100.0 * all.AbsenceSessions / all.PossibleSessions, 3.0, 12.0);
    }

    /// <summary>The figures as the hub's reader gives them: the school's accepted rows, counted by the truth's rules.</summary>
    private TruthFigures FromFiles(string laestab)
    {
        var year = generated.Dataset.AcademicYear;
        var exclusions = new List<ExclusionRecord>();
        var possibleByPupil = new Dictionary<PupilKey, int>();
        int authorised = 0, unauthorised = 0;
        foreach (var file in generated.Dataset.Files.Where(f => f.School == laestab && f.Outcome == ExpectedOutcome.Accepted))
        {
            var (read, outcomes) = generated.ReadAll(file);
            read.Dispose();
            foreach (var record in outcomes.Where(o => o.IsAccepted).Select(o => o.Record))
            {
                switch (record)
                {
                    case ExclusionRecord exclusion when exclusion.AcademicYear == year && !exclusion.Withdrawn:
                        exclusions.Add(exclusion);
                        break;
                    case AttendanceMarkRecord mark when CompulsoryAge(mark.NcYear) && mark.Code.IsPossibleSession:
                        possibleByPupil[mark.PupilKey] = possibleByPupil.GetValueOrDefault(mark.PupilKey) + 1;
                        authorised += mark.Code.Category == AttendanceCategory.AuthorisedAbsence ? 1 : 0;
                        unauthorised += mark.Code.Category == AttendanceCategory.UnauthorisedAbsence ? 1 : 0;
                        break;
                    case AttendanceSummaryRecord summary when CompulsoryAge(summary.NcYear):
                        possibleByPupil[summary.PupilKey] = possibleByPupil.GetValueOrDefault(summary.PupilKey) + summary.PossibleSessions;
                        authorised += summary.AuthorisedAbsence;
                        unauthorised += summary.UnauthorisedAbsence;
                        break;
                }
            }
        }

        var suspensions = exclusions.Where(e => e.Category == ExclusionCategory.Suspension).ToList();
        return new TruthFigures(
            laestab,
            TruthFigures.AllBreakdown,
            year,
            generated.Dataset.TruthFor(laestab).Headcount,
            exclusions.Count(e => e.Category == ExclusionCategory.Permanent),
            suspensions.Count,
            suspensions.Select(e => e.PupilKey).Distinct().Count(),
            suspensions.Sum(e => e.Sessions!.Value),
            possibleByPupil.Count(p => p.Value > 0),
            possibleByPupil.Values.Sum(),
            authorised,
            unauthorised);
    }

    private static bool CompulsoryAge(NcYear year) =>
        int.TryParse(year.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 11;
}
