using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Core.Tabular;
using BackOnTrack.Cli.SampleData;

namespace BackOnTrack.UnitTests.SampleData;

/// <summary>The generated files, read by the hub's real ingest reader.</summary>
public sealed class SampleDatasetFiles(GeneratedFolder generated) : IClassFixture<GeneratedFolder>
{
    // The hub's default (IngestOptions.RejectThresholdPercent).
    private const double RejectThresholdPercent = 20;

    [Fact]
    public void Generating_twice_for_the_same_date_gives_byte_identical_files()
    {
        using var again = GeneratedFolder.For(GeneratedFolder.DefaultAsOf);

        var first = FilesUnder(generated.Folder);
        var second = FilesUnder(again.Folder);

        Assert.Equal(
            generated.Dataset.Files.Select(f => f.RelativePath).Append(generated.Dataset.Plan.PlanPath).Append(generated.Dataset.Plan.OwnersPath).Order(StringComparer.Ordinal),
            first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), second.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[path]), $"{path} differs between two runs.");
        }
    }

    [Theory]
    [InlineData("2025-09-01")]
    // 2022-23: marks before 19 August 2024 must use the earlier code set (B for K, C for C2).
    [InlineData("2024-07-15")]
    public void Every_accepted_file_is_read_with_its_kind_and_rows_and_exactly_its_planted_bad_rows_rejected(string asOf)
    {
        using var folder = GeneratedFolder.For(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture));

        var accepted = folder.Dataset.Files.Where(f => f.Outcome == ExpectedOutcome.Accepted).ToList();
        Assert.Equal(folder.Dataset.Files.Count - 1, accepted.Count);
        foreach (var file in accepted)
        {
            var (read, outcomes) = folder.ReadAll(file);
            using (read)
            {
                Assert.Equal(file.Kind, read.Kind);
                Assert.Equal(file.Layout, read.Layout);
                Assert.Equal(file.DataRows, read.RowsRead);
                var rejected = outcomes.Where(o => !o.IsAccepted).Select(o => o.RowNumber).Distinct().Order();
                Assert.Equal(file.BadRows.Select(b => b.RowNumber).Order(), rejected);
                Assert.Null(DropVerdict.Judge(read.RowsRead, file.BadRows.Count, RejectThresholdPercent));
            }
        }
    }

    [Fact]
    public void Every_kind_of_bad_row_the_brief_asks_for_is_planted_somewhere()
    {
        var problems = generated.Dataset.Files.SelectMany(f => f.BadRows).Select(b => b.Problem).ToList();

        Assert.Contains(problems, p => p.Contains("wrong check letter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ten years ahead", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a CBDS code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("0 sessions", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("again", StringComparison.Ordinal));
    }

    [Fact]
    public void Exactly_one_file_is_broken_and_the_reader_rejects_it_whole()
    {
        var broken = Assert.Single(generated.Dataset.Files, f => f.Outcome == ExpectedOutcome.RejectedWhole);

        using var read = generated.Read(broken);

        Assert.False(read.IsReadable);
        Assert.Null(read.Kind);
        Assert.Equal(0, broken.DataRows);
        Assert.Empty(read.Outcomes);
    }

    [Fact]
    public void The_files_cover_every_kind_and_layout_the_hub_reads_including_workbooks_with_title_rows()
    {
        var files = generated.Dataset.Files.Where(f => f.Outcome == ExpectedOutcome.Accepted).ToList();

        Assert.Equal(
            [(DropKind.Exclusions, DropLayout.Table), (DropKind.AttendanceMarks, DropLayout.LongForm), (DropKind.AttendanceMarks, DropLayout.WideForm),
             (DropKind.AttendanceSummary, DropLayout.Table), (DropKind.Schools, DropLayout.Table), (DropKind.Cohort, DropLayout.Table)],
            files.Select(f => (f.Kind!.Value, f.Layout!.Value)).Distinct().Order());
        var titled = files.Where(f => f.RelativePath.EndsWith(".xlsx", StringComparison.Ordinal)).Select(f =>
        {
            using var read = generated.Read(f);
            return (read.Format, read.Kind, read.HeaderRowNumber);
        }).ToList();
        Assert.Contains(titled, t => t is { Format: TabularFormat.Xlsx, Kind: DropKind.AttendanceMarks, HeaderRowNumber: > 1 });
        Assert.Contains(titled, t => t is { Format: TabularFormat.Xlsx, Kind: DropKind.Exclusions, HeaderRowNumber: > 1 });
        Assert.All(generated.Dataset.Schools, s => Assert.Contains(files, f => f.School == s.Laestab && f.Kind == DropKind.Exclusions));
        Assert.All(generated.Dataset.Schools, s => Assert.Contains(files, f => f.School == s.Laestab && f.Kind is DropKind.AttendanceMarks or DropKind.AttendanceSummary));
    }

    [Fact]
    public void No_file_has_a_name_or_birth_date_column_the_reader_does_not_report_as_personal()
    {
        var reportedPersonal = 0;
        foreach (var file in generated.Dataset.Files.Where(f => f.Outcome == ExpectedOutcome.Accepted))
        {
            using var read = generated.Read(file);

            Assert.All(file.PersonalColumns, heading => Assert.Contains(heading, read.PersonalColumns));
            Assert.DoesNotContain(read.IgnoredColumns, LooksPersonal);
            reportedPersonal += read.PersonalColumns.Count;
        }

        Assert.Equal(generated.Dataset.Files.Sum(f => f.PersonalColumns.Count), reportedPersonal);
        Assert.True(reportedPersonal > 0, "Some file must carry names for the hub to drop.");
    }

    [Fact]
    public void The_dataset_describes_every_planted_row_by_a_row_number_inside_its_file()
    {
        foreach (var file in generated.Dataset.Files.Where(f => f.Outcome == ExpectedOutcome.Accepted))
        {
            using var read = generated.Read(file);
            var last = read.HeaderRowNumber!.Value + file.DataRows;

            Assert.All(file.BadRows, b => Assert.InRange(b.RowNumber, read.HeaderRowNumber.Value + 1, last));
            Assert.Equal(file.BadRows.Count, file.BadRows.Select(b => b.RowNumber).Distinct().Count());
        }
    }

    [Fact]
    public void The_cohort_list_names_fifteen_pupils_across_the_schools()
    {
        var cohort = Assert.Single(generated.Dataset.Files, f => f.Kind == DropKind.Cohort);
        var (read, outcomes) = generated.ReadAll(cohort);
        using (read)
        {
            var members = outcomes.Where(o => o.IsAccepted).Select(o => Assert.IsType<CohortMemberRecord>(o.Record)).ToList();

            Assert.Equal(15, members.Select(m => m.PupilKey).Distinct().Count());
            Assert.True(members.Select(m => m.Laestab).Distinct().Count() >= 4);
            Assert.All(members, m => Assert.True(generated.Dataset.AcademicYear.Contains(m.StartDate)));
        }
    }

    private static bool LooksPersonal(string heading)
    {
        var words = new string([.. heading.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return words.Contains("name", StringComparison.Ordinal) || words.Contains("birth", StringComparison.Ordinal)
            || words is "dob" or "forename" or "surname";
    }

    private static Dictionary<string, byte[]> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'),
            File.ReadAllBytes,
            StringComparer.Ordinal);
}
