using System.Globalization;
using BackOnTrack.Storage.Tables;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>Table contents as comparable text: one line per entity, properties sorted, service-managed fields left out.</summary>
public static class TableSnapshots
{
    public static async Task<List<string>> OfPartitionAsync(TableServiceClient tables, string table, string partitionKey, Func<string, string>? normalise = null)
    {
        var lines = new List<string>();
        await foreach (var entity in tables.QueryAsync(table, TableFilter.Of($"PartitionKey eq {partitionKey}")))
        {
            lines.Add(Line(entity, normalise ?? (s => s)));
        }

        return lines;
    }

    public static async Task<List<TableEntity>> EntitiesAsync(TableServiceClient tables, string table, string partitionKey)
    {
        var entities = new List<TableEntity>();
        await foreach (var entity in tables.QueryAsync(table, TableFilter.Of($"PartitionKey eq {partitionKey}")))
        {
            entities.Add(entity);
        }

        return entities;
    }

    private static string Line(TableEntity entity, Func<string, string> normalise)
    {
        var properties = entity
            .Where(p => p.Key is not ("ProcessedAt" or "ReceivedAt"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={normalise(Convert.ToString(p.Value is byte[] b ? Convert.ToBase64String(b) : p.Value, CultureInfo.InvariantCulture)!)}");
        return $"{normalise(entity.PartitionKey)}/{normalise(entity.RowKey)}: {string.Join("; ", properties)}";
    }
}
