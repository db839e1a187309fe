using BackOnTrack.Core.EarlyWarning;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;

namespace BackOnTrack.Tests.Ports;

/// <summary>What the early-warning rules read about each school's pupils, held per school and academic year.</summary>
public sealed class InMemoryEarlyWarningFacts : IEarlyWarningFacts
{
    public Dictionary<(string School, AcademicYear Year), List<PupilHistory>> Pupils { get; } = [];

    /// <summary>The schools and years read, in order.</summary>
    public List<(string School, AcademicYear Year)> Reads { get; } = [];

    public Task<IReadOnlyList<PupilHistory>> ReadSchoolAsync(Laestab school, IReadOnlyList<AcademicYear> years, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        ArgumentNullException.ThrowIfNull(years);
        Reads.AddRange(years.Select(y => (school.Value, y)));
        // A pupil seen in two of the years read is one history, as the table reader merges them.
        var merged = years.SelectMany(y => Pupils.GetValueOrDefault((school.Value, y)) ?? [])
            .GroupBy(p => p.PupilKey, StringComparer.Ordinal)
            .Select(g => new PupilHistory(g.Key, g.Last().NcYear, [.. g.SelectMany(p => p.Exclusions)], [.. g.SelectMany(p => p.Marks)], [.. g.SelectMany(p => p.Summaries)]))
            .ToList();
        return Task.FromResult<IReadOnlyList<PupilHistory>>(merged);
    }
}
