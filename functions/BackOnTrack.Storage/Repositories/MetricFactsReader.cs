using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Core.Attendance;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Metrics;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Schools;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Reads what the metrics need about one school-year from the tables ingest writes.</summary>
public sealed class MetricFactsReader : IMetricFacts
{
    private readonly TableClient _schools;
    private readonly TableClient _exclusions;
    private readonly TableClient _attendance;
    private readonly TableClient _cohorts;

    /// <param name="schools">The Schools table's client.</param>
    /// <param name="exclusions">The Exclusions table's client.</param>
    /// <param name="attendance">The Attendance table's client.</param>
    /// <param name="cohorts">The Cohorts table's client.</param>
    public MetricFactsReader(TableClient schools, TableClient exclusions, TableClient attendance, TableClient cohorts)
    {
        _schools = schools ?? throw new ArgumentNullException(nameof(schools));
        _exclusions = exclusions ?? throw new ArgumentNullException(nameof(exclusions));
        _attendance = attendance ?? throw new ArgumentNullException(nameof(attendance));
        _cohorts = cohorts ?? throw new ArgumentNullException(nameof(cohorts));
    }

    /// <summary>The reader over the account's Schools, Exclusions, Attendance and Cohorts tables (how the hub's container builds it).</summary>
    public MetricFactsReader(TableServiceClient tables)
        : this(
            (tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Schools),
            tables.GetTableClient(HubStorageNames.Tables.Exclusions),
            tables.GetTableClient(HubStorageNames.Tables.Attendance),
            tables.GetTableClient(HubStorageNames.Tables.Cohorts))
    {
    }

    /// <summary>The schools the register lists for a year, with their phases.</summary>
    public async Task<IReadOnlyDictionary<string, SchoolPhase>> RegisterAsync(AcademicYear year, CancellationToken cancellationToken)
    {
        var phases = new Dictionary<string, SchoolPhase>(StringComparer.Ordinal);
        await foreach (var school in _schools.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {year.ToString()}"), select: ["PartitionKey", "RowKey", "Phase"], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            if (Enum.TryParse<SchoolPhase>(school.GetString("Phase"), out var phase))
            {
                phases[school.RowKey] = phase;
            }
        }

        return phases;
    }

