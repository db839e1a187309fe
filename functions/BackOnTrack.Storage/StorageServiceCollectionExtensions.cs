using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage account the Functions host uses (<c>AzureWebJobsStorage</c>: a connection string, or
    /// <c>AzureWebJobsStorage__accountName</c> with managed identity), its clients, the <c>Storage</c> options and the
    /// start-up provisioning of every container, queue and table.
    /// </summary>
    public static IServiceCollection AddBackOnTrackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageClientOptions>()
            .Bind(configuration.GetSection(StorageClientOptions.SectionName))
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Storage:MaxRetries must be between 0 and 10.")
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay, "Storage:RetryDelay must be positive and at most Storage:MaxRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton(_ => ReadConnection(configuration));
        services.AddSingleton(sp => StorageAccount.Create(
            sp.GetRequiredService<StorageConnection>(),
            sp.GetRequiredService<IOptions<StorageClientOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sdkTables: sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton(sp => new Repositories.DataDropStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton(sp => new Repositories.BlobReceiptStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton(sp => new Repositories.DropRowStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton(sp => new Repositories.BenchmarkRowStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>()));
        services.AddSingleton(sp => new Repositories.MetricsRequestSender(sp.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>()));
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().Blobs);
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().Queues);
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().Tables);
        // The SDK's clients, through Microsoft.Extensions.Azure: one of each per account, built from the same connection
        // (the key from a connection string locally, the managed identity in Azure), the SDK's retry set from the
        // Storage options as the one retry layer. Stores take their own TableClient / BlobContainerClient / QueueClient.
        services.AddAzureClients(clients =>
        {
            clients.AddClient<Azure.Data.Tables.TableServiceClient, Azure.Data.Tables.TableClientOptions>((_, sp) => StorageSdkClients.Tables(
                sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageClientOptions>>().Value));
            clients.AddClient<Azure.Storage.Blobs.BlobServiceClient, Azure.Storage.Blobs.BlobClientOptions>((_, sp) => StorageSdkClients.Blobs(
                sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageClientOptions>>().Value));
            clients.AddClient<Azure.Storage.Queues.QueueServiceClient, Azure.Storage.Queues.QueueClientOptions>((_, sp) => StorageSdkClients.Queues(
                sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageClientOptions>>().Value));
        });
        services.AddSingleton<StorageProvisioning>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageProvisioning>());
        return services;
    }

    /// <summary>Reads the connection the way the Functions host does: a connection string wins over identity settings.</summary>
    public static StorageConnection ReadConnection(IConfiguration configuration)
    {
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnection.Parse(connectionString);
        }

        var identity = configuration.GetSection("AzureWebJobsStorage");
        var accountName = identity["accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                "No storage configured: set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true for Azurite) " +
                "or AzureWebJobsStorage__accountName for managed identity.");
        }

        var clientId = identity["clientId"];
        TokenCredential credential = string.Equals(identity["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        return StorageConnection.FromAccountName(accountName, credential);
    }
}
