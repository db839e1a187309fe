using Azure.Data.Tables;

namespace BackOnTrack.Storage.Repositories;

/// <summary>
/// Writes many entities as entity-group transactions through the SDK: one pending batch per table and partition, sent
/// when it reaches 100 operations (or on flush), with several batches in flight at once. Memory holds at most one
/// batch per partition plus the batches in flight. Every operation is an upsert, so a batch sent twice changes nothing.
/// </summary>
public sealed class PartitionedTableWriter(TableServiceClient tables, int maxConcurrentBatches = PartitionedTableWriter.DefaultConcurrency) : IAsyncDisposable
{
    /// <summary>Batches in flight at once: enough to hide round trips, few enough not to swamp one partition.</summary>
    public const int DefaultConcurrency = 8;

    private readonly Dictionary<(string Table, string Partition), List<TableTransactionAction>> _pending = [];
    private readonly Dictionary<string, TableClient> _clients = new(StringComparer.Ordinal);
    private readonly List<Task> _inFlight = [];
    private readonly HashSet<(string Table, string Partition)> _touched = [];

    private long _entitiesWritten;

    /// <summary>Entities written so far (sent in completed batches).</summary>
    public long EntitiesWritten => Interlocked.Read(ref _entitiesWritten);

    /// <summary>Every (table, partition) this writer has written to.</summary>
    public IReadOnlyCollection<(string Table, string Partition)> Touched => _touched;

    /// <summary>Every (table, partition) written to, as <c>Table|PartitionKey</c> in order (how DataDrops lists them).</summary>
    public List<string> TouchedPartitions() => [.. _touched.Select(t => $"{t.Table}|{t.Partition}").Order(StringComparer.Ordinal)];

    public async Task UpsertAsync(string table, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        entity.WithoutNulls();
        var key = (table, entity.PartitionKey);
        if (!_pending.TryGetValue(key, out var batch))
        {
            batch = new List<TableTransactionAction>(TableTransactions.MaxOperations);
            _pending[key] = batch;
            _touched.Add(key);
        }
        else if (batch.Exists(a => a.Entity.RowKey == entity.RowKey))
        {
            // A transaction names each entity once: send what is pending before this second write of the same row.
            await SendAsync(key, cancellationToken).ConfigureAwait(false);
            batch = new List<TableTransactionAction>(TableTransactions.MaxOperations);
            _pending[key] = batch;
        }

        batch.Add(new TableTransactionAction(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, entity));
        if (batch.Count == TableTransactions.MaxOperations)
        {
            await SendAsync(key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every pending batch and waits for all in flight; throws the first failure.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var key in _pending.Keys.ToList())
        {
            await SendAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        _inFlight.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        // Batches already sent must finish before their entities' memory and the client go away.
        try
        {
            await Task.WhenAll(_inFlight).ConfigureAwait(false);
        }
        catch (Exception) when (_inFlight.Any(t => t.IsFaulted || t.IsCanceled))
        {
            // Already surfaced by FlushAsync, or abandoned because the caller is failing anyway.
        }
    }

    private async Task SendAsync((string Table, string Partition) key, CancellationToken cancellationToken)
    {
        if (!_pending.Remove(key, out var batch) || batch.Count == 0)
        {
            return;
        }

        while (_inFlight.Count >= maxConcurrentBatches)
        {
            var done = await Task.WhenAny(_inFlight).ConfigureAwait(false);
            _inFlight.Remove(done);
            await done.ConfigureAwait(false);
        }

        if (!_clients.TryGetValue(key.Table, out var client))
        {
            client = tables.GetTableClient(key.Table);
            _clients[key.Table] = client;
        }

        _inFlight.Add(SendBatchAsync(client, batch, cancellationToken));
    }

    private async Task SendBatchAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        await table.SubmitCheckedAsync(batch, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _entitiesWritten, batch.Count);
    }
}
