using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using BackOnTrack.Core.Ports;
using BackOnTrack.Storage.Files;
using BackOnTrack.Storage.Messages;
using BackOnTrack.Storage.Repositories;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton(_ => ReadAccess(configuration));
        // The SDK's clients, through Microsoft.Extensions.Azure: one of each per account, built from the same access
        // (the key from a connection string locally, the managed identity in Azure), the SDK's retry set from the
        // Storage options as the one retry layer.
        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>((_, sp) => StorageSdkClients.Tables(sp.GetRequiredService<StorageAccess>(), Options(sp)));
            clients.AddClient<BlobServiceClient, BlobClientOptions>((_, sp) => StorageSdkClients.Blobs(sp.GetRequiredService<StorageAccess>(), Options(sp)));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((_, sp) => StorageSdkClients.Queues(sp.GetRequiredService<StorageAccess>(), Options(sp)));
        });

        // The ports the use cases own, each adapter over its own container, queue or table client.
        services.AddSingleton(sp => new DataDropStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IDropRegistry>(sp => sp.GetRequiredService<DataDropStore>());
        services.AddSingleton(sp => new BlobReceiptStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IBlobReceipts>(sp => sp.GetRequiredService<BlobReceiptStore>());
        services.AddSingleton<IDropRowRemover>(sp => new DropRowRemover(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IDropRows>(sp => new DropRowStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IUploadedFiles>(sp => new UploadedFiles(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton<IReportFiles>(sp => new ReportFiles(sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton<IQuarantine>(sp => new QuarantineFiles(sp.GetRequiredService<BlobServiceClient>()));
        // The real clock, not the hub's (which may run "as of" a past date): storage checks a SAS's expiry against its own.
        services.AddSingleton<IUploadUrls>(sp => new UploadSasIssuer(sp.GetRequiredService<BlobServiceClient>(), TimeProvider.System));
        services.AddSingleton<IMetricsRequests>(sp => new MetricsRequestSender(sp.GetRequiredService<QueueServiceClient>()));
        services.AddSingleton<ITrackerSyncRequests>(sp => new TrackerSyncRequestSender(sp.GetRequiredService<QueueServiceClient>()));
        services.AddSingleton<IDropEvents>(sp => new DropEventSender(sp.GetRequiredService<QueueServiceClient>()));
        services.AddSingleton<IPoisonQueues>(sp => new PoisonQueues(StorageSdkClients.RawQueues(sp.GetRequiredService<StorageAccess>(), Options(sp))));
        services.AddSingleton<IStorageProbe, StorageProbe>();
        services.AddSingleton<IPupilRows>(sp => new PupilRowStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IKeyRotations>(sp => new KeyRotationStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ITableBackup>(sp => new TableBackupStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>()));
        // Plans, owners' prompts and the SharePoint trackers.
        services.AddSingleton(sp => new ActionPlanStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IActionPlans>(sp => sp.GetRequiredService<ActionPlanStore>());
        services.AddSingleton(sp => new PromptLedgerStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IPromptLedger>(sp => sp.GetRequiredService<PromptLedgerStore>());
        services.AddSingleton(sp => new TrackerItemStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ITrackerItems>(sp => sp.GetRequiredService<TrackerItemStore>());
        services.AddSingleton(sp => new RejectedTrackerEditStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IRejectedTrackerEdits>(sp => sp.GetRequiredService<RejectedTrackerEditStore>());
        // Schools (their keys and the register), the operations verbs' audit log, and early warning.
        services.AddSingleton(sp => new SchoolKeyStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ISchoolKeys>(sp => sp.GetRequiredService<SchoolKeyStore>());
        services.AddSingleton(sp => new SchoolRegisterStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ISchoolRegister>(sp => sp.GetRequiredService<SchoolRegisterStore>());
        services.AddSingleton(sp => new OperationsAuditStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IOperationsAudit>(sp => sp.GetRequiredService<OperationsAuditStore>());
        services.AddSingleton(sp => new EarlyWarningStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IEarlyWarnings>(sp => sp.GetRequiredService<EarlyWarningStore>());
        services.AddSingleton<IEarlyWarningFacts>(sp => new EarlyWarningFactsReader(sp.GetRequiredService<TableServiceClient>()));
        // Metrics and benchmarks: the figures, the DfE rows beside them, the cohorts' outcomes and the facts they come from.
        services.AddSingleton(sp => new MetricsStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IMetricRows>(sp => sp.GetRequiredService<MetricsStore>());
        services.AddSingleton(sp => new MetricFactsReader(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IMetricFacts>(sp => sp.GetRequiredService<MetricFactsReader>());
        services.AddSingleton(sp => new CohortOutcomeStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<ICohortOutcomes>(sp => sp.GetRequiredService<CohortOutcomeStore>());
        services.AddSingleton(sp => new BenchmarkStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IBenchmarks>(sp => sp.GetRequiredService<BenchmarkStore>());
        services.AddSingleton(sp => new BenchmarkRowStore(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IBenchmarkRows>(sp => sp.GetRequiredService<BenchmarkRowStore>());
        services.AddSingleton<StorageProvisioning>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageProvisioning>());
        return services;
    }

    /// <summary>Reads the account the way the Functions host does: a connection string wins over identity settings.</summary>
    public static StorageAccess ReadAccess(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageAccess.FromConnectionString(connectionString);
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
        return StorageAccess.FromAccountName(accountName, credential);
    }

    private static StorageClientOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<StorageClientOptions>>().Value;
}
