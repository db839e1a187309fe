using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure;
using BackOnTrack.Storage.Pipeline;

namespace BackOnTrack.Storage.Blobs;

/// <summary>Blob storage over REST: containers and block blobs.</summary>
public class BlobServiceClient
{
    private readonly Uri _endpoint;
    private readonly StoragePipeline _pipeline;
    private readonly TimeProvider _timeProvider;

    internal BlobServiceClient(Uri endpoint, StoragePipeline pipeline, TimeProvider timeProvider)
    {
        _endpoint = endpoint;
        _pipeline = pipeline;
        _timeProvider = timeProvider;
    }

    /// <summary>For mocking.</summary>
    protected BlobServiceClient()
    {
        _endpoint = null!;
        _pipeline = null!;
        _timeProvider = TimeProvider.System;
    }

    /// <summary>The blob's URL, e.g. <c>http://127.0.0.1:10000/devstoreaccount1/drops/1234567/a.csv</c>.</summary>
    public virtual Uri GetBlobUri(string container, string blobName) =>
        new($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{container}/{EscapeBlobName(blobName)}");

    /// <summary>Creates the container; returns false when it already existed.</summary>
    public virtual async Task<bool> CreateContainerIfNotExistsAsync(string container, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, ContainerUri(container, "restype=container")),
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var error = await StorageErrors.CreateAsync(response, $"Create container {container}", cancellationToken).ConfigureAwait(false);
            if (error.ErrorCode == "ContainerAlreadyExists")
            {
                return false;
            }

            throw error;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Create container {container}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Uploads <paramref name="content"/> as a block blob in one request. A stream that cannot seek is buffered first
    /// so a retried attempt sends the same bytes.
    /// </summary>
    /// <returns>The new blob's properties (ETag, Last-Modified, length).</returns>
    /// <exception cref="RequestFailedException">409 BlobAlreadyExists for a create-only upload over an existing blob; 412 ConditionNotMet when If-Match fails.</exception>
    public virtual async Task<BlobProperties> UploadAsync(
        string container, string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BlobUploadOptions();
        var replayable = content;
        if (!content.CanSeek)
        {
            replayable = new MemoryStream();
            await content.CopyToAsync(replayable, cancellationToken).ConfigureAwait(false);
            replayable.Position = 0;
        }

        var start = replayable.Position;
        var length = replayable.Length - start;
        try
        {
            using var response = await _pipeline.SendAsync(
                () =>
                {
                    replayable.Position = start;
                    var request = new HttpRequestMessage(HttpMethod.Put, GetBlobUri(container, blobName))
                    {
                        Content = new NonDisposingStreamContent(replayable, length),
                    };
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(options.ContentType);
                    request.Headers.Add("x-ms-blob-type", "BlockBlob");
                    AddMetadata(request, options.Metadata);
                    AddConditions(request, options.Conditions);
                    return request;
                },
                cancellationToken).ConfigureAwait(false);
            await StorageErrors.ThrowIfFailedAsync(response, $"Upload blob {container}/{blobName}", cancellationToken).ConfigureAwait(false);
            return new BlobProperties(
                ReadETag(response),
                response.Content.Headers.LastModified ?? _timeProvider.GetUtcNow(),
                length,
                options.ContentType,
                options.Metadata ?? new Dictionary<string, string>());
        }
        finally
        {
            if (!ReferenceEquals(replayable, content))
            {
                await replayable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Uploads bytes as a block blob.</summary>
    public virtual Task<BlobProperties> UploadAsync(
        string container, string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default) =>
        UploadAsync(container, blobName, new MemoryStream(content.ToArray(), writable: false), options, cancellationToken);

    /// <summary>Opens the blob for reading; the content streams from the network as it is read.</summary>
    /// <exception cref="RequestFailedException">404 BlobNotFound.</exception>
    public virtual async Task<BlobDownload> DownloadStreamingAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, GetBlobUri(container, blobName)),
            cancellationToken,
            streamResponse: true).ConfigureAwait(false);
        try
        {
            await StorageErrors.ThrowIfFailedAsync(response, $"Download blob {container}/{blobName}", cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new BlobDownload(stream, ReadProperties(response), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The blob's properties and metadata, or null when it does not exist.</summary>
    public virtual async Task<BlobProperties?> GetPropertiesAsync(string container, string blobName, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Head, GetBlobUri(container, blobName)),
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Get properties of {container}/{blobName}", cancellationToken).ConfigureAwait(false);
        return ReadProperties(response);
    }

    /// <summary>Replaces the blob's user metadata (all of it).</summary>
    public virtual async Task<ETag> SetMetadataAsync(
        string container, string blobName, IReadOnlyDictionary<string, string> metadata, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, WithQuery(GetBlobUri(container, blobName), "comp=metadata"));
                AddMetadata(request, metadata);
                AddConditions(request, conditions);
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Set metadata of {container}/{blobName}", cancellationToken).ConfigureAwait(false);
        return ReadETag(response);
    }

    /// <summary>Lists one page of blobs whose names start with <paramref name="prefix"/>.</summary>
    public virtual async Task<BlobPage> ListBlobsPageAsync(
        string container, string? prefix, string? marker, int pageSize = 5000, CancellationToken cancellationToken = default)
    {
        var query = new List<string> { "restype=container", "comp=list", "include=metadata", $"maxresults={pageSize.ToString(CultureInfo.InvariantCulture)}" };
        if (!string.IsNullOrEmpty(prefix))
        {
            query.Add("prefix=" + Uri.EscapeDataString(prefix));
        }

        if (!string.IsNullOrEmpty(marker))
        {
            query.Add("marker=" + Uri.EscapeDataString(marker));
        }

        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, ContainerUri(container, string.Join('&', query))),
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"List blobs in {container}", cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var document = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        var root = document.Root!;
        var items = root.Element("Blobs")?.Elements("Blob").Select(ParseListedBlob).ToList() ?? [];
        var next = root.Element("NextMarker")?.Value;
        return new BlobPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Lists every blob whose name starts with <paramref name="prefix"/>, following continuation markers.</summary>
    public virtual async IAsyncEnumerable<BlobItem> ListBlobsAsync(
        string container, string? prefix = null, int pageSize = 5000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListBlobsPageAsync(container, prefix, marker, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    /// <summary>
    /// Copies a blob within the account and waits until the copy has finished (same-account copies are usually
    /// synchronous; a pending copy is polled).
    /// </summary>
    public virtual async Task<BlobProperties> CopyAsync(
        string sourceContainer, string sourceBlob, string destinationContainer, string destinationBlob,
        BlobConditions? destinationConditions = null, CancellationToken cancellationToken = default)
    {
        var source = GetBlobUri(sourceContainer, sourceBlob);
        string? status;
        using (var response = await _pipeline.SendAsync(
                   () =>
                   {
                       var request = new HttpRequestMessage(HttpMethod.Put, GetBlobUri(destinationContainer, destinationBlob));
                       request.Headers.Add("x-ms-copy-source", source.AbsoluteUri);
                       AddConditions(request, destinationConditions);
                       return request;
                   },
                   cancellationToken).ConfigureAwait(false))
        {
            await StorageErrors.ThrowIfFailedAsync(response, $"Copy {sourceContainer}/{sourceBlob} to {destinationContainer}/{destinationBlob}", cancellationToken)
                .ConfigureAwait(false);
            status = Header(response, "x-ms-copy-status");
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var properties = await GetPropertiesAsync(destinationContainer, destinationBlob, cancellationToken).ConfigureAwait(false)
                             ?? throw new RequestFailedException(404, $"Copy target {destinationContainer}/{destinationBlob} vanished during the copy.", "BlobNotFound", null);
            if (status is null or "success" || properties.CopyStatus is null or "success")
            {
                return properties;
            }

            if (properties.CopyStatus is "failed" or "aborted")
            {
                throw new RequestFailedException(500, $"Copy to {destinationContainer}/{destinationBlob} ended {properties.CopyStatus}.", "CopyFailed", null);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    /// <summary>Deletes the blob; returns false when there was none.</summary>
    public virtual async Task<bool> DeleteIfExistsAsync(string container, string blobName, BlobConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var response = await _pipeline.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, GetBlobUri(container, blobName));
                request.Headers.Add("x-ms-delete-snapshots", "include");
                AddConditions(request, conditions);
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Delete blob {container}/{blobName}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Replaces the account's Blob CORS rules (Set Blob Service Properties with only <c>Cors</c>: logging, metrics and
    /// the other service properties are left as they are).
    /// </summary>
    public virtual async Task SetCorsRulesAsync(IReadOnlyList<BlobCorsRule> rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var body = new XDocument(new XElement("StorageServiceProperties", new XElement("Cors", rules.Select(rule => new XElement("CorsRule",
            new XElement("AllowedOrigins", string.Join(',', rule.AllowedOrigins)),
            new XElement("AllowedMethods", string.Join(',', rule.AllowedMethods)),
            new XElement("AllowedHeaders", string.Join(',', rule.AllowedHeaders)),
            new XElement("ExposedHeaders", string.Join(',', rule.ExposedHeaders)),
            new XElement("MaxAgeInSeconds", rule.MaxAgeInSeconds.ToString(CultureInfo.InvariantCulture)))))));
        var xml = body.ToString(SaveOptions.DisableFormatting);
        using var response = await _pipeline.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, new Uri($"{_endpoint.AbsoluteUri.TrimEnd('/')}/?restype=service&comp=properties"))
            {
                Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml"),
            },
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, "Set Blob service CORS rules", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Escapes each path segment of a blob name, keeping the <c>/</c> separators.</summary>
    internal static string EscapeBlobName(string blobName) =>
        string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString));

    private Uri ContainerUri(string container, string query) => new($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{container}?{query}");

    private static Uri WithQuery(Uri uri, string query) => new($"{uri.AbsoluteUri}?{query}");

    private static void AddMetadata(HttpRequestMessage request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.Add("x-ms-meta-" + name, value);
        }
    }

    private static void AddConditions(HttpRequestMessage request, BlobConditions? conditions)
    {
        if (conditions?.IfMatch is { } ifMatch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch.ToString("H"));
        }

        if (conditions?.IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch.ToString("H"));
        }
    }

    private static ETag ReadETag(HttpResponseMessage response) =>
        response.Headers.ETag is { } etag ? new ETag(etag.Tag) : new ETag(Header(response, "ETag") ?? "");

    private static BlobProperties ReadProperties(HttpResponseMessage response)
    {
        var metadata = response.Headers
            .Where(h => h.Key.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key["x-ms-meta-".Length..], h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new BlobProperties(
            ReadETag(response),
            response.Content.Headers.LastModified ?? DateTimeOffset.MinValue,
            response.Content.Headers.ContentLength ?? 0,
            response.Content.Headers.ContentType?.ToString(),
            metadata)
        {
            CopyStatus = Header(response, "x-ms-copy-status"),
        };
    }

    private static BlobItem ParseListedBlob(XElement blob)
    {
        var properties = blob.Element("Properties")!;
        var metadata = blob.Element("Metadata")?.Elements().ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.OrdinalIgnoreCase)
                       ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return new BlobItem(
            blob.Element("Name")!.Value,
            new BlobProperties(
                new ETag(properties.Element("Etag")?.Value ?? ""),
                DateTimeOffset.Parse(properties.Element("Last-Modified")!.Value, CultureInfo.InvariantCulture),
                long.Parse(properties.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                properties.Element("Content-Type")?.Value,
                metadata));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Stream content that leaves the stream open, so a retry can rewind and resend it.</summary>
    private sealed class NonDisposingStreamContent(Stream stream, long length) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) => SerializeToStreamAsync(target, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream target, TransportContext? context, CancellationToken cancellationToken)
        {
            var remaining = length;
            var buffer = new byte[81920];
            while (remaining > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
