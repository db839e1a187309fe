using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using BackOnTrack.Storage.Pipeline;

namespace BackOnTrack.Storage.Tables;

/// <summary>How an update treats properties the entity does not carry.</summary>
public enum TableUpdateMode
{
    /// <summary>The stored entity becomes exactly the given one.</summary>
    Replace,

    /// <summary>Given properties are written; others are kept.</summary>
    Merge,
}

/// <summary>One page of a table query and where the next starts (null on the last page).</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, TableContinuation? Continuation);

/// <summary>The service's continuation token for a query.</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

/// <summary>Table storage over REST (JSON, OData minimal metadata).</summary>
public partial class TableServiceClient
{
    /// <summary>The service's cap on operations in one entity-group transaction.</summary>
    public const int MaxTransactionOperations = 100;

    private const int MaxTransactionBytes = 4 * 1024 * 1024;
    private const string JsonMinimalMetadata = "application/json;odata=minimalmetadata";
    private static readonly HttpMethod Patch = HttpMethod.Patch;

    private readonly Uri _endpoint;
    private readonly StoragePipeline _pipeline;

    internal TableServiceClient(Uri endpoint, StoragePipeline pipeline)
    {
        _endpoint = endpoint;
        _pipeline = pipeline;
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient()
    {
        _endpoint = null!;
        _pipeline = null!;
    }

    /// <summary>Creates the table; returns false when it already existed.</summary>
    public virtual async Task<bool> CreateTableIfNotExistsAsync(string table, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => JsonRequest(HttpMethod.Post, Url("Tables"), Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { TableName = table })), noContent: true), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var error = await StorageErrors.CreateAsync(response, $"Create table {table}", cancellationToken).ConfigureAwait(false);
            if (error.ErrorCode == "TableAlreadyExists")
            {
                return false;
            }

