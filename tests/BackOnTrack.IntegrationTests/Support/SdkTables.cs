using Azure.Data.Tables;
using BackOnTrack.Tests.Processes;
using Microsoft.Extensions.DependencyInjection;

namespace BackOnTrack.IntegrationTests.Support;

/// <summary>The SDK's table clients the tests read and write tables with: the hub's own, or one over an Azurite's connection string.</summary>
public static class SdkTables
{
    /// <summary>The hub's table client, from its container.</summary>
    public static TableServiceClient Tables(this TestHub hub)
    {
        ArgumentNullException.ThrowIfNull(hub);
        return hub.Services.GetRequiredService<TableServiceClient>();
    }

    public static TableServiceClient Tables(this AzuriteFixture azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return azurite.Storage.TableService;
    }

    public static TableServiceClient Tables(this FreshAzurite azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new TableServiceClient(azurite.ConnectionString);
    }

    /// <summary>Inserts the entity or replaces the whole row, as the stores write.</summary>
    public static async Task UpsertAsync(this TableServiceClient tables, string table, TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(tables);
        await tables.GetTableClient(table).UpsertEntityAsync(entity, TableUpdateMode.Replace);
    }

    /// <summary>One entity; null when there is none.</summary>
    public static async Task<TableEntity?> GetOrNullAsync(this TableServiceClient tables, string table, string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var found = await tables.GetTableClient(table).GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every entity the filter matches (every entity of the table without one).</summary>
    public static async Task<List<TableEntity>> QueryAllAsync(this TableServiceClient tables, string table, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var entities = new List<TableEntity>();
        await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>(filter))
        {
            entities.Add(entity);
        }

        return entities;
    }
}
