using System.Globalization;
using System.Net;
using System.Text.Json;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.Graph;
using BackOnTrack.M365.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Sites.Item.Lists.Item.Items.Delta;
using Microsoft.Kiota.Abstractions;
using Polly;

namespace BackOnTrack.M365.SharePoint;

/// <summary>
/// The tracker lists through Graph (GRAPH.md §3–5): columns read once per sync, items listed and read with paging,
/// writes in <c>$batch</c> requests of at most 20 steps (creates as POST, changes as PATCH of the changed fields with
/// If-Match), list-item delta for people's edits. A step that comes back 429 or 503 inside a 200 batch is sent again
/// after its Retry-After; the steps are matched to items by the ids the hub gives them, never by the SDK's.
/// </summary>
public sealed partial class GraphSharePointTracker : ISharePointTracker
{
    /// <summary>Graph's limit on the steps of one <c>$batch</c> (GRAPH.md §4.1).</summary>
    public const int MaxBatchSteps = 20;

    private readonly GraphServiceClient _graph;
    private readonly M365Options _options;
    private readonly ResiliencePipeline<BatchRound> _batchStepRetry;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public GraphSharePointTracker(GraphServiceClient graph, M365Options options, TimeProvider timeProvider, ILogger<GraphSharePointTracker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph;
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _batchStepRetry = BatchStepRetry(RetryRules.Graph(options), timeProvider, logger);
    }

    public bool ReadsEdits => true;

    public string ListAddress(TrackerListDefinition list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return $"{_options.SiteId}/{ListId(list)}";
    }

