using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Cli.SampleData;

/// <summary>A sample school for the year: its plan, its pupils, and the days it was open.</summary>
internal sealed class SampleSchool
{
    // Invented names; a few have letters outside ASCII, which a Windows-1252 CSV must carry.
    private static readonly string[] Forenames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Freya", "Florence", "Chloë", "Zoë", "Renée", "Ella",
        "Grace", "Evie", "Aisha", "Maya", "Ruby", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Oscar",
        "Jack", "Charlie", "Jacob", "Muhammad", "Thomas", "Alfie", "Theo", "Finley", "Reuben", "Kai", "Zain", "Joël",
    ];

    private static readonly string[] Surnames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson",
        "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Hussain", "Khan", "Ahmed",
        "Kowalski", "Nowak", "Shaw", "Booth", "Hirst", "Hague", "Dyson", "Senior", "Brennan", "O'Neill", "Müller",
    ];

    private SampleSchool(SchoolPlan plan, IReadOnlyList<SamplePupil> pupils, IReadOnlyList<DateOnly> insetDays, IReadOnlyList<DateOnly> teachingDays)
    {
        Plan = plan;
        Laestab = SampleLa.LaCode + plan.Estab;
        Pupils = pupils;
        InsetDays = insetDays;
        TeachingDays = teachingDays;
    }

    public SchoolPlan Plan { get; }

    public string Laestab { get; }

    public SchoolPhase Phase => Plan.Phase;

    /// <summary>Every pupil on roll at some point in the year, sorted by year group and name (as MIS lists them).</summary>
    public IReadOnlyList<SamplePupil> Pupils { get; }

    /// <summary>Autumn days the school was closed to pupils for staff training (marked <c>#</c>).</summary>
    public IReadOnlyList<DateOnly> InsetDays { get; }

    /// <summary>The days pupils were taught: the school days without the INSET days.</summary>
    public IReadOnlyList<DateOnly> TeachingDays { get; }

    /// <summary>Pupils on roll on the spring census day: the school's headcount for the year.</summary>
    public int HeadcountOn(DateOnly censusDay) => Pupils.Count(p => p.OnRollOn(censusDay));

    public static SampleSchool Create(SchoolPlan plan, AcademicYear year, SampleTermDates terms, UpnAllocator upns)
    {
        var random = SampleRandom.For("roster " + plan.Estab);
        var pupils = new List<SamplePupil>();
        foreach (var (ncYear, count) in plan.YearGroups)
        {
            for (var i = 0; i < count; i++)
            {
                pupils.Add(NewPupil(plan, year, ncYear, joined: null, temporaryUpn: false, upns, random));
            }
        }

        // Arrivals come after the first few weeks, so they have a few empty sessions before their first mark.
        var arrivalDays = terms.AutumnDays.Skip(15).Take(35).ToList();
        var years = plan.YearGroups.Select(g => g.Year).Where(y => y > 0).ToList();
        for (var i = 0; i < plan.Joiners; i++)
        {
            pupils.Add(NewPupil(plan, year, random.Pick(years), random.Pick(arrivalDays), temporaryUpn: i < plan.TemporaryUpns, upns, random));
        }

        // Leavers go in the second half of the term: never a joiner (so every pupil has sessions on roll), and of
        // compulsory school age, so each is an enrolment in the absence figures but not in the census headcount.
        var departureDays = terms.AutumnDays.Skip(45).SkipLast(5).ToList();
        for (var i = 0; i < plan.Leavers; i++)
        {
            var index = random.Next(pupils.Count - plan.Joiners);
            while (pupils[index].Left is not null || SamplePupil.YearNumber(pupils[index].NcYear) == 0)
            {
                index = (index + 1) % (pupils.Count - plan.Joiners);
            }

            pupils[index] = pupils[index] with { Left = random.Pick(departureDays) };
        }

        var inset = InsetDaysFor(plan.Phase, terms);
        var sorted = pupils
            .OrderBy(p => SamplePupil.YearNumber(p.NcYear))
            .ThenBy(p => p.Surname, StringComparer.Ordinal)
            .ThenBy(p => p.Forename, StringComparer.Ordinal)
            .ThenBy(p => p.Upn, StringComparer.Ordinal)
            .ToList();
        return new SampleSchool(plan, sorted, inset, [.. terms.SchoolDays.Except(inset)]);
    }

    // Every school starts the year with a training day; primaries also close the day before half term.
    private static List<DateOnly> InsetDaysFor(SchoolPhase phase, SampleTermDates terms)
    {
        var days = terms.AutumnDays;
        var inset = new List<DateOnly> { days[0] };
        if (phase == SchoolPhase.Primary)
        {
            var beforeHalfTerm = Enumerable.Range(0, days.Count - 1).First(i => days[i + 1].DayNumber - days[i].DayNumber > 3);
            inset.Add(days[beforeHalfTerm]);
        }

        return inset;
    }

    private static SamplePupil NewPupil(SchoolPlan plan, AcademicYear year, int ncYear, DateOnly? joined, bool temporaryUpn, UpnAllocator upns, SampleRandom random)
    {
        // A UPN is allocated when a pupil first joins a school in England, usually in reception.
        var allocatedIn = year.StartYear - ncYear;
        var upn = temporaryUpn
            ? upns.Temporary(plan.Estab, year.StartYear)
            : upns.Permanent(plan.Phase == SchoolPhase.Primary ? plan.Estab : random.Pick(SampleLa.FeederPrimaries), allocatedIn, random);

        // Age on 31 August before the year is 4 in reception (docs/domain.md §NC years and phase), so births run 1 Sep to 31 Aug.
        var bornFrom = new DateOnly(year.StartYear - 5 - ncYear, 9, 1);
        var dateOfBirth = bornFrom.AddDays(random.Next(365));
        return new SamplePupil(
            upn,
            ncYear == 0 ? NcYear.Reception : NcYear.Year(ncYear),
            random.Pick(Forenames),
            random.Pick(Surnames),
            dateOfBirth,
            joined,
            Left: null,
            AbsenceRateFor(plan.Phase, random));
    }

    // Most pupils miss a few sessions; about one in eight is persistently absent (10%+), a few severely (50%+).
    private static double AbsenceRateFor(SchoolPhase phase, SampleRandom random)
    {
        var roll = random.NextDouble();
        var rate = roll switch
        {
            < 0.62 => 0.01 + (0.04 * random.NextDouble()),
            < 0.87 => 0.05 + (0.05 * random.NextDouble()),
            < 0.98 => 0.10 + (0.20 * random.NextDouble()),
            _ => 0.45 + (0.20 * random.NextDouble()),
        };
        return phase switch
        {
            SchoolPhase.Secondary => rate * 1.2,
            SchoolPhase.AlternativeProvision => Math.Min(0.8, rate + 0.12),
            _ => rate,
        };
    }
}
