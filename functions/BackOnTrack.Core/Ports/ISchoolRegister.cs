using BackOnTrack.Core.Returns;

namespace BackOnTrack.Core.Ports;

/// <summary>Table Schools, as the LA's schools register lists its schools: one row per academic year and school.</summary>
public interface ISchoolRegister
{
    /// <summary>Every year's register (a few hundred rows a year).</summary>
    Task<IReadOnlyList<RegisteredSchool>> ListAllAsync(CancellationToken cancellationToken);
}
