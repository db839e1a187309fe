using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Exclusions;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;

namespace BackOnTrack.Cli.SampleData;

/// <summary>A pupil's place in the LA's cohort list.</summary>
internal sealed record CohortRow(SamplePupil Pupil, string Laestab, DateOnly Start);

/// <summary>The files an LA officer uploads under <c>drops/la/</c>: the schools register and the cohort list.</summary>
internal static class LaFiles
{
    /// <summary>The register of the year: one row per school, its headcount the pupils on roll on the census day.</summary>
    public static SampleFile SchoolsRegister(IReadOnlyList<SampleSchool> schools, AcademicYear year, DateOnly censusDay)
    {
        var table = SampleTable.Of<SampleSchool>(
            [
                new("LAESTAB", s => s.Laestab),
                new("URN", s => s.Plan.Urn),
                new("SchoolName", s => s.Plan.Name),
                new("Phase", s => s.Plan.PhaseAsWritten),
                new("AcademicYear", _ => year.ToString()),
                new("Headcount", s => s.HeadcountOn(censusDay)),
            ],
            [.. schools.Select(s => new Planted<SampleSchool>(s, null))]);
        return SampleFile.Accepted(
            $"{DropLocation.LaFolder}/schools-register-{year}.csv", null, DropKind.Schools, DropLayout.Table, table, SampleCsv.Write(table, CsvEncoding.Utf8, "dd/MM/yyyy"));
    }

    /// <summary>
    /// The Back on Track cohort: pupils referred after a suspension, from each school that has suspended pupils, each
    /// starting a week or more after their first suspension. One pupil is listed twice (a bad row).
    /// </summary>
    public static SampleFile Cohort(IReadOnlyList<(SampleSchool School, IReadOnlyList<SampleExclusion> Exclusions)> schools, int size, DateOnly lastDay)
    {
        var random = SampleRandom.For("cohort");
        var referred = schools
            .SelectMany(s => s.Exclusions
                .Where(e => e.Category == ExclusionCategory.Suspension && e.Counts)
                .GroupBy(e => e.Pupil)
                .Select(g => new CohortRow(g.Key, s.School.Laestab, Min(g.Min(e => e.Start).AddDays(7 + random.Next(21)), lastDay))))
            .ToList();

        // Take pupils from every school in turn, so the cohort spans the LA.
        var bySchool = referred.GroupBy(r => r.Laestab).Select(g => new Queue<CohortRow>(g)).ToList();
        var members = new List<CohortRow>();
        while (members.Count < size && bySchool.Any(q => q.Count > 0))
        {
            foreach (var queue in bySchool.Where(q => q.Count > 0 && members.Count < size))
            {
                members.Add(queue.Dequeue());
            }
        }

        var table = SampleTable.Of<CohortRow>(
            [
                new("UPN", r => r.Pupil.Upn),
                new("LAESTAB", r => r.Laestab),
                new("Cohort", _ => SampleLa.Cohort),
                new("StartDate", r => r.Start),
            ],
            BadRowPlanter.Plant(
                members,
                [BadRowKind.DuplicateRow],
                (kind, row) => kind == BadRowKind.DuplicateRow ? (row, "the same pupil listed twice") : throw BadRowPlanter.Unsupported(kind, "cohort"),
                random));
        return SampleFile.Accepted(
            $"{DropLocation.LaFolder}/cohort-back-on-track.csv", null, DropKind.Cohort, DropLayout.Table, table, SampleCsv.Write(table, CsvEncoding.Utf8, "dd/MM/yyyy"));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
