using System.Globalization;
using Azure.Data.Tables;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>Table contents as comparable text: one line per entity, properties sorted, service-managed fields left out.</summary>
public static class TableSnapshots
{
    public static async Task<List<string>> OfPartitionAsync(TableServiceClient tables, string table, string partitionKey, Func<string, string>? normalise = null)
    {
        var lines = new List<string>();
        foreach (var entity in await EntitiesAsync(tables, table, partitionKey))
        {
            lines.Add(Line(entity, normalise ?? (s => s)));
        }

        return lines;
    }

    public static async Task<List<TableEntity>> EntitiesAsync(TableServiceClient tables, string table, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var entities = new List<TableEntity>();
        await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")))
        {
            entities.Add(entity);
        }

        return entities;
    }

    /// <summary>
    /// The entity's own properties: the SDK's entity also holds its keys, Timestamp and ETag among them, which the
    /// service sets and which differ between two runs that wrote the same rows.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object>> Properties(TableEntity entity) =>
        entity.Where(p => p.Value is not null && p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"));

    private static string Line(TableEntity entity, Func<string, string> normalise)
    {
        var properties = Properties(entity)
            .Where(p => p.Key is not ("ProcessedAt" or "ReceivedAt"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={normalise(Convert.ToString(p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value, CultureInfo.InvariantCulture)!)}");
        return $"{normalise(entity.PartitionKey)}/{normalise(entity.RowKey)}: {string.Join("; ", properties)}";
    }
}
