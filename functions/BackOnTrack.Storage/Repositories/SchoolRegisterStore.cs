using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Returns;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table Schools (PartitionKey the academic year, RowKey the LAESTAB), as the register lists the LA's schools.</summary>
public sealed class SchoolRegisterStore(TableServiceClient tables)
{
    /// <summary>Every year's register (a few hundred rows a year).</summary>
    public async Task<IReadOnlyList<RegisteredSchool>> ListAllAsync(CancellationToken cancellationToken)
    {
        var schools = new List<RegisteredSchool>();
        await foreach (var row in tables.QueryAsync(HubStorageNames.Tables.Schools, filter: null, ["Name", "Phase"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (AcademicYear.TryParse(row.PartitionKey, out var year))
            {
                schools.Add(new RegisteredSchool(year, row.RowKey, row.GetString("Name") ?? "", row.GetString("Phase") ?? ""));
            }
        }

        return schools;
    }
}
