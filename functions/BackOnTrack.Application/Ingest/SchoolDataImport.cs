using BackOnTrack.Core.Messages;
using System.Text.Json;
using BackOnTrack.Core.Drops;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ingest;
using BackOnTrack.Core.Ingest.Records;
using BackOnTrack.Application.Configuration;
using BackOnTrack.Storage;
using BackOnTrack.Storage.Repositories;
using BackOnTrack.Storage.Tables;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Ingest;

/// <summary>
/// The <c>drops</c> container: schools' files under <c>{laestab}/</c> and LA-wide files under <c>la/</c>, read and
/// validated as they stream, accepted rows written in transactions per partition; once stored, one
/// <c>metrics-requests</c> message per school-year the drop (or the version it replaced) touched.
/// </summary>
internal sealed class SchoolDataImport(StorageAccount account, IOptions<HubOptions> hubOptions, IOptions<IngestOptions> ingestOptions, TimeProvider clock) : IDropImport
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

        await using var writer = new PartitionedTableWriter(account.Tables);
        var marks = new AttendanceMarkWriter(writer, dropId);
        var rejections = new List<RowError>();
        var rejectedRows = new HashSet<int>();
        var schoolYears = new HashSet<string>(StringComparer.Ordinal);
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

                await WriteAsync(outcome.Record!, dropId, writer, marks, schoolYears, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Core.Tabular.UnreadableFileException ex)
        {
            // The file broke part-way: treat it as unreadable; rows already written are removed by the caller.
            await marks.CloseAsync(cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new StoredRows(read.Kind?.ToString(), read.Layout?.ToString(), read.RowsRead, read.RowsRead, rejections, read.PersonalColumns, read.IgnoredColumns, Partitions(writer), [], ex.Message);
        }

        await marks.CloseAsync(cancellationToken).ConfigureAwait(false);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new StoredRows(
            read.Kind?.ToString(),
            read.Layout?.ToString(),
            read.RowsRead,
            rejectedRows.Count,
            rejections,
            read.PersonalColumns,
            read.IgnoredColumns,
            Partitions(writer),
            [.. schoolYears.Order(StringComparer.Ordinal)],
            null);
    }

    /// <summary>Asks for the metrics of every school-year the drop, or the version it replaced, described.</summary>
    public async Task AfterStoredAsync(StoredRows stored, DataDrop? replaced, CancellationToken cancellationToken)
    {
        foreach (var schoolYear in stored.SchoolYears.Union(replaced?.SchoolYears ?? []))
        {
            var message = MetricsRequest.FromSchoolYear(schoolYear).Serialize();
            await account.Queues.SendMessageAsync(HubStorageNames.Queues.MetricsRequests, message, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static List<string> Partitions(PartitionedTableWriter writer) =>
        [.. writer.Touched.Select(t => $"{t.Table}|{t.Partition}").Order(StringComparer.Ordinal)];

    private static async Task WriteAsync(
        DropRecord record, string dropId, PartitionedTableWriter writer, AttendanceMarkWriter marks, HashSet<string> schoolYears, CancellationToken cancellationToken)
    {
        switch (record)
        {
            case AttendanceMarkRecord mark:
                await marks.AddAsync(mark, cancellationToken).ConfigureAwait(false);
                schoolYears.Add(SchoolYear(mark.Laestab.Value, AcademicYear.FromDate(mark.Date)));
                break;
            case ExclusionRecord exclusion:
                await writer.UpsertAsync(HubStorageNames.Tables.Exclusions, IngestEntities.Exclusion(exclusion, dropId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                schoolYears.Add(SchoolYear(exclusion.Laestab.Value, exclusion.AcademicYear));
                break;
            case AttendanceSummaryRecord summary:
                await writer.UpsertAsync(HubStorageNames.Tables.Attendance, IngestEntities.AttendanceSummary(summary, dropId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                schoolYears.Add(SchoolYear(summary.Laestab.Value, summary.AcademicYear));
                break;
            case SchoolRecord school:
                await writer.UpsertAsync(HubStorageNames.Tables.Schools, IngestEntities.School(school, dropId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                schoolYears.Add(SchoolYear(DropLocation.LaScope, school.AcademicYear));
                break;
            case CohortMemberRecord member:
                await writer.UpsertAsync(HubStorageNames.Tables.Cohorts, IngestEntities.CohortMember(member, dropId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                schoolYears.Add(SchoolYear(member.Laestab.Value, AcademicYear.FromDate(member.StartDate)));
                break;
            default:
                throw new InvalidOperationException($"No table for {record.GetType().Name}.");
        }
    }

    private static string SchoolYear(string scope, AcademicYear year) => $"{scope}|{year}";
}