    /// <param name="cohortsOf">Cohort membership by pupil key (<see cref="CohortsAsync"/>), read once for all the schools a recompute reads.</param>
    public async Task<SchoolYearFacts> ReadAsync(Laestab school, AcademicYear year, IReadOnlyDictionary<string, IReadOnlyList<string>> cohortsOf, CancellationToken cancellationToken)
    {
        var found = await _schools.GetEntityIfExistsAsync<TableEntity>(year.ToString(), school.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        var register = found.HasValue ? found.Value : null;
        SchoolPhase? phase = Enum.TryParse<SchoolPhase>(register?.GetString("Phase"), out var parsed) ? parsed : null;
        var partition = IngestEntities.SchoolYearPartition(school, year);

        var exclusions = new List<ExclusionFact>();
        await foreach (var row in _exclusions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            exclusions.Add(new ExclusionFact(
                row.GetString("PupilKey") ?? "",
                row.GetString("Category") ?? "",
                DateOnly.FromDateTime(row.GetDateTimeOffset("StartDate")!.Value.UtcDateTime),
                row.ReadInt32("Sessions"),
                row.GetString("NcYear") ?? "",
                row.GetBoolean("Withdrawn") ?? false));
        }

        var pupils = new Dictionary<string, (string NcYear, List<SessionMark> Marks, List<AttendanceSummaryFact> Summaries)>(StringComparer.Ordinal);
        (string NcYear, List<SessionMark> Marks, List<AttendanceSummaryFact> Summaries) PupilOf(TableEntity row)
        {
            var key = row.GetString("PupilKey") ?? "";
            if (!pupils.TryGetValue(key, out var pupil))
            {
                pupil = (row.GetString("NcYear") ?? "", [], []);
                pupils[key] = pupil;
            }

            return pupil;
        }

        await foreach (var row in _attendance.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var pupil = PupilOf(row);
            if (row.RowKey.StartsWith(IngestEntities.SummaryPrefix, StringComparison.Ordinal))
            {
                pupil.Summaries.Add(new AttendanceSummaryFact(
                    DateOnly.FromDateTime(row.GetDateTimeOffset("PeriodStart")!.Value.UtcDateTime),
                    DateOnly.FromDateTime(row.GetDateTimeOffset("PeriodEnd")!.Value.UtcDateTime),
                    row.ReadInt32("PossibleSessions") ?? 0,
                    row.ReadInt32("AuthorisedAbsence") ?? 0,
                    row.ReadInt32("UnauthorisedAbsence") ?? 0));
                continue;
            }

            AddMarks(row, pupil.Marks);
        }

        return new SchoolYearFacts(
            school,
            year,
            phase,
            register?.ReadInt32("Headcount"),
            exclusions,
            [.. pupils.Select(p => new PupilAttendance(p.Key, p.Value.NcYear, p.Value.Marks, p.Value.Summaries))],
            cohortsOf);
    }

    /// <summary>The members of each cohort: pupil key, school and start date.</summary>
    public async Task<IReadOnlyDictionary<string, List<(string PupilKey, Laestab School, DateOnly StartDate)>>> CohortMembersAsync(CancellationToken cancellationToken)
    {
        var cohorts = new Dictionary<string, List<(string, Laestab, DateOnly)>>(StringComparer.Ordinal);
        await foreach (var member in _cohorts.QueryAsync<TableEntity>(filter: (string?)null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!Laestab.TryParse(member.GetString("Laestab"), out var school, out _) || member.GetDateTimeOffset("StartDate") is not { } start)
            {
                continue;
            }

            if (!cohorts.TryGetValue(member.PartitionKey, out var members))
            {
                members = [];
                cohorts[member.PartitionKey] = members;
            }

            members.Add((member.RowKey, school, DateOnly.FromDateTime(start.UtcDateTime)));
        }

        return cohorts;
    }

    /// <summary>One pupil's exclusions and session marks at a school from <paramref name="from"/> to <paramref name="until"/> (exclusive).</summary>
    public async Task<CohortMemberFacts> CohortMemberAsync(string pupilKey, Laestab school, DateOnly startDate, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var exclusions = new List<ExclusionFact>();
        var marks = new List<SessionMark>();
        for (var year = AcademicYear.FromDate(from); year.Start < until; year = AcademicYear.StartingIn(year.StartYear + 1))
        {
            var partition = IngestEntities.SchoolYearPartition(school, year);
            await foreach (var row in _exclusions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and PupilKey eq {pupilKey}"), cancellationToken: cancellationToken)
                               .ConfigureAwait(false))
            {
                exclusions.Add(new ExclusionFact(
                    pupilKey,
                    row.GetString("Category") ?? "",
                    DateOnly.FromDateTime(row.GetDateTimeOffset("StartDate")!.Value.UtcDateTime),
                    row.ReadInt32("Sessions"),
                    row.GetString("NcYear") ?? "",
                    row.GetBoolean("Withdrawn") ?? false));
            }

            var prefix = $"{IngestEntities.MarksPrefix}{pupilKey}_";
            await foreach (var month in _attendance.QueryAsync<TableEntity>(TableQueries.PartitionAndRowKeyPrefix(partition, prefix), cancellationToken: cancellationToken)
                               .ConfigureAwait(false))
            {
                AddMarks(month, marks);
            }
        }

        return new CohortMemberFacts(pupilKey, school.Value, startDate, exclusions, marks);
    }

    /// <summary>Cohort membership by pupil key (the Cohorts table is small: pupils in interventions).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CohortsAsync(CancellationToken cancellationToken)
    {
        var cohorts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var member in _cohorts.QueryAsync<TableEntity>(filter: (string?)null, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!cohorts.TryGetValue(member.RowKey, out var names))
            {
                names = [];
                cohorts[member.RowKey] = names;
            }

            names.Add(member.PartitionKey);
        }

        return cohorts.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal);
    }

    /// <summary>Reads a pupil-month entity's sessions (<c>S{dd}AM</c>/<c>S{dd}PM</c>) into marks with their categories.</summary>
    private static void AddMarks(TableEntity month, List<SessionMark> marks) =>
        marks.AddRange(IngestEntities.ReadMonth(month).Select(s => new SessionMark(s.Date, s.Category)));
}
