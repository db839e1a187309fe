using Azure.Data.Tables;
using BackOnTrack.Core.Identifiers;
using BackOnTrack.Core.Ports;
using BackOnTrack.Core.Returns;

namespace BackOnTrack.Storage.Repositories;

/// <summary>Table Schools (PartitionKey the academic year, RowKey the LAESTAB), as the register lists the LA's schools.</summary>
public sealed class SchoolRegisterStore : ISchoolRegister
{
    private readonly TableClient _table;

    /// <param name="table">The Schools table's client.</param>
    public SchoolRegisterStore(TableClient table) => _table = table ?? throw new ArgumentNullException(nameof(table));

    /// <summary>The store over the account's Schools table (how the hub's container builds it).</summary>
    public SchoolRegisterStore(TableServiceClient tables)
        : this((tables ?? throw new ArgumentNullException(nameof(tables))).GetTableClient(HubStorageNames.Tables.Schools))
    {
    }

    /// <summary>Every year's register (a few hundred rows a year).</summary>
    public async Task<IReadOnlyList<RegisteredSchool>> ListAllAsync(CancellationToken cancellationToken)
    {
        var schools = new List<RegisteredSchool>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter: (string?)null, select: ["PartitionKey", "RowKey", "Name", "Phase"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (AcademicYear.TryParse(row.PartitionKey, out var year))
            {
                schools.Add(new RegisteredSchool(year, row.RowKey, row.GetString("Name") ?? "", row.GetString("Phase") ?? ""));
            }
        }

        return schools;
    }
}
