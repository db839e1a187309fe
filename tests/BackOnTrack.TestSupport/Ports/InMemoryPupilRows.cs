using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>One pupil row as <see cref="InMemoryPupilRows"/> holds it: where it is, the pupilKey it carries and what re-keying marked on it.</summary>
public sealed record StoredPupilRow(
    string Table, string PartitionKey, string RowKey, string? PupilKey = null, string? Laestab = null, DateTimeOffset? StartDate = null,
    string? SourceDropId = null, string? KeyVersion = null);

/// <summary>
/// The pupil tables in memory, laid out as storage lays them out: Cohorts rows keyed by the pupilKey, the others
/// carrying it in <c>PupilKey</c> and inside the RowKey. Each re-keyed row counts as one commit.
/// </summary>
public sealed class InMemoryPupilRows : IPupilRows
{
    private const string Cohorts = "Cohorts";

    public List<StoredPupilRow> Rows { get; } = [];

    /// <summary>How many times each table's rows were asked to move to a key version, in order.</summary>
    public List<(string Table, string Version)> Rekeys { get; } = [];

    public Task<IReadOnlyList<PupilRow>> FindPupilAsync(string table, PupilKey pupil, CancellationToken cancellationToken) =>
        Found(r => r.Table == table && (table == Cohorts ? r.RowKey == pupil.Value : r.PupilKey == pupil.Value));

    public Task<IReadOnlyList<PupilRow>> FindCohortMembersAsync(string cohort, string dropId, CancellationToken cancellationToken) =>
        Found(r => r.Table == Cohorts && r.PartitionKey == cohort && r.SourceDropId == dropId);

    public Task<int> DeleteAsync(IReadOnlyList<PupilRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            Rows.RemoveAll(r => r.Table == row.Table && r.PartitionKey == row.PartitionKey && r.RowKey == row.RowKey);
        }

        return Task.FromResult(rows.Count);
    }

    public Task<int> DeletePartitionAsync(string table, string partitionKey, CancellationToken cancellationToken) =>
        Task.FromResult(Rows.RemoveAll(r => r.Table == table && r.PartitionKey == partitionKey));

    public Task<long> RekeyAsync(string table, string version, Func<PupilKey, PupilKey> rekey, Action<long>? committed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rekey);
        Rekeys.Add((table, version));
        long moved = 0;
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (row.Table != table || row.KeyVersion == version)
            {
                continue;
            }

            var oldKey = table == Cohorts ? row.RowKey : row.PupilKey;
            if (!PupilKey.TryParse(oldKey, out var parsed))
            {
                throw new InvalidOperationException($"A row of {table} in partition {row.PartitionKey} has no pupil key where one should be.");
            }

            var newKey = rekey(parsed).Value;
            Rows[i] = row with
            {
                RowKey = row.RowKey.Replace(parsed.Value, newKey, StringComparison.Ordinal),
                PupilKey = row.PupilKey is null ? null : newKey,
                KeyVersion = version,
            };
            committed?.Invoke(++moved);
        }

        return Task.FromResult(moved);
    }

    private Task<IReadOnlyList<PupilRow>> Found(Func<StoredPupilRow, bool> match) =>
        Task.FromResult<IReadOnlyList<PupilRow>>([.. Rows.Where(match).Select(r => new PupilRow(r.Table, r.PartitionKey, r.RowKey, r.Laestab, r.StartDate))]);
}
