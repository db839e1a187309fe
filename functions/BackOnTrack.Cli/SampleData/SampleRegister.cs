using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>One registration session of the register.</summary>
internal readonly record struct RegisterSession(DateOnly Date, Session Session);

/// <summary>
/// A school's autumn-term register: a mark for each pupil and session while the pupil is on roll (docs/domain.md §Attendance). Mostly
/// present (<c>/</c>, <c>\</c>, some late <c>L</c>), with absences in episodes drawn from each pupil's absence rate
/// (illness <c>I</c> over a day or more, unauthorised <c>O</c>, <c>N</c>, <c>U</c>, term-time holiday <c>G</c>,
/// appointments <c>M</c>, leave <c>C</c>), and school events on top: INSET days (<c>#</c>), a year group's trip
/// (<c>V</c>), suspensions (<c>E</c>), reception pupils not yet attending full days (<c>X</c>); at the PRU, a pupil at
/// LA-arranged provision (<c>K</c>, before the 2024 code set <c>B</c>) and one on a part-time timetable (<c>C2</c>, before
/// it <c>C</c>). Every code is valid for its date's code set.
/// </summary>
internal sealed class SampleRegister
{
    // Episode codes with their weights and lengths in sessions; lengths average about 2.7 sessions.
    private static readonly (string Code, int Weight)[] Episodes = [("I", 50), ("O", 18), ("M", 10), ("U", 8), ("N", 6), ("G", 4), ("C", 4)];

    private const double MeanEpisodeSessions = 2.7;

    private readonly Dictionary<SamplePupil, string?[]> _marks;

    private SampleRegister(IReadOnlyList<RegisterSession> sessions, Dictionary<SamplePupil, string?[]> marks)
    {
        Sessions = sessions;
        _marks = marks;
    }

    /// <summary>The term's sessions in order, INSET days included (a register has a column for them).</summary>
    public IReadOnlyList<RegisterSession> Sessions { get; }

    /// <summary>The pupil's mark for each of <see cref="Sessions"/>; null while the pupil is not on roll.</summary>
    public IReadOnlyList<string?> MarksOf(SamplePupil pupil) => _marks[pupil];

    /// <summary>Replaces a pupil's marks session by session (the planted early-warning pupils' attendance).</summary>
    public void Rewrite(SamplePupil pupil, Func<RegisterSession, string?, string?> mark)
    {
        var row = _marks[pupil];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = mark(Sessions[i], row[i]);
        }
    }

    public static SampleRegister Take(SampleSchool school, SampleTermDates terms, IReadOnlyList<SampleExclusion> exclusions)
    {
        var random = SampleRandom.For("register " + school.Laestab);
        var sessions = terms.AutumnDays.SelectMany(d => new[] { new RegisterSession(d, Session.AM), new RegisterSession(d, Session.PM) }).ToList();
        var events = SchoolEvents(school, terms, exclusions, random);
        var marks = new Dictionary<SamplePupil, string?[]>();
        foreach (var pupil in school.Pupils)
        {
            var row = new string?[sessions.Count];
            string? episode = null;
            var episodeLeft = 0;
            for (var i = 0; i < sessions.Count; i++)
            {
                var (date, session) = sessions[i];
                if (!pupil.OnRollOn(date))
                {
                    continue;
                }

                if (events(pupil, date, session) is { } fixedMark)
                {
                    row[i] = fixedMark;
                    continue;
                }

                if (episodeLeft == 0 && random.Chance(pupil.AbsenceRate / MeanEpisodeSessions))
                {
                    (episode, episodeLeft) = NewEpisode(session, random);
                }

                if (episodeLeft > 0)
                {
                    row[i] = episode;
                    episodeLeft--;
                }
                else
                {
                    row[i] = session == Session.AM ? (random.Chance(0.04) ? "L" : "/") : "\\";
                }
            }

            marks[pupil] = row;
        }

        return new SampleRegister(sessions, marks);
    }

    private static (string Code, int Sessions) NewEpisode(Session session, SampleRandom random)
    {
        var code = random.PickWeighted(Episodes);
        var length = code switch
        {
            // Illness takes the rest of the day and often a day or two more.
            "I" => (session == Session.AM ? 2 : 1) + (2 * random.Next(3)),
            "G" => 10,
            "C" => 2,
            _ => 1,
        };
        return (code, length);
    }

    /// <summary>The marks school events fix, whatever the pupil's own pattern: null where none applies.</summary>
    private static Func<SamplePupil, DateOnly, Session, string?> SchoolEvents(
        SampleSchool school, SampleTermDates terms, IReadOnlyList<SampleExclusion> exclusions, SampleRandom random)
    {
        var inset = school.InsetDays.ToHashSet();
        var suspendedSessions = SuspendedSessions(school, terms, exclusions);

        var teaching = school.TeachingDays.Where(d => d <= terms.AutumnEnd).ToList();
        var tripDay = teaching[random.Next(10, teaching.Count - 10)];
        var tripYear = random.Pick(school.Plan.YearGroups.Where(g => g.Year > 0).Select(g => g.Year).ToList());
        var settlingIn = teaching.Take(5).ToHashSet();

        // At the PRU: one pupil spends Wednesdays at LA-arranged provision, another is on a part-time timetable (mornings only).
        var fullYearPupils = school.Pupils.Where(p => p.OnRollAllYear).ToList();
        var atProvision = school.Phase == SchoolPhase.AlternativeProvision ? fullYearPupils[0] : null;
        var partTime = school.Phase == SchoolPhase.AlternativeProvision ? fullYearPupils[^1] : null;

        return (pupil, date, session) =>
        {
            var newCodes = date >= AttendanceCode.CurrentSetFrom;
            if (inset.Contains(date))
            {
                return "#";
            }

            if (suspendedSessions.Contains((pupil, date, session)))
            {
                return "E";
            }

            if (date == tripDay && SamplePupil.YearNumber(pupil.NcYear) == tripYear)
            {
                return "V";
            }

            if (session == Session.PM && settlingIn.Contains(date) && SamplePupil.YearNumber(pupil.NcYear) == 0)
            {
                return "X";
            }

            if (pupil == atProvision && date.DayOfWeek == DayOfWeek.Wednesday)
            {
                return newCodes ? "K" : "B";
            }

            return pupil == partTime && session == Session.PM ? (newCodes ? "C2" : "C") : null;
        };
    }

    // Suspended pupils are marked E from the morning of the first day for as many taught sessions as the suspension lasts.
    private static HashSet<(SamplePupil, DateOnly, Session)> SuspendedSessions(SampleSchool school, SampleTermDates terms, IReadOnlyList<SampleExclusion> exclusions)
    {
        var sessions = new HashSet<(SamplePupil, DateOnly, Session)>();
        var days = school.TeachingDays;
        var dayIndex = Enumerable.Range(0, days.Count).ToDictionary(i => days[i]);
        foreach (var exclusion in exclusions.Where(e => e.Category == ExclusionCategory.Suspension && e.Counts && e.Start <= terms.AutumnEnd))
        {
            var day = dayIndex[exclusion.Start];
            for (var n = 0; n < exclusion.Sessions; n++)
            {
                sessions.Add((exclusion.Pupil, days[day + (n / 2)], n % 2 == 0 ? Session.AM : Session.PM));
            }
        }

        return sessions;
    }
}