            throw error;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Create table {table}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes the table; returns false when there was none.</summary>
    public virtual async Task<bool> DeleteTableAsync(string table, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => AcceptJson(new HttpRequestMessage(HttpMethod.Delete, Url($"Tables('{EscapeKey(table)}')"))), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Delete table {table}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Inserts a new entity.</summary>
    /// <exception cref="RequestFailedException">409 EntityAlreadyExists.</exception>
    public virtual async Task<ETag> AddEntityAsync(string table, TableEntity entity, CancellationToken cancellationToken = default)
    {
        var body = TableEntityJson.Serialize(entity);
        using var response = await SendAsync(() => JsonRequest(HttpMethod.Post, Url(table), body, noContent: true), cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Insert into {table}", cancellationToken).ConfigureAwait(false);
        return ReadETag(response);
    }

    /// <summary>Inserts the entity, or replaces or merges into the existing one, unconditionally.</summary>
    public virtual Task<ETag> UpsertEntityAsync(string table, TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteAsync(table, entity, mode, ifMatch: null, "Upsert into", cancellationToken);

    /// <summary>Replaces or merges into an existing entity only if its ETag still matches.</summary>
    /// <exception cref="RequestFailedException">412 UpdateConditionNotSatisfied when it changed; 404 ResourceNotFound when it is gone.</exception>
    public virtual Task<ETag> UpdateEntityAsync(string table, TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteAsync(table, entity, mode, ifMatch, "Update in", cancellationToken);

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    public virtual async Task<TableEntity?> GetEntityAsync(
        string table, string partitionKey, string rowKey, IEnumerable<string>? columns = null, CancellationToken cancellationToken = default)
    {
        var uri = EntityUrl(table, partitionKey, rowKey);
        if (columns is not null)
        {
            uri = new Uri(uri.AbsoluteUri + "?$select=" + Uri.EscapeDataString(string.Join(',', columns)));
        }

        using var response = await SendAsync(() => AcceptJson(new HttpRequestMessage(HttpMethod.Get, uri)), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Get entity from {table}", cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var entity = TableEntityJson.Read(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = new ETag(etag.ToString());
        }

        return entity;
    }

    /// <summary>Reads one page of a query. Build <paramref name="filter"/> with <see cref="TableFilter.Of"/>.</summary>
    public virtual async Task<TablePage> QueryPageAsync(
        string table, string? filter, IEnumerable<string>? columns = null, int? pageSize = null, TableContinuation? continuation = null,
        CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(filter))
        {
            query.Add("$filter=" + Uri.EscapeDataString(filter));
        }

        if (columns is not null)
        {
            // PartitionKey and RowKey are always wanted: an entity without them cannot be written back.
            query.Add("$select=" + Uri.EscapeDataString(string.Join(',', columns.Union(["PartitionKey", "RowKey"]))));
        }

        if (pageSize is { } top)
        {
            query.Add("$top=" + top.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            query.Add("NextPartitionKey=" + Uri.EscapeDataString(continuation.NextPartitionKey));
            if (continuation.NextRowKey is not null)
            {
                query.Add("NextRowKey=" + Uri.EscapeDataString(continuation.NextRowKey));
            }
        }

        var uri = new Uri(Url(table + "()").AbsoluteUri + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        using var response = await SendAsync(() => AcceptJson(new HttpRequestMessage(HttpMethod.Get, uri)), cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Query {table}", cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        var items = document.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        var nextPartition = Header(response, "x-ms-continuation-NextPartitionKey");
        var next = nextPartition is null ? null : new TableContinuation(nextPartition, Header(response, "x-ms-continuation-NextRowKey"));
        return new TablePage(items, next);
    }

    /// <summary>Every entity the filter matches, following continuation tokens (pages may be empty and still continue).</summary>
    public virtual async IAsyncEnumerable<TableEntity> QueryAsync(
        string table, string? filter, IEnumerable<string>? columns = null, int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = columns?.ToList();
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(table, filter, selected, pageSize, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>Deletes an entity (any version unless <paramref name="ifMatch"/> is given); false when it did not exist.</summary>
    /// <exception cref="RequestFailedException">412 UpdateConditionNotSatisfied when the ETag no longer matches.</exception>
    public virtual async Task<bool> DeleteEntityAsync(string table, string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            () =>
            {
                var request = AcceptJson(new HttpRequestMessage(HttpMethod.Delete, EntityUrl(table, partitionKey, rowKey)));
                request.Headers.TryAddWithoutValidation("If-Match", (ifMatch ?? ETag.All).ToString());
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await StorageErrors.ThrowIfFailedAsync(response, $"Delete from {table}", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Applies the actions atomically as one entity-group transaction: all or nothing.
    /// </summary>
    /// <exception cref="ArgumentException">Refused before sending: more than 100 operations, more than one partition key,
    /// an entity named twice, or a body over 4 MiB.</exception>
    /// <exception cref="TableTransactionFailedException">The service rejected one operation (named by index); nothing was applied.</exception>
    public virtual async Task SubmitTransactionAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
        {
            return;
        }

        TableTransactionRules.Validate(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = ComposeBatch(table, actions, batchBoundary);
        if (body.Length > MaxTransactionBytes)
        {
            throw new ArgumentException($"The transaction's body is {body.Length} bytes; the service accepts at most {MaxTransactionBytes}.", nameof(actions));
        }

        using var response = await SendAsync(
            () =>
            {
                var request = AcceptJson(new HttpRequestMessage(HttpMethod.Post, Url("$batch")) { Content = new ByteArrayContent(body) });
                request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batchBoundary}");
                return request;
            },
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"Transaction on {table}", cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var failure = TableBatchResponse.FindFailure(text);
        if (failure is null)
        {
            return;
        }

        var (code, message) = StorageErrors.ParseBody(failure.Body);
        // The message's index prefix is the documented signal; Content-ID (ours, 0-based) is the fallback.
        var index = IndexPrefix(message) ?? failure.ContentId;
        var action = index is { } i && i >= 0 && i < actions.Count ? actions[i] : null;
        var described = action is null
            ? "an operation the service did not name"
            : $"operation {index} ({action.ActionType} of RowKey '{action.Entity.RowKey}')";
        throw new TableTransactionFailedException(
            failure.Status,
            $"Transaction on {table} applied nothing: {described} failed with {failure.Status} {code}: {StripIndex(message)}",
            code,
            index,
            action);
    }

    private async Task<ETag> WriteAsync(string table, TableEntity entity, TableUpdateMode mode, ETag? ifMatch, string verb, CancellationToken cancellationToken)
    {
        var body = TableEntityJson.Serialize(entity);
        using var response = await SendAsync(
            () =>
            {
                var request = JsonRequest(mode == TableUpdateMode.Merge ? Patch : HttpMethod.Put, EntityUrl(table, entity.PartitionKey, entity.RowKey), body);
                if (ifMatch is { } etag)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", etag.ToString());
                }

                return request;
            },
            cancellationToken).ConfigureAwait(false);
        await StorageErrors.ThrowIfFailedAsync(response, $"{verb} {table}", cancellationToken).ConfigureAwait(false);
        return ReadETag(response);
    }

    private byte[] ComposeBatch(string table, IReadOnlyList<TableTransactionAction> actions, string batchBoundary)
    {
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new ArrayBufferWriter<byte>(actions.Count * 1024);
        using var json = new Utf8JsonWriter(body);
        Ascii(body, $"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, url, ifMatch, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", Url(table), (ETag?)null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", EntityUrl(table, entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpsertMerge => ("PATCH", EntityUrl(table, entity.PartitionKey, entity.RowKey), null, true),
                TableTransactionActionType.UpdateReplace => ("PUT", EntityUrl(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? ETag.All, true),
                TableTransactionActionType.UpdateMerge => ("PATCH", EntityUrl(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? ETag.All, true),
                TableTransactionActionType.Delete => ("DELETE", EntityUrl(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? ETag.All, false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            Ascii(body,
                $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                $"{method} {url.AbsoluteUri} HTTP/1.1\r\nAccept: {JsonMinimalMetadata}\r\nDataServiceVersion: 3.0;NetFx\r\nContent-ID: {i.ToString(CultureInfo.InvariantCulture)}\r\n");
            if (ifMatch is { } etag)
            {
                Utf8(body, $"If-Match: {etag}\r\n");
            }

            if (withBody)
            {
                // One line of JSON: Azurite reads sub-request bodies with a single-line pattern.
                Ascii(body, "Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n");
                json.Reset(body);
                TableEntityJson.Write(json, entity);
                json.Flush();
                Ascii(body, "\r\n");
            }
            else
            {
                Ascii(body, "\r\n");
            }
        }

        Ascii(body, $"--{changeset}--\r\n--{batchBoundary}--\r\n");
        return body.WrittenSpan.ToArray();
    }

    // Boundaries, verbs, headers and escaped URLs are ASCII; an ETag is written as UTF-8 in case a service ever sends more.
    private static void Ascii(ArrayBufferWriter<byte> body, string text) => body.Advance(Encoding.ASCII.GetBytes(text, body.GetSpan(text.Length)));

    private static void Utf8(ArrayBufferWriter<byte> body, string text) => body.Advance(Encoding.UTF8.GetBytes(text, body.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));

    private Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(createRequest, cancellationToken);

    private Uri Url(string path) => new($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{path}");

    private Uri EntityUrl(string table, string partitionKey, string rowKey) =>
        Url($"{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')");

    /// <summary>Keys inside the URL: quotes doubled (OData), then percent-encoded.</summary>
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static HttpRequestMessage JsonRequest(HttpMethod method, Uri uri, byte[] body, bool noContent = false)
    {
        var request = AcceptJson(new HttpRequestMessage(method, uri) { Content = new ByteArrayContent(body) });
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (noContent)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        }

        return request;
    }

    private static HttpRequestMessage AcceptJson(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Accept", JsonMinimalMetadata);
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0;NetFx");
        request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        return request;
    }

    private static ETag ReadETag(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? new ETag(values.First()) : default;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IndexPrefix(string? message) =>
        message is not null && IndexPrefixPattern().Match(message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static string StripIndex(string? message)
    {
        var text = IndexPrefixPattern().Replace(message ?? "", "");
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefixPattern();
}
