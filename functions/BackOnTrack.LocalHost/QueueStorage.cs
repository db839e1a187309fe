using Azure.Storage.Queues;

namespace BackOnTrack.LocalHost;

/// <summary>
/// The storage account the host's queue triggers and outputs use: one client that speaks base64 text (the host's
/// default message encoding) and one that does not, for poisoning a message that is not base64 as it is.
/// </summary>
public sealed class QueueStorage
{
    public QueueStorage(Func<QueueClientOptions, QueueServiceClient> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        Base64 = create(Options(QueueMessageEncoding.Base64));
        Raw = create(Options(QueueMessageEncoding.None));
    }

    public QueueServiceClient Base64 { get; }

    public QueueServiceClient Raw { get; }

    public static QueueStorage FromConnectionString(string connectionString) => new(options => new QueueServiceClient(connectionString, options));

    // Pinned to the newest service version Azurite 3.37 accepts, so the host runs on a plain Azurite (no
    // --skipApiVersionCheck); Azure accepts it too.
    private static QueueClientOptions Options(QueueMessageEncoding encoding) =>
        new(QueueClientOptions.ServiceVersion.V2026_06_06) { MessageEncoding = encoding };
}
