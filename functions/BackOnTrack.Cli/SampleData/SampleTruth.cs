using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Adds up the generated records (never the files) into <see cref="TruthFigures"/>, by the rules documented there.
/// </summary>
internal static class SampleTruth
{
    public static IReadOnlyList<TruthFigures> For(
        IReadOnlyList<(SampleSchool School, IReadOnlyList<SampleExclusion> Exclusions, SampleRegister Register)> schools,
        AcademicYear year,
        DateOnly censusDay)
    {
        var bySchool = schools.Select(s => (s.School.Phase, Figures: School(s.School, s.Exclusions, s.Register, year, censusDay))).ToList();
        var truth = bySchool.Select(s => s.Figures).ToList();

        // DfE's "Total" (the LA's All) is primary, secondary and special: alternative provision only under its phase.
        truth.Add(Sum(DropLocation.LaScope, TruthFigures.AllBreakdown, year, bySchool.Where(s => s.Phase != SchoolPhase.AlternativeProvision).Select(s => s.Figures)));
        foreach (var phase in bySchool.Select(s => s.Phase).Distinct().Order())
        {
            truth.Add(Sum(DropLocation.LaScope, "Phase-" + phase, year, bySchool.Where(s => s.Phase == phase).Select(s => s.Figures)));
        }

        return truth;
    }

    private static TruthFigures School(SampleSchool school, IReadOnlyList<SampleExclusion> exclusions, SampleRegister register, AcademicYear year, DateOnly censusDay)
    {
        var counted = exclusions.Where(e => e.Counts && year.Contains(e.Start)).ToList();
        var suspensions = counted.Where(e => e.Category == ExclusionCategory.Suspension).ToList();

        int enrolments = 0, possible = 0, authorised = 0, unauthorised = 0;
        foreach (var pupil in school.Pupils.Where(p => p.OfCompulsorySchoolAge))
        {
            var pupilPossible = 0;
            var marks = register.MarksOf(pupil);
            for (var i = 0; i < marks.Count; i++)
            {
                if (marks[i] is not { } mark)
                {
                    continue;
                }

                switch (AttendanceFiles.Category(mark, register.Sessions[i].Date))
                {
                    case AttendanceCategory.NotPossibleSession:
                        continue;
                    case AttendanceCategory.AuthorisedAbsence:
                        authorised++;
                        break;
                    case AttendanceCategory.UnauthorisedAbsence:
                        unauthorised++;
                        break;
                }

                pupilPossible++;
            }

            possible += pupilPossible;
            enrolments += pupilPossible > 0 ? 1 : 0;
        }

        return new TruthFigures(
            school.Laestab,
            TruthFigures.AllBreakdown,
            year,
            school.HeadcountOn(censusDay),
            counted.Count(e => e.Category == ExclusionCategory.Permanent),
            suspensions.Count,
            suspensions.Select(e => e.Pupil.Upn).Distinct().Count(),
            suspensions.Sum(e => e.Sessions!.Value),
            enrolments,
            possible,
            authorised,
            unauthorised);
    }

    // Pupil counts too are sums: docs/architecture.md §Storage counts pupils per school enrolment.
    private static TruthFigures Sum(string scope, string breakdown, AcademicYear year, IEnumerable<TruthFigures> parts)
    {
        var list = parts.ToList();
        return new TruthFigures(
            scope,
            breakdown,
            year,
            list.Sum(t => t.Headcount),
            list.Sum(t => t.PermanentExclusions),
            list.Sum(t => t.Suspensions),
            list.Sum(t => t.PupilsWithOneOrMoreSuspensions),
            list.Sum(t => t.SuspensionSessions),
            list.Sum(t => t.Enrolments),
            list.Sum(t => t.PossibleSessions),
            list.Sum(t => t.AuthorisedAbsenceSessions),
            list.Sum(t => t.UnauthorisedAbsenceSessions));
    }
}
