using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOnTrack.Core.Tracker;
using BackOnTrack.M365.Outbox;

namespace BackOnTrack.M365.SharePoint;

/// <summary>
/// Outbox mode's lists: each write is recorded in table Outbox (channel SharePoint) as the <c>$batch</c> step that
/// would have been sent. Kind <c>upsert</c>: an item the hub never pushed before, with every field (a create, keyed by
/// its ActionId, FigureId or ReturnId); kind <c>edit</c>: the changed fields of an item pushed before (a patch). Nothing can be
/// read back: there is no list.
/// </summary>
public sealed class OutboxSharePointTracker(OutboxStore outbox) : ISharePointTracker
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public bool ReadsEdits => false;

    public string ListAddress(TrackerListDefinition list) => $"outbox/{list?.Kind}";

    public Task<ColumnMap> ResolveColumnsAsync(TrackerListDefinition list, CancellationToken cancellationToken) => Task.FromResult(ColumnMap.AsProvisioned(list));

    public Task<IReadOnlyDictionary<string, ListItemState>> ListItemsAsync(ColumnMap columns, IReadOnlyList<string> read, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, ListItemState>>(new Dictionary<string, ListItemState>());

    public async Task<IReadOnlyList<ItemWriteResult>> WriteAsync(ColumnMap columns, IReadOnlyList<ItemWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(writes);
        var results = new List<ItemWriteResult>();
        foreach (var write in writes)
        {
            var fields = new JsonObject();
            foreach (var (name, value) in write.Fields)
            {
                fields[columns.InternalName(name)] = value;
            }

            var payload = new JsonObject
            {
                ["list"] = columns.List.Kind,
                ["key"] = write.Key,
                ["method"] = write.IsNew ? "POST" : "PATCH",
                ["fields"] = fields,
            };
            await outbox.AppendAsync(
                OutboxChannels.SharePoint,
                write.IsNew ? OutboxKinds.Upsert : OutboxKinds.Edit,
                payload.ToJsonString(Json),
                recipient: null,
                actionKey: write.Key,
                cancellationToken).ConfigureAwait(false);
            results.Add(new ItemWriteResult(write.Key, ItemWriteOutcome.Outboxed));
        }

        return results;
    }

    public Task<ListItemState?> GetItemAsync(ColumnMap columns, string itemId, IReadOnlyList<string> read, CancellationToken cancellationToken) =>
        Task.FromResult<ListItemState?>(null);

    public Task<ListChanges> ReadChangesAsync(ColumnMap columns, string? deltaLink, IReadOnlyList<string> read, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Outbox mode has no SharePoint list to read edits from.");
}
