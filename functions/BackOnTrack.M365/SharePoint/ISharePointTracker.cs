using BackOnTrack.Core.Tracker;

namespace BackOnTrack.M365.SharePoint;

/// <summary>An item as read from a list: SharePoint's id and eTag, the hub's fields by column name, and who last changed it.</summary>
public sealed record ListItemState(string ItemId, string? ETag, IReadOnlyDictionary<string, string?> Fields, DateTimeOffset? ModifiedAt, string? ModifiedBy);

/// <summary>One item to write.</summary>
/// <param name="Key">The item's key (ActionId, FigureId or ReturnId), which the list holds unique.</param>
/// <param name="ItemId">SharePoint's id when known: then the changed fields are patched; null: the item is created.</param>
/// <param name="ETag">The eTag the patch is conditional on (If-Match); a newer item answers 412.</param>
/// <param name="Fields">The fields to send: every field for a create, the changed ones for a patch.</param>
/// <param name="IsNew">True when the hub never pushed the item before (outbox mode records an upsert, not an edit).</param>
public sealed record ItemWrite(string Key, string? ItemId, string? ETag, IReadOnlyDictionary<string, string?> Fields, bool IsNew);

public enum ItemWriteOutcome
{
    /// <summary>SharePoint took it; the result carries the item's id and new eTag.</summary>
    Written,

    /// <summary>Outbox mode: recorded as the request that would have been sent.</summary>
    Outboxed,

    /// <summary>412 (the item changed since its eTag was read) or 409 (a create found the key taken): re-read and reconcile.</summary>
    Conflict,

    /// <summary>Refused, or still throttled after every retry: the item keeps its old state and is tried on the next sync.</summary>
    Failed,
}

/// <summary>What became of one <see cref="ItemWrite"/>.</summary>
public sealed record ItemWriteResult(string Key, ItemWriteOutcome Outcome, string? ItemId = null, string? ETag = null, int Status = 0, string? Error = null);

/// <summary>A read of a list's changes: the items changed (the last version of each), and where the next read starts.</summary>
/// <param name="Items">Changed items (every item after a fresh enumeration).</param>
/// <param name="DeltaLink">The link to keep for the next read.</param>
/// <param name="Restarted">True when the kept link had expired (410) and the list was enumerated afresh.</param>
public sealed record ListChanges(IReadOnlyList<ListItemState> Items, string DeltaLink, bool Restarted);

/// <summary>
/// The hub's SharePoint lists: Graph in a tenant, the outbox without one (DESIGN §5). Fields are keyed by the hub's
/// column names (<see cref="TrackerLists"/>) in their canonical text form; the <see cref="ColumnMap"/> from
/// <see cref="ResolveColumnsAsync"/> turns them into the list's internal names.
/// </summary>
public interface ISharePointTracker
{
    /// <summary>False in outbox mode: there is no list to read people's edits from.</summary>
    bool ReadsEdits { get; }

    /// <summary>Which list this is on which site: the delta link kept for a list is only ever used on that list.</summary>
    string ListAddress(TrackerListDefinition list);

    /// <summary>Reads the list's columns and maps the hub's columns to them; throws <see cref="TrackerColumnsMissingException"/>.</summary>
    Task<ColumnMap> ResolveColumnsAsync(TrackerListDefinition list, CancellationToken cancellationToken);

    /// <summary>Every item of the list by its key column's value, with the given columns read.</summary>
    Task<IReadOnlyDictionary<string, ListItemState>> ListItemsAsync(ColumnMap columns, IReadOnlyList<string> read, CancellationToken cancellationToken);

    /// <summary>Writes the items in <c>$batch</c> requests of at most 20, retrying throttled steps; one result per write.</summary>
    Task<IReadOnlyList<ItemWriteResult>> WriteAsync(ColumnMap columns, IReadOnlyList<ItemWrite> writes, CancellationToken cancellationToken);

    /// <summary>One item with the given columns read; null when it no longer exists.</summary>
    Task<ListItemState?> GetItemAsync(ColumnMap columns, string itemId, IReadOnlyList<string> read, CancellationToken cancellationToken);

    /// <summary>The items changed since <paramref name="deltaLink"/> (all of them when null, or when the link expired).</summary>
    Task<ListChanges> ReadChangesAsync(ColumnMap columns, string? deltaLink, IReadOnlyList<string> read, CancellationToken cancellationToken);
}
