using System.Globalization;
using Azure.Data.Tables;
using BackOnTrack.Storage;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>Every entity of the given tables as one line each, every property with its .NET (Edm) type: equal snapshots mean identical tables.</summary>
public static class AccountSnapshot
{
    public static async Task<List<string>> OfAsync(TableServiceClient tables, IEnumerable<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var lines = new List<string>();
        foreach (var table in names ?? HubStorageNames.Tables.All)
        {
            await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>(filter: (string?)null))
            {
                var properties = TableSnapshots.Properties(entity).OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}:{p.Value.GetType().Name}={(p.Value is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(p.Value, CultureInfo.InvariantCulture))}");
                lines.Add($"{table}/{entity.PartitionKey}/{entity.RowKey}: {string.Join("; ", properties)}");
            }
        }

        return lines;
    }
}
