using Azure.Data.Tables;
using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Reads what the early-warning rules need about one school's pupils: each of the given academic years' Exclusions and
/// Attendance partitions once, grouped by pupil key, with every session's register code (a part-time timetable shows
/// only in its code, C2).
/// </summary>
public sealed class EarlyWarningFactsReader : IEarlyWarningFacts
{
    private readonly TableClient _exclusions;
    private readonly TableClient _attendance;

    /// <param name="exclusions">The Exclusions table's client.</param>
    /// <param name="attendance">The Attendance table's client.</param>
    public EarlyWarningFactsReader(TableClient exclusions, TableClient attendance)
    {
        _exclusions = exclusions ?? throw new ArgumentNullException(nameof(exclusions));
        _attendance = attendance ?? throw new ArgumentNullException(nameof(attendance));
    }

    /// <summary>The reader over the account's Exclusions and Attendance tables (how the hub's container builds it).</summary>
    public EarlyWarningFactsReader(TableServiceClient tables)
        : this(
            (tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Exclusions),
            tables.GetTableClient(HubStorageNames.Tables.Attendance))
    {
    }

    public async Task<IReadOnlyList<PupilHistory>> ReadSchoolAsync(Laestab school, IReadOnlyList<AcademicYear> years, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(years);
        var pupils = new Dictionary<string, Builder>(StringComparer.Ordinal);
        Builder PupilOf(string key)
        {
            if (!pupils.TryGetValue(key, out var pupil))
            {
                pupil = new Builder();
                pupils[key] = pupil;
            }

            return pupil;
        }

        foreach (var year in years)
        {
            var partition = IngestEntities.SchoolYearPartition(school, year);
            await foreach (var row in _exclusions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var key = row.GetString("PupilKey") ?? "";
                var start = DateOnly.FromDateTime(row.GetDateTimeOffset("StartDate")!.Value.UtcDateTime);
                var ncYear = row.GetString("NcYear") ?? "";
                var pupil = PupilOf(key);
                pupil.Exclusions.Add(new ExclusionFact(key, row.GetString("Category") ?? "", start, row.ReadInt32("Sessions"), ncYear, row.GetBoolean("Withdrawn") ?? false));
                pupil.Saw(start, ncYear);
            }

            await foreach (var row in _attendance.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var pupil = PupilOf(row.GetString("PupilKey") ?? "");
                var ncYear = row.GetString("NcYear") ?? "";
                if (row.RowKey.StartsWith(IngestEntities.SummaryPrefix, StringComparison.Ordinal))
                {
                    var end = DateOnly.FromDateTime(row.GetDateTimeOffset("PeriodEnd")!.Value.UtcDateTime);
                    pupil.Summaries.Add(new AttendanceSummaryFact(
                        DateOnly.FromDateTime(row.GetDateTimeOffset("PeriodStart")!.Value.UtcDateTime),
                        end,
                        row.ReadInt32("PossibleSessions") ?? 0,
                        row.ReadInt32("AuthorisedAbsence") ?? 0,
                        row.ReadInt32("UnauthorisedAbsence") ?? 0));
                    pupil.Saw(end, ncYear);
                    continue;
                }

                foreach (var (date, session, code, category) in IngestEntities.ReadMonth(row))
                {
                    pupil.Marks.Add(new RegisterMark(date, session, code, category));
                    pupil.Saw(date, ncYear);
                }
            }
        }

        return [.. pupils.Select(p => new PupilHistory(p.Key, p.Value.NcYear, p.Value.Exclusions, p.Value.Marks, p.Value.Summaries))];
    }

    /// <summary>A pupil's rows as they are read; the NC year is the one on their latest record.</summary>
    private sealed class Builder
    {
        private DateOnly _latest = DateOnly.MinValue;

        public string NcYear { get; private set; } = "";

        public List<ExclusionFact> Exclusions { get; } = [];

        public List<RegisterMark> Marks { get; } = [];

        public List<AttendanceSummaryFact> Summaries { get; } = [];

        public void Saw(DateOnly date, string ncYear)
        {
            if (date >= _latest && ncYear.Length > 0)
            {
                _latest = date;
                NcYear = ncYear;
            }
        }
    }
}
