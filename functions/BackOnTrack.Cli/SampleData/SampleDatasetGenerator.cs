using BackOnTrack.Core.Identifiers;

namespace BackOnTrack.Cli.SampleData;

/// <summary>
/// Writes a small, invented but realistic dataset of one LA's school drops, laid out as uploads to container
/// <c>drops</c> (and the LA's SEMH action plan under <c>plans/</c>), for the handler's <c>generate</c> verb, the README's local run and the integration tests.
/// </summary>
/// <remarks>
/// <para>The data covers the last full academic year before the as-of date (2024-25 for 1 September 2025): six schools
/// of LA 372 (Rotherham), the schools register and a cohort list under <c>la/</c>, and in each school's folder its
/// exclusions for the year and its autumn-term attendance (marks in long or wide form, CSV or XLSX with title rows,
/// or one school's per-pupil summaries). A few rows are planted bad in otherwise good files (each file stays far below
/// the hub's reject threshold), and one file is broken and must be rejected whole; <see cref="GeneratedDataset"/> lists
/// them, and the figures the good data adds up to.</para>
/// <para>Deterministic: every random choice comes from fixed seeds, nothing reads the clock, and workbooks are written
/// byte for byte the same, so the same as-of date always gives identical files (on one operating system: a zip entry
/// records the kind of system that wrote it).</para>
/// </remarks>
public static class SampleDatasetGenerator
{
    /// <summary>The Back on Track cohort's size in the cohort list.</summary>
    private const int CohortSize = 15;

    /// <summary>The school whose first attempt at sending its register broke off half way.</summary>
    private const string BrokenUploadEstab = "2003";

    /// <summary>
    /// Writes the dataset under <paramref name="folder"/> (created if need be; files of the same names are replaced,
    /// any others left alone) and describes what was written.
    /// </summary>
    /// <param name="folder">The output folder; upload each file to blob <c>drops/{its path relative to the folder}</c>.</param>
    /// <param name="asOf">The date the hub will run as of; the data describes the last academic year ended before it.</param>
    public static GeneratedDataset Generate(string folder, DateOnly asOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var (dataset, files) = Build(asOf);
        foreach (var (relativePath, content) in files.Select(f => (f.Description.RelativePath, f.Content)).Concat(SampleActionPlan.Build(asOf).Files))
        {
            var path = Path.Combine(folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        return dataset;
    }

    /// <summary>The last full academic year (1 August – 31 July) before a date: 2024-25 for any day from 1 August 2025 to 31 July 2026.</summary>
    public static AcademicYear YearBefore(DateOnly asOf) => AcademicYear.StartingIn(AcademicYear.FromDate(asOf).StartYear - 1);

    internal static (GeneratedDataset Dataset, IReadOnlyList<SampleFile> Files) Build(DateOnly asOf)
    {
        var year = YearBefore(asOf);
        var terms = new SampleTermDates(year);
        var upns = new UpnAllocator(SampleLa.LaCode);
        var schools = new List<(SampleSchool School, IReadOnlyList<SampleExclusion> Exclusions, SampleRegister Register)>();
        var earlyWarnings = new List<PlantedEarlyWarning>();
        foreach (var plan in SampleLa.Schools)
        {
            var school = SampleSchool.Create(plan, year, terms, upns);
            var (exclusions, planted) = EarlyWarningPlanter.Plant(school, terms, SampleExclusions.Draw(school, terms));
            var register = SampleRegister.Take(school, terms, exclusions);
            EarlyWarningPlanter.MarkAttendance(register, planted);
            schools.Add((school, exclusions, register));
            earlyWarnings.AddRange(planted.Select(p => p.Story));
        }

        var files = new List<SampleFile>
        {
            LaFiles.SchoolsRegister([.. schools.Select(s => s.School)], year, terms.CensusDay),
            LaFiles.Cohort([.. schools.Select(s => (s.School, s.Exclusions))], CohortSize, year.End),
        };
        foreach (var (school, exclusions, register) in schools)
        {
            files.Add(ExclusionFiles.Build(school, year, exclusions, asOf));
            files.Add(AttendanceFiles.Build(school, register, asOf));
        }

        files.Add(BrokenUpload(schools.Single(s => s.School.Plan.Estab == BrokenUploadEstab), asOf));

        var dataset = new GeneratedDataset(
            asOf,
            year,
            terms.AutumnStart,
            terms.AutumnEnd,
            [.. schools.Select(s => new GeneratedSchool(s.School.Laestab, s.School.Plan.Urn, s.School.Plan.Name, s.School.Phase))],
            [.. files.Select(f => f.Description)],
            SampleTruth.For(schools, year, terms.CensusDay),
            [.. schools.SelectMany(s => s.School.Pupils).Select(p => new PupilIdentity(p.Upn, p.Forename, p.Surname, p.DateOfBirth))],
            SampleActionPlan.Build(asOf).Plan,
            earlyWarnings);
        return (dataset, files);
    }

    /// <summary>
    /// The one file to be rejected whole: the school's register grid as an XLSX workbook whose upload broke off half
    /// way, so the zip package has no central directory and cannot be opened (the school then sent CSV instead).
    /// </summary>
    private static SampleFile BrokenUpload((SampleSchool School, IReadOnlyList<SampleExclusion> Exclusions, SampleRegister Register) school, DateOnly asOf)
    {
        var workbook = AttendanceFiles.GridWorkbook(school.School, school.Register, asOf);
        var path = $"{school.School.Laestab}/attendance-grid-autumn-{school.Register.Sessions[0].Date.Year}.xlsx";
        return new SampleFile(
            new GeneratedFile(path, school.School.Laestab, Kind: null, Layout: null, ExpectedOutcome.RejectedWhole, DataRows: 0, BadRows: [], PersonalColumns: []),
            workbook[..(workbook.Length / 2)]);
    }
}
