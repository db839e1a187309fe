using System.Globalization;
using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>
/// Table EarlyWarnings in memory, with its conditional writes: a row added must not exist, a row replaced or deleted
/// with a version must still have it. As in storage, a conflicting write leaves the writes before it applied.
/// </summary>
public sealed class InMemoryEarlyWarnings : IEarlyWarnings
{
    private readonly Dictionary<(string School, string PupilKey), (EarlyWarningFlag Flag, string ETag)> _rows = [];
    private int _versions;

    /// <summary>How many times each school's writes were applied (whatever their outcome).</summary>
    public Dictionary<string, int> WritesBySchool { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs once, just before the next write is applied: another recompute's write landing between a read and a write.</summary>
    public Action? BeforeNextWrite { get; set; }

    public IEnumerable<(string School, EarlyWarningFlag Flag)> Rows => _rows.Select(r => (r.Key.School, r.Value.Flag));

    /// <summary>Puts a row as another writer would, giving it a new version.</summary>
    public void Put(string school, EarlyWarningFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        _rows[(school, flag.PupilKey)] = (flag, NextVersion());
    }

    public Task<IReadOnlyList<StoredEarlyWarning>> ReadSchoolAsync(Laestab school, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredEarlyWarning>>([.. _rows.Where(r => r.Key.School == school.Value).Select(r => new StoredEarlyWarning(r.Value.Flag, r.Value.ETag))]);

    public Task<IReadOnlyDictionary<string, List<EarlyWarningFlag>>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, List<EarlyWarningFlag>>>(
            _rows.GroupBy(r => r.Key.School, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Value.Flag).ToList(), StringComparer.Ordinal));

    public Task<EarlyWarningWriteResult> WriteAsync(Laestab school, IReadOnlyList<EarlyWarningWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return Task.FromResult(EarlyWarningWriteResult.Unchanged);
        }

        var interleaved = BeforeNextWrite;
        BeforeNextWrite = null;
        interleaved?.Invoke();
        WritesBySchool[school.Value] = WritesBySchool.GetValueOrDefault(school.Value) + 1;
        foreach (var write in writes)
        {
            var key = (school.Value, write.PupilKey);
            var exists = _rows.TryGetValue(key, out var current);
            var fits = write switch
            {
                { Flag: null, ETag: null } => true,
                { ETag: { } read } => exists && current.ETag == read,
                _ => !exists,
            };
            if (!fits)
            {
                return Task.FromResult(EarlyWarningWriteResult.Conflict);
            }

            if (write.Flag is null)
            {
                _rows.Remove(key);
            }
            else
            {
                _rows[key] = (write.Flag, NextVersion());
            }
        }

        return Task.FromResult(EarlyWarningWriteResult.Written);
    }

    public Task<int> DeletePupilAsync(PupilKey pupil, CancellationToken cancellationToken)
    {
        var gone = _rows.Keys.Where(k => k.PupilKey == pupil.Value).ToList();
        gone.ForEach(k => _rows.Remove(k));
        return Task.FromResult(gone.Count);
    }

    private string NextVersion() => string.Create(CultureInfo.InvariantCulture, $"W/\"ew{++_versions}\"");
}