    public async Task<ColumnMap> ResolveColumnsAsync(TrackerListDefinition list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var columns = new List<(string Name, string? DisplayName)>();
        try
        {
            var page = await List(list).Columns.GetAsync(r => r.QueryParameters.Select = ["name", "displayName"], cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                columns.AddRange((page.Value ?? []).Where(c => c.Name is not null).Select(c => (c.Name!, c.DisplayName)));
                page = page.OdataNextLink is { } next
                    ? await List(list).Columns.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false)
                    : null;
            }
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, $"Reading the columns of the list '{list.DisplayName}'");
        }

        return ColumnMap.Resolve(list, columns);
    }

    public async Task<IReadOnlyDictionary<string, ListItemState>> ListItemsAsync(ColumnMap columns, IReadOnlyList<string> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var items = new Dictionary<string, ListItemState>(StringComparer.Ordinal);
        var builder = List(columns.List).Items;
        try
        {
            var page = await builder.GetAsync(r => r.QueryParameters.Expand = [ExpandFields(columns, read)], cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                foreach (var item in page.Value ?? [])
                {
                    if (Read(columns, item) is { } state && state.Fields.GetValueOrDefault(columns.List.KeyColumn) is { } key)
                    {
                        items[key] = state;
                    }
                }

                page = page.OdataNextLink is { } next ? await builder.WithUrl(next).GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false) : null;
            }
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, $"Listing the items of '{columns.List.DisplayName}'");
        }

        return items;
    }

    public async Task<ListItemState?> GetItemAsync(ColumnMap columns, string itemId, IReadOnlyList<string> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        try
        {
            var item = await List(columns.List).Items[itemId].GetAsync(r => r.QueryParameters.Expand = [ExpandFields(columns, read)], cancellationToken).ConfigureAwait(false);
            return item is null ? null : Read(columns, item);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, $"Reading an item of '{columns.List.DisplayName}'");
        }
    }

    public async Task<ListChanges> ReadChangesAsync(ColumnMap columns, string? deltaLink, IReadOnlyList<string> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var delta = List(columns.List).Items.Delta;
        var restarted = false;
        DeltaGetResponse? page;
        try
        {
            try
            {
                page = deltaLink is null
                    ? await FirstDeltaPageAsync(delta, columns, read, cancellationToken).ConfigureAwait(false)
                    : await delta.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException ex) when (ex.ResponseStatusCode == (int)HttpStatusCode.Gone)
            {
                // The kept link expired (GRAPH.md §3.1): enumerate the list afresh; the caller sees every item again.
                LogDeltaExpired(_logger, columns.List.Kind);
                restarted = true;
                page = await FirstDeltaPageAsync(delta, columns, read, cancellationToken).ConfigureAwait(false);
            }

            // An item can appear more than once across pages: the last one is its latest version.
            var items = new Dictionary<string, ListItemState>(StringComparer.Ordinal);
            var order = new List<string>();
            while (true)
            {
                foreach (var item in page?.Value ?? [])
                {
                    if (Read(columns, item) is { } state)
                    {
                        if (!items.ContainsKey(state.ItemId))
                        {
                            order.Add(state.ItemId);
                        }

                        items[state.ItemId] = state;
                    }
                }

                if (page?.OdataNextLink is { } next)
                {
                    page = await delta.WithUrl(next).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var link = page?.OdataDeltaLink ?? throw new M365ServiceException(0, null, $"The delta of '{columns.List.DisplayName}' ended without a delta link.");
                return new ListChanges([.. order.Select(id => items[id])], link, restarted);
            }
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex))
        {
            throw GraphFailures.ToHubFailure(ex, $"Reading the changes of '{columns.List.DisplayName}'");
        }
    }

    public async Task<IReadOnlyList<ItemWriteResult>> WriteAsync(ColumnMap columns, IReadOnlyList<ItemWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Dictionary<string, ItemWriteResult>(StringComparer.Ordinal);
        var pending = writes.ToList();
        try
        {
            var last = await _batchStepRetry.ExecuteAsync(
                async token =>
                {
                    var round = await SendRoundAsync(columns, pending, results, token).ConfigureAwait(false);
                    pending = round.Throttled;
                    return round;
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var write in last.Throttled)
            {
                results[write.Key] = new ItemWriteResult(write.Key, ItemWriteOutcome.Failed, Status: last.ThrottleStatus, Error: "Still throttled after every retry.");
            }
        }
        catch (Exception ex) when (GraphFailures.IsHubFailure(ex) || ex is ServiceException)
        {
            throw GraphFailures.ToHubFailure(ex, $"Writing items of '{columns.List.DisplayName}' in a $batch");
        }

        return [.. writes.Select(w => results[w.Key])];
    }

    /// <summary>Sends every pending write once, in batches of at most 20; returns the steps to send again.</summary>
    private async Task<BatchRound> SendRoundAsync(ColumnMap columns, List<ItemWrite> pending, Dictionary<string, ItemWriteResult> results, CancellationToken cancellationToken)
    {
        var throttled = new List<ItemWrite>();
        TimeSpan? retryAfter = null;
        var throttleStatus = 0;
        foreach (var chunk in pending.Chunk(MaxBatchSteps))
        {
            // One chunk of at most 20 is one $batch request.
            var content = new BatchRequestContentCollection(_graph, MaxBatchSteps);
            var byStep = new Dictionary<string, ItemWrite>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Length; i++)
            {
                // Step ids are the hub's own (1…20 in this batch), so a retried step is matched to its item by the hub.
                var step = (i + 1).ToString(CultureInfo.InvariantCulture);
                byStep[step] = chunk[i];
                await content.AddBatchRequestStepAsync(RequestFor(columns, chunk[i]), step).ConfigureAwait(false);
            }

            var response = await _graph.Batch.PostAsync(content, cancellationToken).ConfigureAwait(false);
            foreach (var step in (await response.GetResponsesStatusCodesAsync().ConfigureAwait(false)).Keys)
            {
                using (var message = await response.GetResponseByIdAsync(step).ConfigureAwait(false))
                {
                    var write = byStep[step];
                    var status = (int)message.StatusCode;
                    if (status is 429 or 503)
                    {
                        throttled.Add(write);
                        throttleStatus = status;
                        var wait = RetryRules.RetryAfter(message, _timeProvider);
                        retryAfter = wait is null ? retryAfter : retryAfter is null || wait > retryAfter ? wait : retryAfter;
                        continue;
                    }

                    results[write.Key] = await ResultAsync(write, message, cancellationToken).ConfigureAwait(false);
                }
            }

            LogBatch(_logger, columns.List.Kind, chunk.Length, throttled.Count);
        }

        return new BatchRound(throttled, retryAfter, throttleStatus);
    }

    private RequestInformation RequestFor(ColumnMap columns, ItemWrite write)
    {
        var fields = new FieldValueSet { AdditionalData = Wire(columns, write.Fields) };
        if (write.ItemId is null)
        {
            return List(columns.List).Items.ToPostRequestInformation(new ListItem { Fields = fields });
        }

        return List(columns.List).Items[write.ItemId].Fields.ToPatchRequestInformation(fields, r =>
        {
            if (write.ETag is not null)
            {
                r.Headers.Add("If-Match", write.ETag);
            }
        });
    }

    private static async Task<ItemWriteResult> ResultAsync(ItemWrite write, HttpResponseMessage message, CancellationToken cancellationToken)
    {
        var status = (int)message.StatusCode;
        var body = await message.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (message.IsSuccessStatusCode)
        {
            using var json = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            var root = json.RootElement;
            // A create answers with the listItem (id, eTag); a patch with the fieldValueSet (@odata.etag).
            var itemId = root.TryGetProperty("id", out var id) && write.ItemId is null ? id.GetString() : write.ItemId;
            var etag = root.TryGetProperty("eTag", out var e) ? e.GetString() : root.TryGetProperty("@odata.etag", out var f) ? f.GetString() : null;
            return new ItemWriteResult(write.Key, ItemWriteOutcome.Written, itemId, etag, status);
        }

        var error = ErrorOf(body);
        return status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict
            ? new ItemWriteResult(write.Key, ItemWriteOutcome.Conflict, write.ItemId, null, status, error)
            : new ItemWriteResult(write.Key, ItemWriteOutcome.Failed, write.ItemId, null, status, error);
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task<DeltaGetResponse?> FirstDeltaPageAsync(DeltaRequestBuilder delta, ColumnMap columns, IReadOnlyList<string> read, CancellationToken cancellationToken) =>
        delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Expand = [ExpandFields(columns, read)], cancellationToken);

    private Microsoft.Graph.Sites.Item.Lists.Item.ListItemRequestBuilder List(TrackerListDefinition list) =>
        _graph.Sites[Required(_options.SiteId, "SiteId")].Lists[ListId(list)];

    private string ListId(TrackerListDefinition list) => list.Kind switch
    {
        var kind when kind == TrackerLists.Figures.Kind => Required(_options.FiguresListId, "FiguresListId"),
        var kind when kind == TrackerLists.Returns.Kind => Required(_options.ReturnsListId, "ReturnsListId"),
        _ => Required(_options.TrackerListId, "TrackerListId"),
    };

    private static string Required(string? value, string name) => string.IsNullOrWhiteSpace(value)
        ? throw new M365ServiceException(0, "NotConfigured", $"M365:{name} is not set: run provision-lists and put the ids it prints in M365__{name}.")
        : value;

    private static string ExpandFields(ColumnMap columns, IReadOnlyList<string> read) =>
        $"fields($select={string.Join(',', read.Prepend(columns.List.KeyColumn).Distinct().Select(columns.InternalName))})";

    /// <summary>The hub's text values as Graph takes them: numbers as numbers, yes/no as booleans, everything else as text (dates ISO-8601 UTC).</summary>
    private static Dictionary<string, object> Wire(ColumnMap columns, IReadOnlyDictionary<string, string?> fields)
    {
        var wire = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in fields)
        {
            var kind = columns.List.Column(name).Kind;
            wire[columns.InternalName(name)] = value is null ? null! : kind switch
            {
                TrackerColumnKind.Number => decimal.Parse(value, CultureInfo.InvariantCulture),
                TrackerColumnKind.Boolean => bool.Parse(value),
                _ => value,
            };
        }

        return wire;
    }

    private static ListItemState? Read(ColumnMap columns, ListItem item)
    {
        if (item.Id is null || item.Fields?.AdditionalData is not { } data)
        {
            return null; // A deleted item comes back without fields: the hub does not recreate what people removed.
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (internalName, value) in data)
        {
            if (columns.TryName(internalName, out var name))
            {
                fields[name] = Text(value);
            }
        }

        var by = item.LastModifiedBy?.User is { } user
            ? (user.AdditionalData.TryGetValue("email", out var email) ? email?.ToString() : null) ?? user.DisplayName
            : null;
        return new ListItemState(item.Id, item.ETag, fields, item.LastModifiedDateTime, by);
    }

    /// <summary>Kiota reads numbers as decimal and date-like strings as DateTime (GRAPH.md §5.2): back to the hub's text.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => TrackerValues.Instant(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc))),
        DateTimeOffset d => TrackerValues.Instant(d),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The per-step retry inside a <c>$batch</c>: throttled steps are sent again under the Graph client's own retry
    /// policy (attempts, longest wait, the service's Retry-After, waits through <see cref="TimeProvider"/>), since the
    /// HTTP layer cannot see them: their batch came back 200.
    /// </summary>
    private static ResiliencePipeline<BatchRound> BatchStepRetry(RetryRules rules, TimeProvider timeProvider, ILogger logger) =>
        rules.MaxRetries <= 0
            ? ResiliencePipeline<BatchRound>.Empty
            : new ResiliencePipelineBuilder<BatchRound> { TimeProvider = timeProvider }
                .AddRetry(rules.Strategy<BatchRound>(
                    outcome => outcome.Result is { Throttled.Count: > 0 },
                    outcome => outcome.Result?.RetryAfter,
                    args => LogStepRetry(logger, args.Outcome.Result?.Throttled.Count ?? 0, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds)))
                .Build();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a $batch of {Steps} step(s) to the {List} list; {Throttled} throttled so far")]
    private static partial void LogBatch(ILogger logger, string list, int steps, int throttled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Steps} $batch step(s) throttled; retry {Attempt} in {DelayMs} ms")]
    private static partial void LogStepRetry(ILogger logger, int steps, int attempt, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {List} list's delta link expired (410); reading the list afresh")]
    private static partial void LogDeltaExpired(ILogger logger, string list);
}

/// <summary>One round of batch sends: the writes to send again, the longest Retry-After among them, and their status.</summary>
internal sealed record BatchRound(List<ItemWrite> Throttled, TimeSpan? RetryAfter, int ThrottleStatus);
