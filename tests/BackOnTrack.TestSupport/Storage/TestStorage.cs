using BackOnTrack.Storage.Files;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using BackOnTrack.Storage;

namespace BackOnTrack.Tests.Storage;

/// <summary>
/// The hub's account as a test sets it up and checks it: the Azure SDK's clients (built as the hub builds its own),
/// and the handful of one-line moves tests make with them — put a file, read one back, list a folder, send or peek a
/// message — so a test reads as what it checks rather than as SDK plumbing.
/// </summary>
public sealed class TestStorage(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
{
    public BlobServiceClient BlobService { get; } = blobs;

    /// <summary>Messages as the hub and the Functions host write them: base64 of their UTF-8 text.</summary>
    public QueueServiceClient QueueService { get; } = queues;

    public TableServiceClient TableService { get; } = tables;

    public static TestStorage For(StorageAccess access) =>
        new(StorageSdkClients.Blobs(access), StorageSdkClients.Queues(access), StorageSdkClients.Tables(access));

    public static TestStorage For(string connectionString) => For(StorageAccess.FromConnectionString(connectionString));

    public BlobClient Blob(string container, string name) => BlobService.GetBlobContainerClient(container).GetBlobClient(name);

    public Uri BlobUri(string container, string name) => Blob(container, name).Uri;

    /// <summary>Writes (or replaces) the file.</summary>
    public async Task UploadAsync(string container, string name, byte[] content, string? contentType = null) =>
        await UploadAsync(container, name, new MemoryStream(content, writable: false), contentType);

    public async Task UploadAsync(string container, string name, Stream content, string? contentType = null) =>
        await Blob(container, name).WriteAsync(content, contentType ?? "application/octet-stream", CancellationToken.None);

    /// <summary>The file's properties, or null when there is no such file.</summary>
    public async Task<BlobProperties?> FindAsync(string container, string name)
    {
        try
        {
            return (await Blob(container, name).GetPropertiesAsync()).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string container, string name) => (await Blob(container, name).DownloadStreamingAsync()).Value.Content;

    public async Task<string> ReadTextAsync(string container, string name) => (await Blob(container, name).DownloadContentAsync()).Value.Content.ToString();

    /// <summary>The names of the files under <paramref name="prefix"/>, in the service's (ordinal) order.</summary>
    public async IAsyncEnumerable<BlobItem> ListAsync(string container, string? prefix = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var blob in BlobService.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            yield return blob;
        }
    }

    public async Task<List<string>> ListNamesAsync(string container, string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var blob in ListAsync(container, prefix))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public async Task SendAsync(string queue, string body) => await QueueService.GetQueueClient(queue).SendMessageAsync(body);

    /// <summary>Up to 32 messages' bodies, left where they are.</summary>
    public async Task<IReadOnlyList<string>> PeekAsync(string queue) =>
        [.. (await QueueService.GetQueueClient(queue).PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];

    /// <summary>Takes up to <paramref name="max"/> messages, each hidden for <paramref name="visibility"/> unless deleted.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queue, int max, TimeSpan visibility) =>
        [.. (await QueueService.GetQueueClient(queue).ReceiveMessagesAsync(max, visibility)).Value.Select(m => new ReceivedMessage(m.Body.ToString(), m.MessageId, m.PopReceipt))];

    public async Task DeleteAsync(string queue, ReceivedMessage message) =>
        await QueueService.GetQueueClient(queue).DeleteMessageAsync(message.MessageId, message.PopReceipt);

    public async Task<int> CountAsync(string queue) => (await QueueService.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
}

/// <summary>A message taken from a queue: its body (decoded from base64) and what deleting it takes.</summary>
public sealed record ReceivedMessage(string Body, string MessageId, string PopReceipt);
