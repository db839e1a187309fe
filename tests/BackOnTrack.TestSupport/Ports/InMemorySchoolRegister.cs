using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Tests.Ports;

/// <summary>Table Schools in memory, as the register lists the LA's schools year by year.</summary>
public sealed class InMemorySchoolRegister : ISchoolRegister
{
    public List<RegisteredSchool> Schools { get; } = [];

    public Task<IReadOnlyList<RegisteredSchool>> ListAllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RegisteredSchool>>([.. Schools]);
}
