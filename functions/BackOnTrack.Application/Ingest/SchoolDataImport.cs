using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Ingest;

/// <summary>
/// The <c>drops</c> container: schools' files under <c>{laestab}/</c> and LA-wide files under <c>la/</c>, read and
/// validated as they stream, accepted rows written in transactions per partition; once stored, one
/// <c>metrics-requests</c> message per school-year the drop (or the version it replaced) touched.
/// </summary>
internal sealed class SchoolDataImport(IDropRows rows, IMetricsRequests metricsRequests, IOptions<HubOptions> hubOptions, IOptions<IngestOptions> ingestOptions, TimeProvider clock) : IDropImport
{
    public string Container => HubStorageNames.Containers.Drops;

    public DropPlace Place(string blobName)
    {
        var location = DropLocation.Parse(blobName, out var misplaced);
        return location is null
            ? new DropPlace(DropLocation.LaScope, DropLocation.LaFolder, blobName[(blobName.LastIndexOf('/') + 1)..], Misplaced: misplaced)
            : new DropPlace(location.Scope, location.Folder, location.FileName, location.School);
    }

    public async Task<StoredRows> StoreRowsAsync(Stream content, DropPlace place, string dropId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (place.Misplaced is { } misplaced)
        {
            return new StoredRows(null, null, 0, 0, [], [], [], [], [], misplaced);
        }

        var context = new DropContext(clock.GetUtcNow(), place.School, hubOptions.Value.PseudonymisationKeyBytes())
        {
            EarlierPseudonymisationKeys = hubOptions.Value.PreviousPseudonymisationKeyBytes(),
            Limits = ingestOptions.Value.Limits(),
        };
        content.Position = 0;
        using var read = DropReader.Read(content, place.FileName, context);
        if (!read.IsReadable)
        {
            return new StoredRows(null, null, 0, 0, [], read.PersonalColumns, read.IgnoredColumns, [], [], read.Rejection);
        }

        await using var writer = rows.Open(dropId);
        var rejections = new List<RowError>();
        var rejectedRows = new HashSet<int>();
        // Held as (scope, year) and named once at the end: a drop of a million marks names one or two school-years.
        var schoolYears = new HashSet<(string Scope, AcademicYear Year)>();
        (string Scope, AcademicYear Year)? lastSchoolYear = null;
        try
        {
            foreach (var outcome in read.Outcomes)
            {
                if (!outcome.IsAccepted)
                {
                    rejectedRows.Add(outcome.RowNumber);
                    rejections.AddRange(outcome.Errors);
                    continue;
                }

                await writer.AddAsync(outcome.Record!, cancellationToken).ConfigureAwait(false);
                var schoolYear = SchoolYearOf(outcome.Record!);
                if (schoolYear != lastSchoolYear)
                {
                    schoolYears.Add(schoolYear);
                    lastSchoolYear = schoolYear;
                }
            }
        }
        catch (Core.Tabular.UnreadableFileException ex)
        {
            // The file broke part-way: treat it as unreadable; rows already written are removed by the caller.
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new StoredRows(read.Kind?.ToString(), read.Layout?.ToString(), read.RowsRead, read.RowsRead, rejections, read.PersonalColumns, read.IgnoredColumns, [.. writer.Partitions], [], ex.Message);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new StoredRows(
            read.Kind?.ToString(),
            read.Layout?.ToString(),
            read.RowsRead,
            rejectedRows.Count,
            rejections,
            read.PersonalColumns,
            read.IgnoredColumns,
            [.. writer.Partitions],
            [.. schoolYears.Select(sy => SchoolYear(sy.Scope, sy.Year)).Order(StringComparer.Ordinal)],
            null);
    }

    /// <summary>Asks for the metrics of every school-year the drop, or the version it replaced, described.</summary>
    public Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken) =>
        metricsRequests.RequestAsync(stored.SchoolYears.Union(replaced?.SchoolYears ?? []), cancellationToken);

    /// <summary>The school-year a stored row describes, for its metrics request (named as <see cref="SchoolYear"/> writes it).</summary>
    private static (string Scope, AcademicYear Year) SchoolYearOf(DropRecord record) => record switch
    {
        AttendanceMarkRecord mark => (mark.Laestab.Value, AcademicYear.FromDate(mark.Date)),
        ExclusionRecord exclusion => (exclusion.Laestab.Value, exclusion.AcademicYear),
        AttendanceSummaryRecord summary => (summary.Laestab.Value, summary.AcademicYear),
        SchoolRecord school => (DropLocation.LaScope, school.AcademicYear),
        CohortMemberRecord member => (member.Laestab.Value, AcademicYear.FromDate(member.StartDate)),
        _ => throw new InvalidOperationException($"No table for {record.GetType().Name}."),
    };

    /// <summary>A school-year as metrics requests and DataDrops name it: <c>scope|yyyy-yy</c>.</summary>
    private static string SchoolYear(string scope, AcademicYear year) => $"{scope}|{year}";
}
